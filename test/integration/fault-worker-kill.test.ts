/**
 * Fault: the worker process is killed with SIGKILL in the middle of a burst of reminders and
 * a new one is started on the same data directory (the mail ledger). Every expected email
 * reaches the real loopback SMTP sink (counted by Message-ID); the only second copies are of
 * messages the SMTP server had accepted when the worker died, before their ledger lines were on
 * disk (at least once, with the same Message-ID). How many those are depends on the fsync under
 * way at the kill (the ledger commits in groups), not only on the pool's three connections.
 *
 * The worker runs in a child process (test/helpers/fault-worker.ts: the production notifier
 * over SMTP, links signed with DONDOC_LINK_SECRET) against the run's shared dev server.
 * A burst: 64 occurrences (two obligations × 32 units) opened together with one ladder
 * compressed to STEP-long working days, so each step puts 64 or 128 emails due in the same
 * instant: reminder, due-day notice, escalation to the owner and its supervisor, close.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import type { Ladder } from '../../domain/model';
import type { OccurrenceState } from '../../workflows/messages';
import { burstSpecs, expectedMail, skippedMail, tallyMail } from '../helpers/fault';
import { useFaultRun } from '../helpers/fault-run';
import { HOLD_LADDER, planIndex, sleep, startOccurrence, testConfig, uniqueTag } from '../helpers/integration-plan';

/** Reminder one step before the due instant, the due-day notice, one escalation (owner and supervisor), closed two steps after. */
const BURST_LADDER: Ladder = { ...HOLD_LADDER, id: 'fault-burst', closeAfter: 2 };
const OBLIGATIONS = ['citizen-reception-invite', 'chair-working-session'];
const STEP = 8_000;
const LEAD = 4_000;

/** The keys of the mail ledger's lines (a line torn by the kill is skipped, as the ledger itself does). */
function ledgerLines(dataDir: string): { key: string; outcome: string; at: string }[] {
  const file = path.join(dataDir, 'mail-ledger.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as { key: string; outcome: string; at: string }];
      } catch {
        return [];
      }
    });
}

const run = useFaultRun('fault-kill');

it('kill -9 of the worker mid-burst, then a new worker: every email not made stale by the outage arrives; copies only of messages accepted but not yet recorded at the kill', { timeout: 240_000 }, async () => {
  const tag = uniqueTag('fk');
  const taskQueue = `fault-kill-${tag}`;
  const config = testConfig({ tag, obligations: OBLIGATIONS, ladder: BURST_LADDER });
  const { env, sink, dataDir, leftovers } = run;
  const worker = () => run.worker(taskQueue);

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
  const recordedAtKill = new Set(ledgerLines(dataDir).map((e) => e.key));
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
  // Nothing is lost: every email that did not arrive was recorded as skipped. The other way
  // round has the duplicates' window: a message the SMTP server accepted in the instant before
  // the kill, before its ledger line was written, is unknown to the new worker, which may then
  // record it as skipped (if superseded) or send it again (if not).
  const skipped = skippedMail(results);
  const missing = tally.missing.map((m) => m.messageId);
  expect(missing.filter((id) => !skipped.has(id))).toEqual([]);
  const skippedButArrived = [...skipped].filter((id) => !missing.includes(id));
  for (const id of skippedButArrived) {
    expect(sink.messages.find((m) => m.parsed.messageId === id)!.receivedAt).toBeLessThanOrEqual(killedAtMs + 1_000);
  }
  expect(tally.arrived).toBe(expected.size - skipped.size + skippedButArrived.length);
  expect(tally.unexpected).toBe(0);

  // The workflows saw every step through: sent or skipped as stale, no recipient recorded as failed.
  for (const r of results) {
    expect(r.status).toBe('overdue');
    expect(r.final).toBe(true);
    for (const s of r.steps) expect(s.state === 'sent' || (s.state === 'skipped' && ['superseded', 'past-deadline'].includes(s.skipReason!))).toBe(true);
    expect(r.steps.flatMap((s) => s.failures ?? [])).toEqual([]);
  }
  // The second worker sent the rest: the ledger (one line per message) holds each once.
  const ledger = ledgerLines(dataDir);
  expect(new Set(ledger.map((e) => e.key)).size).toBe(expected.size - skipped.size);
  expect(ledger.filter((e) => skippedButArrived.includes(e.key))).toEqual([]);
  expect(ledger.every((e) => e.outcome === 'sent')).toBe(true);

  // Duplicates: only a message the SMTP server had accepted when the worker died, before
  // the worker could record it (ledger entry after the kill), can go out again (at least
  // once; same Message-ID, which mail clients collapse).
  for (const id of tally.duplicateIds) {
    const copies = sink.messages.filter((m) => m.parsed.messageId === id);
    console.log(`fault-worker-kill: duplicate ${id}: copies at ${copies.map((m) => m.receivedAt - killedAtMs).join(', ')} ms from the kill`);
    expect(copies[0]!.receivedAt).toBeLessThanOrEqual(killedAtMs + 1_000);
    const recorded = ledger.filter((e) => e.key === id).map((e) => Date.parse(e.at));
    expect(Math.min(...recorded)).toBeGreaterThanOrEqual(killedAtMs);
  }
  // Every copy, and every skipped notice that arrived all the same, is of a message the sink had
  // by the kill (or on the wire then) whose ledger line was not in the ledger file as read right
  // after the kill.
  const unrecordedAtKill = new Set(
    sink.messages.filter((m) => m.receivedAt <= killedAtMs + 1_000 && !recordedAtKill.has(m.parsed.messageId ?? '')).map((m) => m.parsed.messageId),
  );
  console.log(`fault-worker-kill: ${unrecordedAtKill.size} accepted but not recorded at the kill; ${tally.duplicates} sent again, ${skippedButArrived.length} skipped after arriving`);
  for (const id of [...tally.duplicateIds, ...skippedButArrived]) expect(unrecordedAtKill.has(id), id).toBe(true);
  expect(tally.received).toBe(tally.arrived + tally.duplicates);
  expect(second.output()).toMatch(/dondoc: mail /);

  second.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
});
