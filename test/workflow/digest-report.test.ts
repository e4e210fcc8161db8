/**
 * An occurrence whose notice waits in a morning digest, on the time-skipping server: the
 * harness answers the reminder of the quarterly briefing (−5, 23/9/2024, owner and four
 * participants) as queued in one mailbox, and the test plays the mailbox's report back with
 * the signal the mailbox sends. Sent: the step records when and through which digest; deferred:
 * the occurrence sends it again on its own retry timer (and the catch-up rule weighs it then).
 */
import { beforeAll, expect, test } from 'vitest';
import { digestOutcomeSignal, type OccurrenceState } from '../../workflows/messages';
import { at, specById } from '../helpers/dondoc-harness';
import { useHarness } from '../helpers/use-harness';

const BRIEFING = 'occ/quarterly-briefing/huyen/2024-Q3';
const DIGEST = 'digest/ke-hoach-115-luc-ngan/2024-09-23/0123456789abcdef';

const rig = useHarness();
let reminderAttempts = 0;

beforeAll(() => {
  const { h } = rig;
  // The first attempt of the reminder in each test is queued; a later one goes at once.
  h.queueNotices((n) => (n.step.index === 0 && reminderAttempts++ === 0 ? DIGEST : undefined));
});

const reminderOf = (s: OccurrenceState) => s.steps.find((x) => x.index === 0)!;

/** The briefing, just after its first reminder (−5, 23/9/2024 07:15) was queued in the digest. */
async function queuedBriefing() {
  rig.h.resetNotices();
  reminderAttempts = 0;
  const r = await rig.h.startOccurrence(specById(BRIEFING));
  await r.advanceTo(at('2024-09-23', '08:00'));
  return { r, queued: reminderOf(await r.state()) };
}

test('sent in the digest: delivered, when (in the occurrence’s time) and through which digest', async () => {
  const { env } = rig;
  const { r, queued } = await queuedBriefing();
  expect(queued.state).toBe('sending');
  expect(queued.digests).toEqual([{ id: DIGEST, bodies: queued.to, state: 'queued' }]);
  expect(queued.sentAtMs).toBeUndefined();

  const serverAtMs = await env.currentTimeMs();
  await r.handle.signal(digestOutcomeSignal, { digest: DIGEST, step: 0, bodies: queued.to, atMs: serverAtMs, result: { outcome: 'sent', messageId: '<x@dondoc>' } });
  const sent = reminderOf(await r.state());
  expect(sent.state).toBe('sent');
  expect(sent.digests).toEqual([{ id: DIGEST, bodies: queued.to, state: 'sent', atMs: serverAtMs + r.offset }]);
  expect(sent.sentAtMs).toBe(serverAtMs + r.offset);
  // A report told twice changes nothing.
  await r.handle.signal(digestOutcomeSignal, { digest: DIGEST, step: 0, bodies: queued.to, atMs: serverAtMs + 5_000, result: { outcome: 'failed', reason: '550' } });
  expect(reminderOf(await r.state())).toEqual(sent);
  await r.handle.terminate('test over');
});

test('deferred by the mailbox (SMTP down): the occurrence sends the notice again on its own retry timer', async () => {
  const { env } = rig;
  const { r, queued } = await queuedBriefing();
  await r.handle.signal(digestOutcomeSignal, { digest: DIGEST, step: 0, bodies: queued.to, atMs: await env.currentTimeMs(), result: { outcome: 'deferred', reason: '421 dịch vụ tạm ngừng' } });
  const retrying = reminderOf(await r.state());
  expect(retrying.state).toBe('retrying');
  expect(retrying.owed).toEqual(queued.to);
  expect(retrying.digests![0]!.state).toBe('deferred');
  await r.advanceTo(at('2024-09-23', '08:05'));
  const again = reminderOf(await r.state());
  // The second attempt (the harness queues only the first) went out at once.
  expect(reminderAttempts).toBe(2);
  expect(again.state).toBe('sent');
  expect(again.sentAtMs).toBeGreaterThan(retrying.retryAtMs! - 1);
  expect(again.attempts).toBe(1);
  await r.handle.terminate('test over');
});
