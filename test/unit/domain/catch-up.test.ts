import { describe, expect, it } from 'vitest';
import { toInstantMs } from '../../../domain/calendar/local-date';
import { catchUp, type DueStep } from '../../../domain/catch-up';

const at = (d: string, t = '07:30') => toInstantMs(d, t);
const HOUR = 3_600_000;
const deadline = { due: '2024-09-30', dueAtMs: at('2024-09-30', '08:00'), graceMs: 2 * HOUR };
const step = (index: number, kind: DueStep['kind'], date: string, to: string[], ready = true): DueStep => ({ index, kind, atMs: at(date), to, ready });

const REMINDER_5 = step(0, 'reminder', '2024-09-23', ['owner', 'a', 'b']);
const REMINDER_1 = step(1, 'reminder', '2024-09-27', ['owner']);
const DUE = step(2, 'due', '2024-09-30', ['owner']);
const OVERDUE = step(3, 'overdue', '2024-10-01', ['owner']);
const ESCALATION = step(4, 'escalation', '2024-10-03', ['owner', 'sup']);

describe('catchUp', () => {
  it('a step found within the grace is sent as it is, even when another is due', () => {
    const d = catchUp([REMINDER_1, DUE], at('2024-09-30', '08:30'), { ...deadline, graceMs: 400 * HOUR });
    expect(d.send).toEqual([
      { index: 1, to: ['owner'] },
      { index: 2, to: ['owner'] },
    ]);
    expect(d.skip).toEqual([]);
  });

  it('found late, each recipient gets the latest step that names it; the others are superseded by it', () => {
    const d = catchUp([OVERDUE, ESCALATION], at('2024-10-03', '12:00'), deadline);
    expect(d.send).toEqual([{ index: 4, to: ['owner', 'sup'] }]);
    expect(d.skip).toEqual([{ index: 3, to: ['owner'], reason: 'superseded', by: 4 }]);
  });

  it('a recipient named only by an earlier step still gets it', () => {
    const d = catchUp([REMINDER_5, REMINDER_1], at('2024-09-27', '12:00'), deadline);
    expect(d.send).toEqual([
      { index: 0, to: ['a', 'b'] },
      { index: 1, to: ['owner'] },
    ]);
    expect(d.skip).toEqual([{ index: 0, to: ['owner'], reason: 'superseded', by: 1 }]);
  });

  it('a late reminder after the deadline and a late due-day notice after the due day go to nobody', () => {
    const onDueDay = catchUp([REMINDER_5, REMINDER_1, DUE], at('2024-09-30', '12:00'), deadline);
    expect(onDueDay.send).toEqual([{ index: 2, to: ['owner'] }]);
    expect(onDueDay.skip).toEqual([
      { index: 0, to: ['owner', 'a', 'b'], reason: 'past-deadline' },
      { index: 1, to: ['owner'], reason: 'past-deadline' },
    ]);
    const nextDay = catchUp([DUE], at('2024-10-01', '06:00'), deadline);
    expect(nextDay).toEqual({ send: [], skip: [{ index: 2, to: ['owner'], reason: 'past-deadline' }] });
  });

  it('a reminder found late before the deadline is still true and goes', () => {
    const d = catchUp([REMINDER_1], at('2024-09-27', '16:00'), deadline);
    expect(d).toEqual({ send: [{ index: 1, to: ['owner'] }], skip: [] });
  });

  it('a step waiting for its next attempt is not sent now, but it supersedes earlier ones and can be superseded', () => {
    const waiting = { ...DUE, ready: false };
    const d = catchUp([REMINDER_1, waiting], at('2024-09-30', '07:45'), deadline);
    expect(d.send).toEqual([]);
    expect(d.skip).toEqual([{ index: 1, to: ['owner'], reason: 'superseded', by: 2 }]);
    const later = catchUp([{ ...OVERDUE, atMs: at('2024-10-01') }, { ...ESCALATION, ready: false }], at('2024-10-03', '12:00'), deadline);
    expect(later).toEqual({ send: [], skip: [{ index: 3, to: ['owner'], reason: 'superseded', by: 4 }] });
  });
});
