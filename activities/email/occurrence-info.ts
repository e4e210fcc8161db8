/**
 * What an email needs to know about an occurrence beyond its spec, looked up in the plan
 * when sending: names of bodies, the meeting length, the schedule of a period.
 */
import { formatViLong, localDateOfInstant } from '../../domain/calendar/local-date';
import { timeOfInstant } from '../../domain/format';
import type { Recurrence } from '../../domain/model';
import type { PlanIndex } from '../../domain/occurrences';
import { periodOfKey } from '../../domain/periods';
import type { NotifyInput } from '../types';

export type Spec = NotifyInput['occurrence'];

/** Meetings without a duration in the plan are put in calendars for this long. */
export const DEFAULT_MEETING_MINUTES = 60;

/** The recurrence of a period key: `2024-07`, `2024-Q3`, `2024-H1`, `2024`, `2021-12-31`. */
export function recurrenceOfPeriod(key: string): Recurrence {
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return 'once';
  return periodOfKey(key)?.recurrence ?? 'annual';
}

/** Minutes the meeting lasts: the duration of the schedule that made this occurrence. */
export function meetingMinutes(index: PlanIndex, spec: Spec): number {
  const obligation = index.obligations.get(spec.obligation);
  const recurrence = recurrenceOfPeriod(spec.period);
  const schedule = obligation?.schedules.find((s) => s.recurrence === recurrence) ?? obligation?.schedules[0];
  return schedule?.durationMinutes ?? DEFAULT_MEETING_MINUTES;
}

/** `08:00–10:00, Thứ Hai, 30/09/2024` (a meeting running past midnight gets its end date too). */
export function meetingWhen(startMs: number, minutes: number): string {
  const endMs = startMs + minutes * 60_000;
  const startDay = localDateOfInstant(startMs);
  const endDay = localDateOfInstant(endMs);
  return startDay === endDay
    ? `${timeOfInstant(startMs)}–${timeOfInstant(endMs)}, ${formatViLong(startDay)}`
    : `${timeOfInstant(startMs)} ${formatViLong(startDay)} – ${timeOfInstant(endMs)} ${formatViLong(endDay)}`;
}

export function bodyName(index: PlanIndex, id: string): string {
  return index.bodies.get(id)?.name ?? id;
}

/** `A`, `A và B`, `A, B và C`. */
export function joinVi(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;
}

/** `II.1 ¶2` → `mục II.1, đoạn 2`; `II.3 (Hội CCB)` → `mục II.3 (Hội CCB)`. */
export function clauseRefVi(ref: string): string {
  return `mục ${ref.replace(/\s*¶\s*(\d+)/g, ', đoạn $1')}`;
}
