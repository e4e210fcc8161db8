/**
 * What an email needs to know about an occurrence beyond its spec, looked up in the plan
 * when sending: the meeting length, from the schedule of its period.
 */
import { recurrenceOfKey } from '../../domain/periods';
import type { PlanIndex } from '../../domain/occurrences';
import type { NotifyInput } from '../types';

export type Spec = NotifyInput['occurrence'];

/** Meetings without a duration in the plan are put in calendars for this long. */
export const DEFAULT_MEETING_MINUTES = 60;

/** Minutes the meeting lasts: the duration of the schedule that made this occurrence. */
export function meetingMinutes(index: PlanIndex, spec: Spec): number {
  const obligation = index.obligations.get(spec.obligation);
  const recurrence = recurrenceOfKey(spec.period);
  const schedule = obligation?.schedules.find((s) => s.recurrence === recurrence) ?? obligation?.schedules[0];
  return schedule?.durationMinutes ?? DEFAULT_MEETING_MINUTES;
}
