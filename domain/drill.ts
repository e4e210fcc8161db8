/**
 * A drill: one occurrence opened now with its ladder compressed — each ladder unit (a working
 * day) becomes `stepMs` — so a newcomer, a test or a benchmark sees the reminders, the due-day
 * notice and the escalations within minutes. Pure: the caller gives the clock and a random tail
 * (two drills started in the same second are two occurrences).
 */
import { localDateOfInstant } from './calendar/local-date';
import { eventLead, meetingOf } from './meetings';
import type { PlanIndex } from './occurrences';
import { specOf, type OccurrenceSpec } from './spec';
import { plainClock } from './timeline';

export class DrillError extends RangeError {
  constructor(
    message: string,
    readonly what: 'obligation' | 'unit',
  ) {
    super(message);
  }
}

export function drillSpec(index: PlanIndex, obligationId: string, unit: string, nowMs: number, stepMs: number, tail: string): OccurrenceSpec {
  if (!index.obligations.has(obligationId)) throw new DrillError(`no obligation ${obligationId}`, 'obligation');
  const target = index.targets(obligationId).find((t) => t.unit === unit);
  if (!target) throw new DrillError(`obligation ${obligationId} does not apply to unit ${unit}`, 'unit');
  const ladder = index.ladderOf(obligationId);
  const lead = Math.max(0, ...ladder.reminders.map((r) => r.before)) + 1;
  const dueAtMs = nowMs + lead * stepMs;
  const steps = index.timeline(target, plainClock(dueAtMs, stepMs));
  // The meeting at the deadline, or the event an invitation is for, as many steps after it as working days.
  const obligation = index.obligation(obligationId);
  const schedule = obligation.schedules[0]!;
  const eventAfter = eventLead(schedule.due);
  const meeting = meetingOf(obligation.kind, schedule, dueAtMs, eventAfter === undefined ? undefined : dueAtMs + eventAfter * stepMs);
  // To the second, plus the caller's random tail: two drills started together are two occurrences.
  const stamp = `${new Date(nowMs + 7 * 3_600_000).toISOString().slice(0, 19).replace(/[-:T]/g, '')}-${tail}`;
  const due = localDateOfInstant(dueAtMs);
  const id = `drill/${obligationId}/${target.key}/${stamp}`;
  const spec = specOf(index, {
    id,
    obligation: obligationId,
    unit: target.unit,
    target: target.key,
    owners: target.owners,
    participants: target.participants,
    period: { key: `drill-${stamp}`, recurrence: 'once', start: localDateOfInstant(nowMs), end: due, year: Number(due.slice(0, 4)) },
    due,
    dueAt: '',
    dueAtMs,
    overdueFromMs: dueAtMs + stepMs,
    opensOn: localDateOfInstant(nowMs),
    steps,
    ...(meeting ? { meeting } : {}),
  });
  const { unitEndsAtMs: _ignored, unitEnd: _unitEnd, ...rest } = spec;
  return { ...rest, graceMs: stepMs / 2 };
}
