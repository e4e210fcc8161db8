/**
 * Working days of state and Party bodies: Monday–Friday (Decision 188/1999/QĐ-TTg),
 * minus the non-working days of {@link nonWorkingDays}, plus the weekend days that
 * official swaps turn into working days.
 *
 * Pure and deterministic; each year is computed once and memoized.
 */
import type { LocalDate, OfficialDay, OfficialYear } from '../model';
import { nonWorkingDays as computeNonWorkingDays, swappedWorkingDays, type NonWorkingDay } from './holidays';
import { addDays, compareDates, fromEpochDay, isWeekend, lastDayOfMonth, localDate, parts, toEpochDay } from './local-date';

interface YearData {
  nonWorking: readonly NonWorkingDay[];
  byDate: ReadonlyMap<LocalDate, NonWorkingDay>;
  swapped: readonly OfficialDay[];
  swappedDates: ReadonlySet<LocalDate>;
  /** Epoch day of 1 January. */
  start: number;
  /** prefix[i]: working days among the first i days of the year (built lazily). */
  prefix?: Int32Array;
}

export class WorkingCalendar {
  private readonly official = new Map<number, OfficialYear>();
  private readonly years = new Map<number, YearData>();

  /** `official`: the validated official yearly data; at most one entry per year. */
  constructor(official: readonly OfficialYear[] = []) {
    for (const y of official) {
      if (this.official.has(y.year)) throw new RangeError(`official calendar data lists year ${y.year} twice`);
      this.official.set(y.year, y);
    }
  }

  private year(year: number): YearData {
    let data = this.years.get(year);
    if (!data) {
      const official = this.official.get(year);
      const nonWorking = Object.freeze(computeNonWorkingDays(year, official));
      const swapped = Object.freeze(swappedWorkingDays(year, official));
      data = {
        nonWorking,
        byDate: new Map(nonWorking.map((d) => [d.date, d])),
        swapped,
        swappedDates: new Set(swapped.map((d) => d.date)),
        start: toEpochDay(localDate(year, 1, 1)),
      };
      this.years.set(year, data);
    }
    return data;
  }

  /** Working-day counts by day of the year, for fast counting over long ranges. */
  private prefix(year: number): Int32Array {
    const data = this.year(year);
    if (!data.prefix) {
      const length = toEpochDay(localDate(year, 12, 31)) - data.start + 1;
      const prefix = new Int32Array(length + 1);
      for (let i = 0; i < length; i += 1) {
        prefix[i + 1] = (prefix[i] as number) + (this.isWorkingDay(fromEpochDay(data.start + i)) ? 1 : 0);
      }
      data.prefix = prefix;
    }
    return data.prefix;
  }

  /** Working days from 1 January of d's year up to and including `d`. */
  private countInYearUpTo(d: LocalDate): number {
    const year = parts(d).year;
    return this.prefix(year)[toEpochDay(d) - this.year(year).start + 1] as number;
  }

  /** True when `d` is a working day: a weekday that is not a non-working day, or a swapped weekend day. */
  isWorkingDay(d: LocalDate): boolean {
    const data = this.year(parts(d).year);
    if (data.swappedDates.has(d)) return true;
    return !isWeekend(d) && !data.byDate.has(d);
  }

  /** Why `d` is not worked, when it is a holiday, compensatory or official day off; else undefined. */
  nonWorkingDay(d: LocalDate): NonWorkingDay | undefined {
    return this.year(parts(d).year).byDate.get(d);
  }

  /** Every non-working day of `year` other than an ordinary Saturday/Sunday, sorted. */
  nonWorkingDays(year: number): readonly NonWorkingDay[] {
    return this.year(year).nonWorking;
  }

  /** The weekend days of `year` that official swaps make working days, sorted. */
  swappedWorkingDays(year: number): readonly OfficialDay[] {
    return this.year(year).swapped;
  }

  /** True when official data for `year` was given (otherwise defaults are computed). */
  hasOfficialData(year: number): boolean {
    return this.official.has(year);
  }

  /** The latest working day on or before `d` (`d` itself when it is a working day). */
  onOrBefore(d: LocalDate): LocalDate {
    let day = d;
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }

  /** The earliest working day on or after `d` (`d` itself when it is a working day). */
  onOrAfter(d: LocalDate): LocalDate {
    let day = d;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /**
   * Moves by working days.
   *  - `n > 0`: the n-th working day strictly after `d` — addWorkingDays(Friday, 1) is the
   *    next Monday, or the first working day after it when Monday is a holiday;
   *  - `n < 0`: the |n|-th working day strictly before `d`;
   *  - `n = 0`: `d` unchanged, even when `d` is not a working day (use onOrBefore /
   *    onOrAfter to snap first).
   * `d` itself need not be a working day. With {@link workingDaysBetween}:
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for every n ≥ 0, and for every n
   * when `d` is a working day.
   */
  addWorkingDays(d: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
    const step = n < 0 ? -1 : 1;
    let day = d;
    for (let left = Math.abs(n); left > 0; ) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }

  /**
   * The number of working days in (a, b] — after `a`, up to and including `b` — when
   * b ≥ a; when b < a, minus the number in (b, a]. So it is antisymmetric, 0 for a = b, and
   * workingDaysBetween(Friday, next Monday) = 1 when that Monday is worked.
   */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    const order = compareDates(a, b);
    if (order > 0) {
      const n = this.workingDaysBetween(b, a);
      return n === 0 ? 0 : -n; // never -0
    }
    const ya = parts(a).year;
    const yb = parts(b).year;
    let count = this.countInYearUpTo(b) - this.countInYearUpTo(a);
    for (let y = ya; y < yb; y += 1) {
      const prefix = this.prefix(y);
      count += prefix[prefix.length - 1] as number;
    }
    return count;
  }

  /** The last working day of a month (1–12). */
  lastWorkingDayOfMonth(year: number, month: number): LocalDate {
    return this.onOrBefore(lastDayOfMonth(year, month));
  }

  /** The last working day of a quarter (1–4): of March, June, September or December. */
  lastWorkingDayOfQuarter(year: number, quarter: number): LocalDate {
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`quarter out of range: ${quarter}`);
    return this.lastWorkingDayOfMonth(year, quarter * 3);
  }

  /** The last working day of a year. */
  lastWorkingDayOfYear(year: number): LocalDate {
    return this.onOrBefore(localDate(year, 12, 31));
  }
}
