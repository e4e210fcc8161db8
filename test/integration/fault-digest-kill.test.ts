/**
 * Fault: the worker process is killed with SIGKILL after a commune's notices of the morning
 * were queued in their mailboxes and before the digests went out; a new worker is started on
 * the same data directory (the mail ledger). Every digest reaches the real loopback SMTP sink,
 * with every notice, and duplicates stay within the stated bound.
 *
 * The bound (README, "Known limits"): a digest is sent by one activity whose input is fixed
 * in the mailbox's history, under a deterministic Message-ID, and recorded in the ledger once
 * the server accepted it; only a message accepted by the server and not yet recorded when the
 * worker died goes out again (same Message-ID): at most one per pooled SMTP connection in
 * flight at the kill. Killed during the gathering window, nothing is in flight: none twice.
 */
import { expect, it } from 'vitest';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import type { OccurrenceState } from '../../workflows/messages';
import { DIGEST_LADDER, DIGEST_OBLIGATIONS } from '../helpers/digest-plan';
import { useFaultRun } from '../helpers/fault-run';
import { planIndex, pollUntil, sleep, startOccurrence, testConfig, uniqueTag } from '../helpers/integration-plan';

const STEP = 20_000;
const WINDOW_S = 8;
/** activities/email/transport.ts: `maxConnections` of the SMTP pool. */
const SMTP_POOL_CONNECTIONS = 3;

const run = useFaultRun('fault-digest');

it('kill -9 between queueing and sending: the digests arrive from the next worker, each once', { timeout: 240_000 }, async () => {
  const tag = uniqueTag('fd');
  const taskQueue = `fault-digest-${tag}`;
  const index = planIndex(testConfig({ tag, obligations: DIGEST_OBLIGATIONS, ladder: DIGEST_LADDER }));
  const { env, sink, leftovers } = run;
  const worker = () => run.worker(taskQueue, { digestWindowS: WINDOW_S });
  const first = worker();
  await first.waitFor(/fault-worker: polling/);

  const now = Date.now();
  const specs = DIGEST_OBLIGATIONS.map((o) => drillSpec(index, o, 'bien-son', now, STEP, drillTail()));
  const handles = await Promise.all(
    specs.map((spec) => {
      const workflowId = `fault-digest/${tag}/${spec.obligation}`;
      leftovers.add(workflowId);
      return startOccurrence(env.client, spec, { workflowId, taskQueue });
    }),
  );
  // Every reminder queued in its mailbox, nothing sent yet: kill the worker.
  const queued = await pollUntil(
    () => Promise.all(handles.map((h) => h.query<OccurrenceState>('state'))),
    (states) => states.every((s) => s.steps[0]!.state === 'sending' && s.steps[0]!.digests?.length === s.steps[0]!.to.length),
    { timeoutMs: STEP + 30_000, intervalMs: 200 },
  );
  expect(queued.every((s) => s.steps[0]!.digests!.every((d) => d.state === 'queued'))).toBe(true);
  first.kill('SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');
  expect(sink.messages).toHaveLength(0);
  await sleep(WINDOW_S * 1000); // the gathering window ends with no worker at all

  const second = worker();
  await second.waitFor(/fault-worker: polling/);
  const states = await pollUntil(
    () => Promise.all(handles.map((h) => h.query<OccurrenceState>('state'))),
    (s) => s.every((x) => x.steps[0]!.state === 'sent'),
    { timeoutMs: 90_000, intervalMs: 500 },
  );
  await sleep(1_000); // a copy still on the wire would show now

  // One digest per address: the committee's of three, each organisation's of two.
  const expected = new Map([['ubnd-bien-son', 3], ...['mttq', 'hnd', 'hccb', 'hlhpn', 'doan-tn'].map((k) => [`${k}-bien-son`, 2] as [string, number])]);
  const byId = new Map<string, number>();
  for (const m of sink.messages) byId.set(m.parsed.messageId!, (byId.get(m.parsed.messageId!) ?? 0) + 1);
  const duplicates = [...byId.values()].reduce((n, c) => n + c - 1, 0);
  console.log(`fault-digest-kill: ${sink.messages.length} messages received, ${byId.size} distinct, ${duplicates} duplicates`);
  expect(byId.size).toBe(expected.size);
  for (const [body, items] of expected) {
    const mails = sink.to(`${body}@lucngan.test`);
    expect(mails.length, body).toBeGreaterThanOrEqual(1);
    expect(new Set(mails.map((m) => m.parsed.messageId)).size, body).toBe(1);
    expect(mails[0]!.parsed.subject).toMatch(new RegExp(`^\\[Nhắc việc\\] Tổng hợp ${items} nhiệm vụ ngày `));
    for (const s of states.filter((x) => x.steps[0]!.to.includes(body))) expect(mails[0]!.parsed.text).toContain(`] ${s.spec.shortTitle} — hạn `);
  }
  expect(duplicates).toBeLessThanOrEqual(SMTP_POOL_CONNECTIONS);
  // The timelines: delivered through the digest, after the kill.
  for (const s of states) for (const d of s.steps[0]!.digests!) expect(d.state).toBe('sent');
  expect(second.output()).toMatch(/dondoc: mail digest /);

  second.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
});
