/**
 * When an occurrence asks for a calendar change, on the time-skipping server with the capturing
 * notifier (which keeps every change asked for): a meeting waived, closed with its unit, or
 * handed over to a successor is cancelled (METHOD:CANCEL) at the next revision; an extension that
 * moves the meeting sends an update (REQUEST) and the later notices carry the new revision; an
 * extension that leaves the event where it was, or a task done, changes no calendar.
 */
import { expect, test } from 'vitest';
import { completeUpdate, extendUpdate, waiveUpdate } from '../../workflows/messages';
import { at, specById } from '../helpers/dondoc-harness';
import { useHarness } from '../helpers/use-harness';

const rig = useHarness();

/** The calendar changes asked for by the occurrence `id` since `from`. */
const changesOf = (id: string, from: number) => rig.h.calendarChanges.slice(from).filter((c) => c.occurrence.id === id);

test('an invitation waived: its event cancelled, at revision 1', async () => {
  const { h } = rig;
  const from = h.calendarChanges.length;
  const r = await h.startOccurrence(specById('occ/citizen-reception-invite/bien-son/2024-03'));
  await r.advanceTo(at('2024-03-06', '12:00'));
  await r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason: 'Tháng này không tổ chức.' }] });
  const state = await r.result();
  expect(state.calendarSequence).toBe(1);
  expect(changesOf(r.spec.id, from).map((c) => [c.method, c.sequence, c.occurrence.meeting])).toEqual([['CANCEL', 1, r.spec.meeting]]);
});

test('a meeting closed because its unit ends (thị trấn Chũ, 31/12/2024): cancelled', async () => {
  const { h } = rig;
  const from = h.calendarChanges.length;
  const r = await h.startOccurrence(specById('occ/citizen-reception-invite/chu/2024-12'));
  const state = await r.result();
  expect(state.status).toBe('closed');
  expect(changesOf(r.spec.id, from).map((c) => [c.method, c.sequence, c.occurrence.unit])).toEqual([['CANCEL', 1, 'chu']]);
});

test("a meeting handed over to the successor unit: the ending unit's invitees get the cancellation", async () => {
  const { h } = rig;
  const from = h.calendarChanges.length;
  const r = await h.startOccurrence(specById('occ/chair-working-session/bien-dong/2024'));
  const state = await r.result();
  expect(state.handedOver).toBeDefined();
  const changes = changesOf(r.spec.id, from);
  expect(changes.map((c) => [c.method, c.sequence])).toEqual([['CANCEL', 1]]);
  expect(changes[0]!.occurrence.unit).toBe(state.handedOver!.from);
  expect(changes[0]!.occurrence.owners).toEqual(r.spec.owners);
});

test('an extension that moves the meeting: an update at revision 1, and the notices after it carry that revision', async () => {
  const { h } = rig;
  const from = h.calendarChanges.length;
  h.resetNotices();
  const r = await h.startOccurrence(specById('occ/quarterly-briefing/huyen/2024-Q3'));
  await r.advanceTo(at('2024-09-24', '12:00'));
  const extended = await r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-10-07', reason: 'Chờ ý kiến.' }] });
  await r.advanceTo(at('2024-10-07', '12:00'));
  const changes = changesOf(r.spec.id, from);
  expect(changes.map((c) => [c.method, c.sequence, c.occurrence.meeting!.startAtMs])).toEqual([['REQUEST', 1, extended.spec.meeting!.startAtMs]]);
  expect(extended.spec.meeting!.startAtMs).toBe(at('2024-10-07', '08:00'));
  const notices = r.notices();
  expect(notices.filter((n) => n.logicalAtMs < at('2024-09-24')).map((n) => n.calendarSequence)).toEqual([undefined]);
  const after = notices.filter((n) => n.logicalAtMs > at('2024-09-25'));
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((n) => n.calendarSequence === 1)).toBe(true);
  await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'tt-huyen-uy' }] });
  await r.result();
  expect(changesOf(r.spec.id, from)).toHaveLength(1); // done: no calendar change
});

test("an extension of an invitation's due date leaves the reception where it was: no calendar change", async () => {
  const { h } = rig;
  const from = h.calendarChanges.length;
  const r = await h.startOccurrence(specById('occ/citizen-reception-invite/bien-son/2024-07'));
  await r.advanceTo(at('2024-07-05', '12:00'));
  const extended = await r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-07-12', reason: 'Chờ lịch của Chủ tịch.' }] });
  expect(extended.spec.meeting).toEqual(r.spec.meeting);
  expect(extended.calendarSequence).toBeUndefined();
  await r.handle.terminate('test over');
  expect(changesOf(r.spec.id, from)).toEqual([]);
});
