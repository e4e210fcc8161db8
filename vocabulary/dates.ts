/**
 * Dates and instants written the way Vietnamese offices write them. Pure and deterministic
 * (no Date, no Intl, no host time zone): safe in workflow code.
 */
import { localDateOfInstant, parts, timeOfInstant, weekday } from '../domain/calendar/local-date';
import type { NonWorkingDay } from '../domain/calendar/holidays';
import type { LocalDate } from '../domain/model';

/** Vietnamese weekday names, indexed 0 = Sunday … 6 = Saturday. */
export const WEEKDAY_NAMES_VI: readonly string[] = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `dd/mm/yyyy`: `30/09/2026`. */
export function formatVi(d: LocalDate): string {
  const { year, month, day } = parts(d);
  return `${pad2(day)}/${pad2(month)}/${String(year).padStart(4, '0')}`;
}

/** The Vietnamese weekday name: `Thứ Hai`, …, `Chủ nhật`. */
export function weekdayNameVi(d: LocalDate): string {
  return WEEKDAY_NAMES_VI[weekday(d)] as string;
}

/** Weekday and date: `Thứ Tư, 30/09/2026`. */
export function formatViLong(d: LocalDate): string {
  return `${weekdayNameVi(d)}, ${formatVi(d)}`;
}

/** An instant, time first: `07:30 Thứ Hai, 23/09/2024`. */
export function formatInstantVi(ms: number): string {
  return `${timeOfInstant(ms)} ${formatViLong(localDateOfInstant(ms))}`;
}

/** `Nghỉ bù Giỗ Tổ Hùng Vương (bù ngày 26/04/2026)`: a day off's name with what it compensates. */
export function nonWorkingDayLabel(day: NonWorkingDay): string {
  return day.substituteFor ? `${day.name} (bù ngày ${formatVi(day.substituteFor)})` : day.name;
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
