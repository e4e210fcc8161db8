/**
 * Roles beyond the owner and participants: who receives a report, and what a calendar gets —
 * the meeting an owner convenes at the deadline, or the event an invitation is for.
 */
import { describe, expect, it } from 'vitest';
import { localDateOfInstant, toInstantMs } from '../../../domain/calendar/local-date';
import { meetingAfterExtension } from '../../../domain/meetings';
import { specOf } from '../../../domain/spec';
import { receiversOf } from '../../../domain/targets';
import { config, index } from './shipped';

const one = (id: string, from: string, to: string) => {
  const occ = index.occurrencesBetween(from, to).find((o) => o.id === id);
  if (!occ) throw new Error(`no occurrence ${id}`);
  return specOf(index, occ);
};

describe('the receivers of a report', () => {
  it('Ban Thường vụ Huyện ủy receives the annual report, and takes no part in drafting it', () => {
    const report = index.obligation('annual-implementation-report');
    expect(receiversOf(report, index.units.get('huyen')!, config.directory).map((b) => b.id)).toEqual(['btv-huyen-uy']);
    const spec = one('occ/annual-implementation-report/huyen/2024', '2024-12-01', '2024-12-31');
    expect(spec.participants).toEqual([]);
    // Only as Ban Dân vận's second supervisor, when the report is late, does it hear of it.
    for (const step of spec.steps.filter((s) => s.kind !== 'escalation')) expect(step.to, step.kind).not.toContain('btv-huyen-uy');
  });

  it('an obligation without receivers has none', () => {
    expect(receiversOf(index.obligation('quarterly-briefing'), index.units.get('huyen')!, config.directory)).toEqual([]);
  });
});

describe('the meeting of an occurrence', () => {
  it('a meeting the owner convenes is held at the deadline, for as long as the schedule says', () => {
    const briefing = one('occ/quarterly-briefing/huyen/2024-Q3', '2024-09-01', '2024-09-30');
    expect(briefing.meeting).toEqual({ startAtMs: briefing.dueAtMs, minutes: 120, onDueDate: true });
    const annual = one('occ/chair-working-session/bien-son/2024', '2024-12-01', '2024-12-31');
    expect(annual.meeting?.minutes).toBe(180);
  });

  it("the invitations to the chair's citizen reception are due two working days before the reception day, which the calendars get", () => {
    for (const [id, due, day] of [
      ['occ/citizen-reception-invite/bien-son/2024-07', '2024-07-11', '2024-07-15'],
      ['occ/citizen-reception-invite/huyen/2024-09', '2024-09-12', '2024-09-16'], // Sunday 15/9 → Monday 16/9
    ] as const) {
      const spec = one(id, '2024-07-01', '2024-09-30');
      expect(spec.kind).toBe('invitation');
      expect(spec.due, id).toBe(due);
      expect(spec.meeting, id).toEqual({ startAtMs: toInstantMs(day, '08:00'), minutes: 240, onDueDate: false });
      expect(spec.dueAtMs).toBeLessThan(spec.meeting!.startAtMs);
      expect(index.calendar.workingDaysBetween(spec.due, localDateOfInstant(spec.meeting!.startAtMs))).toBe(2);
    }
  });

  it('a duty without a meeting has none', () => {
    expect(one('occ/working-conditions/huyen/2024', '2024-12-01', '2024-12-31').meeting).toBeUndefined();
  });

  it('an extension moves a meeting held at the deadline, not an event held on its own day', () => {
    const later = toInstantMs('2024-10-07', '08:00');
    const briefing = one('occ/quarterly-briefing/huyen/2024-Q3', '2024-09-01', '2024-09-30');
    expect(meetingAfterExtension(briefing.meeting, later)).toEqual({ ...briefing.meeting, startAtMs: later });
    const reception = one('occ/citizen-reception-invite/huyen/2024-09', '2024-09-01', '2024-09-30');
    expect(meetingAfterExtension(reception.meeting, later)).toBe(reception.meeting);
    expect(meetingAfterExtension(undefined, later)).toBeUndefined();
  });
});
