/**
 * Local dates (`YYYY-MM-DD`, Asia/Ho_Chi_Minh) as plain strings, with arithmetic on
 * epoch-day integers (days since 1970-01-01, proleptic Gregorian calendar).
 *
 * Pure and deterministic: no `Date.now()`, no `new Date()`, no Intl, no host time zone.
 * Safe inside Temporal workflow sandboxes. Asia/Ho_Chi_Minh is a fixed UTC+7 with no
 * daylight saving time (since 1975), so wall-clock times convert with a constant offset.
 */
import type { LocalDate, LocalTime } from '../model';

/** Year, month (1–12) and day (1–31) of a local date. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Offset of Asia/Ho_Chi_Minh from UTC, in minutes (UTC+7, no DST). */
export const VN_UTC_OFFSET_MINUTES = 7 * 60;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days (28–31) in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`month out of range: ${month}`);
  }
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when `d` is a string `YYYY-MM-DD` naming a real calendar date (years 0001–9999). */
export function isValidLocalDate(d: unknown): d is LocalDate {
  if (typeof d !== 'string') return false;
  const m = DATE_RE.exec(d);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Splits a local date into numbers; throws RangeError when it is not a real date. */
export function parts(d: LocalDate): DateParts {
  if (!isValidLocalDate(d)) throw new RangeError(`not a valid local date (YYYY-MM-DD): ${String(d)}`);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds `YYYY-MM-DD` from numbers; throws RangeError when the date does not exist. */
export function localDate(year: number, month: number, day: number): LocalDate {
  const d = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || !isValidLocalDate(d)) {
    throw new RangeError(`no such date: ${year}-${month}-${day}`);
  }
  return d;
}

/**
 * Days since 1970-01-01 (negative before). Integer algorithm on the proleptic Gregorian
 * calendar (eras of 400 years), so no floating point and no Date object is involved.
 */
export function toEpochDay(d: LocalDate): number {
  const { year, month, day } = parts(d);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const mp = (month + 9) % 12; // March = 0 … February = 11
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** The local date `n` days after 1970-01-01 (inverse of {@link toEpochDay}). */
export function fromEpochDay(n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`epoch day must be an integer: ${n}`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return localDate(year, month, day);
}

/** The date `n` days after `d` (`n` may be negative). */
export function addDays(d: LocalDate, n: number): LocalDate {
  return fromEpochDay(toEpochDay(d) + n);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Day of the week: 0 = Sunday, 1 = Monday … 6 = Saturday. */
export function weekday(d: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(d) + 4) % 7) + 7) % 7;
}

/** True on Saturday and Sunday, the weekly rest days of state bodies (Decision 188/1999/QĐ-TTg). */
export function isWeekend(d: LocalDate): boolean {
  const w = weekday(d);
  return w === 0 || w === 6;
}

/** Negative when `a` is before `b`, 0 when equal, positive after (validates both). */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** The last day of a month. */
export function lastDayOfMonth(year: number, month: number): LocalDate {
  return localDate(year, month, daysInMonth(year, month));
}

/** True for a wall-clock time `HH:MM` (00:00–23:59). */
export function isValidLocalTime(t: unknown): t is LocalTime {
  return typeof t === 'string' && TIME_RE.test(t);
}

function minutesOfDay(t: LocalTime): number {
  const m = TIME_RE.exec(t);
  if (!m) throw new RangeError(`not a valid local time (HH:MM): ${String(t)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** ISO-8601 instant of a local date and time in Asia/Ho_Chi_Minh: `2026-09-30T08:00:00+07:00`. */
export function atLocalTime(d: LocalDate, time: LocalTime): string {
  minutesOfDay(time);
  parts(d);
  return `${d}T${time}:00+07:00`;
}

/** Epoch milliseconds of a local date and time in Asia/Ho_Chi_Minh (UTC+7). */
export function toInstantMs(d: LocalDate, time: LocalTime): number {
  return (toEpochDay(d) * 1440 + minutesOfDay(time) - VN_UTC_OFFSET_MINUTES) * MS_PER_MINUTE;
}

/** The local date in Asia/Ho_Chi_Minh at an instant given in epoch milliseconds. */
export function localDateOfInstant(ms: number): LocalDate {
  if (!Number.isFinite(ms)) throw new RangeError(`not a finite instant: ${ms}`);
  return fromEpochDay(Math.floor((ms + VN_UTC_OFFSET_MINUTES * MS_PER_MINUTE) / MS_PER_DAY));
}

const MINUTES_PER_DAY = 1440;

/** The wall-clock time in Vietnam (UTC+7) at an instant, `HH:MM`: `07:30`. */
export function timeOfInstant(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a finite instant: ${ms}`);
  const minutes = Math.floor(ms / MS_PER_MINUTE) + VN_UTC_OFFSET_MINUTES;
  const ofDay = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(ofDay / 60)).padStart(2, '0')}:${String(ofDay % 60).padStart(2, '0')}`;
}
