/**
 * Output of `dondoc holidays --year Y [--json]`: pure formatting of a year's non-working
 * days (from WorkingCalendar.nonWorkingDays) and swapped working days. No I/O here; the
 * command that prints it is wired elsewhere.
 */
import type { LocalDate, OfficialDay } from '../../domain/model';
import type { NonWorkingDay, NonWorkingReason } from '../../domain/calendar/holidays';
import { capitalizeVi, formatViLong, nonWorkingDayLabel } from '../../vocabulary';

/** One line of the JSON output. */
export interface HolidayJson {
  date: LocalDate;
  name: string;
  reason: NonWorkingReason;
}

/** The JSON form: `[{date: 'YYYY-MM-DD', name, reason}]`, in the given (date) order. */
export function holidaysJson(list: readonly NonWorkingDay[]): HolidayJson[] {
  return list.map((d) => ({ date: d.date, name: d.name, reason: d.reason }));
}

/**
 * A readable Vietnamese listing, one line a day:
 *
 *     Ngày nghỉ năm 2026 (ngoài thứ Bảy, Chủ nhật hằng tuần): 12 ngày
 *     Thứ Năm, ngày 01/01/2026  Tết Dương lịch
 *     …
 *     Thứ Hai, ngày 27/4/2026  Nghỉ bù Giỗ Tổ Hùng Vương (bù ngày 26/4/2026)
 *
 *     Ngày làm việc bù (thứ Bảy, Chủ nhật đi làm): 1 ngày
 *     Thứ Bảy, ngày 10/01/2026  Làm bù cho ngày nghỉ thứ Sáu 02/01/2026
 *
 * Days the law leaves to a yearly decision, computed by default because no official data
 * was given (Tết, the day next to 2/9), are marked "dự kiến". The second block appears
 * only when `swapped` is not empty.
 */
export function holidaysText(year: number, list: readonly NonWorkingDay[], swapped: readonly OfficialDay[] = []): string {
  const lines: string[] = [];
  if (list.length === 0) {
    lines.push(`Năm ${year} không có ngày nghỉ nào ngoài thứ Bảy, Chủ nhật hằng tuần.`);
  } else {
    lines.push(`Ngày nghỉ năm ${year} (ngoài thứ Bảy, Chủ nhật hằng tuần): ${list.length} ngày`);
    for (const day of list) {
      const note = day.estimated ? ' — dự kiến, chưa có thông báo chính thức' : '';
      lines.push(`${capitalizeVi(formatViLong(day.date))}  ${nonWorkingDayLabel(day)}${note}`);
    }
  }
  if (swapped.length > 0) {
    lines.push('', `Ngày làm việc bù (thứ Bảy, Chủ nhật đi làm): ${swapped.length} ngày`);
    for (const day of swapped) lines.push(`${capitalizeVi(formatViLong(day.date))}  ${day.name}`);
  }
  return `${lines.join('\n')}\n`;
}
