/**
 * Periods of a recurrence and their keys: `2026-07` (monthly), `2026-Q3` (quarterly),
 * `2026-H1` (half-yearly: January–June, `H2` July–December), `2026` (annual) and, for a
 * one-off duty, its due date `2021-12-31`. Keys of different recurrences never collide, so
 * they can share an id space.
 */
import { addDays, compareDates, lastDayOfMonth, localDate, parts } from './calendar/local-date';
import type { LocalDate, Recurrence } from './model';

export interface Period {
  key: string;
  recurrence: Recurrence;
  /** First and last day of the period (inclusive). */
  start: LocalDate;
  end: LocalDate;
  year: number;
  /** Month 1–12 (monthly), quarter 1–4 (quarterly), half 1–2 (half-yearly), undefined otherwise. */
  index?: number;
}

/** Period `index` of `size` months in `year`: quarter 3 is months 7–9, half 2 months 7–12. */
function monthsOf(recurrence: Period['recurrence'], key: string, year: number, size: number, index: number): Period {
  return { key, recurrence, start: localDate(year, index * size - size + 1, 1), end: lastDayOfMonth(year, index * size), year, index };
}

const monthly = (year: number, month: number) => monthsOf('monthly', `${year}-${String(month).padStart(2, '0')}`, year, 1, month);
const quarterly = (year: number, quarter: number) => monthsOf('quarterly', `${year}-Q${quarter}`, year, 3, quarter);
const halfYearly = (year: number, half: number) => monthsOf('half-yearly', `${year}-H${half}`, year, 6, half);

function annual(year: number): Period {
  return { key: String(year), recurrence: 'annual', start: localDate(year, 1, 1), end: localDate(year, 12, 31), year };
}

/** The one-off period of a duty due on `due`, spanning from `opens` to `due`. */
export function oncePeriod(due: LocalDate, opens: LocalDate): Period {
  return { key: due, recurrence: 'once', start: opens, end: due, year: parts(due).year };
}

/** The period of a recurring schedule that contains `d`. */
export function periodContaining(recurrence: Exclude<Recurrence, 'once'>, d: LocalDate): Period {
  const { year, month } = parts(d);
  if (recurrence === 'monthly') return monthly(year, month);
  if (recurrence === 'quarterly') return quarterly(year, Math.ceil(month / 3));
  if (recurrence === 'half-yearly') return halfYearly(year, month <= 6 ? 1 : 2);
  return annual(year);
}

/** The period right after `p`. */
export function nextPeriod(p: Period): Period {
  if (p.recurrence === 'once') throw new RangeError('a one-off period has no successor');
  return periodContaining(p.recurrence, addDays(p.end, 1));
}

/** Every period of `recurrence` that overlaps [from, to], in order. */
export function periodsOverlapping(recurrence: Exclude<Recurrence, 'once'>, from: LocalDate, to: LocalDate): Period[] {
  const out: Period[] = [];
  for (let p = periodContaining(recurrence, from); compareDates(p.start, to) <= 0; p = nextPeriod(p)) out.push(p);
  return out;
}

/** The recurring period a key names (`2026-07`, `2026-Q3`, `2026-H1`, `2026`), or undefined. */
export function periodOfKey(key: string): Period | undefined {
  const m = /^(\d{4})(?:-(?:Q([1-4])|H([12])|(0[1-9]|1[0-2])))?$/.exec(key);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2]) return quarterly(year, Number(m[2]));
  if (m[3]) return halfYearly(year, Number(m[3]));
  if (m[4]) return monthly(year, Number(m[4]));
  return annual(year);
}

/** The recurrence of a period key: `2024-07`, `2024-Q3`, `2024-H1`, `2024`, `2021-12-31` (and drills, one-off). */
export function recurrenceOfKey(key: string): Recurrence {
  return periodOfKey(key)?.recurrence ?? 'once';
}
