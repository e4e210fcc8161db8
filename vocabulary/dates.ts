/**
 * Dates and instants written the way Vietnamese offices write them (Nghị định 30/2020/NĐ-CP,
 * appendix I; Hướng dẫn 36-HD/VPTW): a leading zero only for days 1–9 and for months 1 and 2
 * — `09/7/2021`, `30/9/2024`, `05/02/2025`, `15/12/2024` — and weekdays in lower case inside a
 * sentence ("thứ Hai, ngày 15/7/2024"; "Chủ nhật"). Pure and deterministic (no Date, no Intl,
 * no host time zone): safe in workflow code.
 */
import { localDateOfInstant, parts, timeOfInstant, weekday } from '../domain/calendar/local-date';
import type { NonWorkingDay } from '../domain/calendar/holidays';
import type { LocalDate } from '../domain/model';

/** Vietnamese weekday names as written inside a sentence, indexed 0 = Sunday … 6 = Saturday. */
export const WEEKDAY_NAMES_VI: readonly string[] = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/** A day of the month: `05`, `15` (days 1–9 take a leading zero). */
export function dayVi(day: number): string {
  return String(day).padStart(2, '0');
}

/** A month: `01`, `02`, `3`, …, `12` (only January and February take a leading zero). */
export function monthVi(month: number): string {
  return month <= 2 ? String(month).padStart(2, '0') : String(month);
}

/** `15/6`, `09/7`, `05/02`: a day of the year without its year. */
export function dayMonthVi(day: number, month: number): string {
  return `${dayVi(day)}/${monthVi(month)}`;
}

/** `30/9/2024`, `05/02/2025`, `09/7/2021`, `15/12/2024`. */
export function formatVi(d: LocalDate): string {
  const { year, month, day } = parts(d);
  return `${dayMonthVi(day, month)}/${String(year).padStart(4, '0')}`;
}

/** The weekday as written inside a sentence: `thứ Hai`, …, `Chủ nhật`. */
export function weekdayNameVi(d: LocalDate): string {
  return WEEKDAY_NAMES_VI[weekday(d)] as string;
}

/** Weekday and date, as inside a sentence: `thứ Hai, ngày 30/9/2024`, `Chủ nhật, ngày 26/4/2026`. */
export function formatViLong(d: LocalDate): string {
  return `${weekdayNameVi(d)}, ngày ${formatVi(d)}`;
}

/** An instant, time first: `07:30, thứ Hai, ngày 23/9/2024`. */
export function formatInstantVi(ms: number): string {
  return `${timeOfInstant(ms)}, ${formatViLong(localDateOfInstant(ms))}`;
}

/** `Nghỉ bù Giỗ Tổ Hùng Vương (bù ngày 26/4/2026)`: a day off's name with what it compensates. */
export function nonWorkingDayLabel(day: NonWorkingDay): string {
  return day.substituteFor ? `${day.name} (bù ngày ${formatVi(day.substituteFor)})` : day.name;
}

/** A time of day as a letter writes it: `8 giờ 00`, `14 giờ 30`. */
export function clockVi(ms: number): string {
  const [h = '0', m = '00'] = timeOfInstant(ms).split(':');
  return `${Number(h)} giờ ${m}`;
}

/** An instant as a letter or a page writes it: `9 giờ 59 phút, thứ Hai, ngày 30/9/2024`. */
export function momentVi(ms: number): string {
  return `${clockVi(ms)} phút, ${formatViLong(localDateOfInstant(ms))}`;
}

/**
 * A meeting's time as a letter writes it: `từ 8 giờ 00 đến 10 giờ 00, thứ Hai, ngày 30/9/2024`
 * (one running past midnight gets its end date too).
 */
export function meetingWhen(startMs: number, minutes: number): string {
  const endMs = startMs + minutes * 60_000;
  const startDay = localDateOfInstant(startMs);
  const endDay = localDateOfInstant(endMs);
  return startDay === endDay
    ? `${meetingHours(startMs, minutes)}, ${formatViLong(startDay)}`
    : `từ ${clockVi(startMs)}, ${formatViLong(startDay)} đến ${clockVi(endMs)}, ${formatViLong(endDay)}`;
}

/** A meeting's hours, without its day: `từ 8 giờ 00 đến 10 giờ 00`. */
export function meetingHours(startMs: number, minutes: number): string {
  return `từ ${clockVi(startMs)} đến ${clockVi(startMs + minutes * 60_000)}`;
}
