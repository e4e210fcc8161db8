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
import { quietWhenPipeCloses } from '../pipe';
import { loadOrReport } from '../load-plan';
import { loadConfig, type LoadedConfig } from '../../config/load';
import { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { holidaysJson, holidaysText } from './holidays-format';

/** Where a command writes: process.stdout / process.stderr, or a buffer in tests. */
export interface Output {
  write(chunk: string): unknown;
}

export interface HolidaysOptions {
  year?: string;
  json?: boolean;
}

export interface HolidaysDeps {
  out?: Output;
  err?: Output;
  /** Loads the configuration; the shipped files by default. */
  load?: () => LoadedConfig;
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

/** Runs the command and prints; returns the exit code. */
export function runHolidays(options: HolidaysOptions, deps: HolidaysDeps = {}): number {
  const out = deps.out ?? process.stdout;
  const err = deps.err ?? process.stderr;
  const parsed = parseYear(options.year);
  if ('error' in parsed) {
    err.write(`dondoc holidays: ${parsed.error}\n`);
    return 2;
  }
  const loaded = loadOrReport(deps.load ?? (() => loadConfig()), err);
  if (!loaded) return 2;
  const calendar = new WorkingCalendar(loaded.config.calendar);
  const list = calendar.nonWorkingDays(parsed.year);
  if (options.json) {
    out.write(`${JSON.stringify(holidaysJson(list), null, 2)}\n`);
  } else {
    out.write(holidaysText(parsed.year, list, calendar.swappedWorkingDays(parsed.year)));
  }
  return 0;
}

export function register(program: Command): void {
  program
    .command('holidays')
    .description('Liệt kê ngày nghỉ lễ, Tết, nghỉ bù và ngày làm bù của một năm (ngoài thứ Bảy, Chủ nhật hằng tuần)')
    .option('--year <year>', `năm cần xem (${MIN_YEAR}–${MAX_YEAR})`)
    .option('--json', 'in dạng JSON: [{date, name, reason}]')
    .action((options: HolidaysOptions) => {
      quietWhenPipeCloses();
      process.exitCode = runHolidays(options);
    });
}
