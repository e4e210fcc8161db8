/**
 * End to end under time skipping: a real occurrence workflow walks its whole ladder and its
 * notices (a local activity) go through the email notifier to the loopback SMTP server.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createActivities } from '../../activities';
import { MailLedger } from '../../activities/email/ledger';
import { emailNotifier } from '../../activities/email/notifier';
import { smtpTransport } from '../../activities/email/transport';
import { toInstantMs } from '../../domain/calendar/local-date';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import type { OccurrenceState } from '../../workflows/messages';
import { occurrenceStartOptions } from '../../workflows/start-options';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { bundledWorker, timeSkippingEnv } from '../helpers/temporal';
import { FROM, LINKS, REGISTRATION, staticPlanSource, withRealContacts } from '../unit/email/fixtures';

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-email-wf-'));

beforeAll(async () => {
  env = await timeSkippingEnv();
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  sink = await startSmtpSink();
});
afterAll(async () => {
  await env?.teardown();
  await sink?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('an unresolved occurrence: every notice of its ladder arrives once, a refused supervisor is recorded in the step', async () => {
  const plan = staticPlanSource(withRealContacts());
  const transport = smtpTransport(sink.url);
  const notifier = emailNotifier({ plan, transport, ledger: MailLedger.inDataDir(dataDir), links: LINKS, from: FROM, log: () => {} });
  sink.reject('dang-uy-bien-son@lucngan.test', 550);
  const taskQueue = 'email-e2e';
  const { worker } = await bundledWorker(env, {
    taskQueue,
    activities: createActivities({ plan, notifier, client: env.client, taskQueue }),
  });
  const spec = REGISTRATION();
  const timeOffsetMs = toInstantMs(spec.opensOn, '00:00') - (await env.currentTimeMs());
  try {
    const state = (await worker.runUntil(
      env.client.workflow.execute('occurrenceWorkflow', occurrenceStartOptions(spec, { taskQueue, timeOffsetMs })),
    )) as OccurrenceState;

    expect(state.status).toBe('overdue');
    expect(state.final).toBe(true);
    const sending = state.steps.filter((s) => s.kind !== 'close');
    expect(sending.every((s) => s.state === 'sent')).toBe(true);
    // The Party committee's address is refused for good: visible on every step that named it.
    for (const s of sending) {
      if (s.to.includes('dang-uy-bien-son')) expect(s.failures).toEqual([{ body: 'dang-uy-bien-son', reason: expect.stringContaining('550') }]);
      else expect(s.failures).toBeUndefined();
    }
    const expected = sending.reduce((n, s) => n + s.to.filter((b) => b !== 'dang-uy-bien-son').length, 0);
    expect(sink.messages).toHaveLength(expected);
    expect(new Set(sink.messages.map((m) => m.parsed.messageId)).size).toBe(expected);
    const subjects = sink.to('mttq-bien-son@lucngan.test').map((m) => m.parsed.subject);
    expect(subjects[0]).toBe('[Nhắc việc] Đăng ký hoạt động sáng tạo năm 2024 — hạn 29/3/2024');
    expect(subjects).toContain('[Đến hạn] Đăng ký hoạt động sáng tạo năm 2024 — hạn hôm nay, 29/3/2024');
    expect(subjects).toContain('[Quá hạn] Đăng ký hoạt động sáng tạo năm 2024 — chậm 1 ngày làm việc, hạn 29/3/2024');
    const monitor = sink.to('ban-dan-van@lucngan.test').map((m) => m.parsed.subject);
    expect(monitor).toEqual([7, 12, 17].map((d) => `[Theo dõi] Đăng ký hoạt động sáng tạo năm 2024 — Ủy ban MTTQ xã Biên Sơn chậm ${d} ngày làm việc`));
  } finally {
    await transport.close();
  }
});
