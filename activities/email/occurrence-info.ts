/**
 * What an email needs to know about an occurrence beyond its spec, looked up in the plan
 * when sending: names of bodies, the kind of a period, the wording of a meeting's time.
 */
import { formatViLong, localDateOfInstant } from '../../domain/calendar/local-date';
import { timeOfInstant } from '../../domain/format';
import type { Recurrence } from '../../domain/model';
import type { PlanIndex } from '../../domain/occurrences';
import type { NotifyInput } from '../types';

export type Spec = NotifyInput['occurrence'];

/** The recurrence of a period key: `2024-07`, `2024-Q3`, `2024`, `2021-12-31`. */
export function recurrenceOfPeriod(key: string): Recurrence {
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return 'once';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarterly';
  if (/^\d{4}-\d{2}$/.test(key)) return 'monthly';
  return 'annual';
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

export { joinVi } from '../../domain/format';

/** `II.1 ¶2` → `mục II.1, đoạn 2`; `II.3 (Hội CCB)` → `mục II.3 (Hội CCB)`. */
export function clauseRefVi(ref: string): string {
  return `mục ${ref.replace(/\s*¶\s*(\d+)/g, ', đoạn $1')}`;
}
