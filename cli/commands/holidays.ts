/**
 * `dondoc holidays --year Y [--json]`: the non-working days of a year other than ordinary
 * Saturdays and Sundays (holidays, compensatory days, days off from official notices),
 * from the shipped calendar data, and the weekend days swapped into working days.
 *
 * JSON: `[{date, name, reason}]` exactly. Text: a Vietnamese listing (holidays-format.ts).
 * Exit 0; 2 with one line on stderr for a bad year, or every issue of a configuration
 * that does not load.
 */
import type { Command } from 'commander';
import { loadPlan } from '../load-plan';
import { action, CliError, printed, type Printed } from '../output';
import { loadConfig, type LoadedConfig } from '../../config/load';
import { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { holidaysJson, holidaysText } from './holidays-format';

export interface HolidaysOptions {
  year?: string;
  json?: boolean;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** The year of `--year`, or the line saying why it is not one. */
export function parseYear(value: string | undefined): { year: number } | { error: string } {
  const expected = `cần một năm là số nguyên từ ${MIN_YEAR} đến ${MAX_YEAR}`;
  if (value === undefined) return { error: `thiếu --year: ${expected}, ví dụ --year 2026` };
  const text = value.trim();
  const year = /^[0-9]{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    return { error: `--year ${JSON.stringify(value)} không hợp lệ: ${expected}` };
  }
  return { year };
}

/** The year's days off, as text or JSON. */
export function runHolidays(options: HolidaysOptions, load: () => LoadedConfig = () => loadConfig()): Printed {
  const parsed = parseYear(options.year);
  if ('error' in parsed) throw new CliError(parsed.error);
  const calendar = new WorkingCalendar(loadPlan(load).config.calendar);
  const list = calendar.nonWorkingDays(parsed.year);
  return printed(options.json ? `${JSON.stringify(holidaysJson(list), null, 2)}\n` : holidaysText(parsed.year, list, calendar.swappedWorkingDays(parsed.year)));
}

export function register(program: Command): void {
  program
    .command('holidays')
    .description('Liệt kê ngày nghỉ lễ, Tết, nghỉ bù và ngày làm bù của một năm (ngoài thứ Bảy, Chủ nhật hằng tuần)')
    .option('--year <year>', `năm cần xem (${MIN_YEAR}–${MAX_YEAR})`)
    .option('--json', 'in dạng JSON: [{date, name, reason}]')
    .action(action('holidays', (options: HolidaysOptions) => runHolidays(options)));
}
