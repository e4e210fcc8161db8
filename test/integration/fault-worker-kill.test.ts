/**
 * Fault: the worker process is killed with SIGKILL in the middle of a burst of reminders and
 * a new one is started on the same data directory (the mail ledger). Every expected email
 * reaches the real loopback SMTP sink (counted by Message-ID); the only second copies are of
 * messages the SMTP server had accepted when the worker died, before it could record them
 * (at least once: at most one per pooled connection, with the same Message-ID).
 *
 * The worker runs in a child process (test/helpers/fault-worker.ts: the production notifier
 * over SMTP, links signed with DONDOC_LINK_SECRET) against the run's shared dev server.
 * A burst: 64 occurrences (two obligations × 32 units) opened together with one ladder
 * compressed to STEP-long working days, so each step puts 64 or 128 emails due in the same
 * instant: reminder, due-day notice, escalation to the owner and its supervisor, close.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Ladder } from '../../domain/model';
import type { OccurrenceState } from '../../workflows/messages';
import { burstSpecs, expectedMail, spawnWorker, tallyMail, type WorkerProcess } from '../helpers/fault';
import { HOLD_LADDER, planIndex, sleep, startOccurrence, terminateAll, testConfig, uniqueTag } from '../helpers/integration-plan';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { devServerEnv } from '../helpers/temporal';

/** Reminder one step before the due instant, the due-day notice, one escalation (owner and supervisor), closed two steps after. */
const BURST_LADDER: Ladder = { ...HOLD_LADDER, id: 'fault-burst', closeAfter: 2 };
const OBLIGATIONS = ['citizen-reception-invite', 'chair-working-session'];
const STEP = 8_000;
const LEAD = 4_000;
/** activities/email/transport.ts: `maxConnections` of the SMTP pool, the most messages in flight at once. */
const SMTP_POOL_CONNECTIONS = 3;

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-fault-kill-'));
const workers: WorkerProcess[] = [];
const leftovers = new Set<string>();

beforeAll(async () => {
  env = await devServerEnv();
  sink = await startSmtpSink();
});
afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
  if (env) await terminateAll(env.client, leftovers);
  await env?.teardown();
  await sink?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('kill -9 of the worker mid-burst, then a new worker: every email arrives; a second copy only of one the SMTP server accepted as the worker died, at most one per pooled connection', { timeout: 240_000 }, async () => {
  const tag = uniqueTag('fk');
  const taskQueue = `fault-kill-${tag}`;
  const config = testConfig({ tag, obligations: OBLIGATIONS, ladder: BURST_LADDER });
  const worker = () => {
    const w = spawnWorker({ temporalAddress: inject('temporalAddress'), taskQueue, dataDir, smtpUrl: sink.url, bundlePath: inject('workflowBundlePath') });
    workers.push(w);
    return w;
  };

  const first = worker();
  await first.waitFor(/fault-worker: polling/);

  // Opened LEAD from now: an occurrence whose first workflow task runs after two of its steps
  // are due sends only the latest (workflows/occurrence.ts), and starting 64 takes a moment.
  const specs = burstSpecs(planIndex(config), OBLIGATIONS, Date.now() + LEAD, STEP);
  expect(specs).toHaveLength(64);
  const expected = expectedMail(specs);
  const firstBurst = [...expected.values()].filter((e) => e.step === 0).length;
  expect(firstBurst).toBe(64);
  expect(expected.size).toBe(256); // 64 reminders + 64 due-day notices + 128 escalation emails
  const handles = await Promise.all(
    specs.map((spec) => {
      const workflowId = `fault-kill/${tag}/${spec.id}`;
      leftovers.add(workflowId);
      return startOccurrence(env.client, spec, { workflowId, taskQueue });
    }),
  );

  // SIGKILL while the first burst is being sent.
  await sink.waitFor(Math.floor(firstBurst / 3), 90_000);
  const killedAtMs = Date.now();
  first.kill('SIGKILL');
  const atKill = sink.messages.length;
  const killed = await first.exited;
  expect(killed.signal).toBe('SIGKILL');
  await sleep(STEP); // the next step falls due with no worker at all

  const second = worker();
  await second.waitFor(/fault-worker: polling/);
  const results = (await Promise.all(handles.map((h) => h.result()))) as OccurrenceState[];
  // Each workflow returns once its notices are done; a copy still on the wire would show now.
  await sleep(1_000);

  const tally = tallyMail(sink.messages, expected);
  console.log(
    `fault-worker-kill: ${tally.expected} emails expected, ${tally.arrived} arrived, ${tally.received} received in all, ` +
      `${tally.duplicates} duplicates, ${tally.unexpected} unexpected; killed after ${atKill} (first burst ${firstBurst})`,
  );
  expect(atKill).toBeLessThan(firstBurst); // killed mid-burst
  expect(tally.missing).toEqual([]);
  expect(tally.arrived).toBe(expected.size);
  expect(tally.unexpected).toBe(0);

  // The workflows saw every step through: sent, no recipient recorded as failed.
  for (const r of results) {
    expect(r.status).toBe('overdue');
    expect(r.final).toBe(true);
    expect(r.steps.map((s) => s.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(r.steps.flatMap((s) => s.failures ?? [])).toEqual([]);
  }
  // The second worker sent the rest: the ledger (one line per message) holds each once.
  const ledger = fs
    .readFileSync(path.join(dataDir, 'mail-ledger.jsonl'), 'utf8')
    .split('\n')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as { key: string; outcome: string; at: string }];
      } catch {
        return []; // a line torn by the kill: the ledger skips it too
      }
    });
  expect(new Set(ledger.map((e) => e.key)).size).toBe(expected.size);
  expect(ledger.every((e) => e.outcome === 'sent')).toBe(true);

  // Duplicates: only a message the SMTP server had accepted when the worker died, before
  // the worker could record it (ledger entry after the kill), can go out again (at least
  // once; same Message-ID, which mail clients collapse). At most one per pooled connection.
  for (const id of tally.duplicateIds) {
    const copies = sink.messages.filter((m) => m.parsed.messageId === id);
    console.log(`fault-worker-kill: duplicate ${id}: copies at ${copies.map((m) => m.receivedAt - killedAtMs).join(', ')} ms from the kill`);
    expect(copies[0]!.receivedAt).toBeLessThanOrEqual(killedAtMs + 1_000);
    const recorded = ledger.filter((e) => e.key === id).map((e) => Date.parse(e.at));
    expect(Math.min(...recorded)).toBeGreaterThanOrEqual(killedAtMs);
  }
  expect(tally.duplicates).toBeLessThanOrEqual(SMTP_POOL_CONNECTIONS);
  expect(tally.received).toBe(expected.size + tally.duplicates);
  expect(second.output()).toMatch(/dondoc: mail /);

  second.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
});
