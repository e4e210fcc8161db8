/**
 * Building blocks shared by the directory, plan and calendar schemas: ids, dates, times,
 * emails, durations and non-empty texts, each with a message that says what was expected
 * and what was found.
 */
import { z } from 'zod';

/** For compile-time checks that a schema produces exactly a model type. */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Stable ids: ASCII kebab-case, no diacritics (`bien-son`, `mttq-huyen`). */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DURATION_PATTERN = /^[1-9]\d*(s|m|h|d)$/;

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** A short, quoted rendering of a value found in a file, for error messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const text = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(text);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty mapping' : `a mapping with keys ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}`;
  }
  return typeof value;
}

/**
 * An error callback for a schema: `expected <what>, found <value>`. A missing value
 * (undefined) defers to the loader's error map, which says "missing required key".
 */
export function expected(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? undefined : `expected ${what}, found ${show(issue.input)}`);
}

/**
 * The error callback of a discriminated union: `expected <what>, found <value>` for a value
 * that is not a mapping; a wrong or missing discriminator is left to the loader's error
 * map, which names the key and its accepted values.
 */
export function expectedVariant(what: string) {
  const base = expected(what);
  return (issue: { input?: unknown; code?: string }) =>
    issue.code === 'invalid_union' && 'discriminator' in issue ? undefined : base(issue);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Why `text` is not a real `YYYY-MM-DD` date, or undefined when it is one. */
export function dateProblem(text: string): string | undefined {
  const m = DATE_PATTERN.exec(text);
  if (!m) return `expected a date written YYYY-MM-DD (e.g. "2021-12-31"), found ${show(text)}`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return `${show(text)} is not a real date: there is no month ${month}`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return `${show(text)} is not a real date: ${MONTHS[month - 1]} ${year} has ${last} days`;
  }
  return undefined;
}

/** Why `month`/`day` is not a day that exists every year, or undefined. */
export function dayOfYearProblem(month: number, day: number): string | undefined {
  if (month === 2 && day === 29) return 'day 29 of month 2 exists only in leap years; use 28/2 or 1/3';
  const last = daysInMonth(2001, month);
  if (day > last) return `day ${day} does not exist in month ${month} (${MONTHS[month - 1]} has ${last} days)`;
  return undefined;
}

/** An ASCII kebab-case id. */
export const id = z
  .string({ error: expected('an id (ASCII kebab-case text such as "bien-son")') })
  .regex(ID_PATTERN, {
    error: (issue) => `expected an id in ASCII kebab-case (a-z, 0-9 and single hyphens, e.g. "bien-son"), found ${show(issue.input)}`,
  });

/** A non-empty text, trimmed and normalised to NFC so that Vietnamese diacritics compare equal. */
export const text = z
  .string({ error: expected('a text') })
  .trim()
  .min(1, { error: 'expected a non-empty text, found an empty one' })
  .normalize('NFC');

/** A calendar date `YYYY-MM-DD` that exists (`2021-02-30` does not). */
export const localDate = z
  .string({ error: expected('a date written YYYY-MM-DD (quote it or write it plainly, e.g. 2021-12-31)') })
  .superRefine((value, ctx) => {
    const problem = dateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

/** A wall-clock time `HH:MM`, 24-hour. */
export const localTime = z
  .string({ error: expected('a time written HH:MM (e.g. "08:00")') })
  .regex(TIME_PATTERN, {
    error: (issue) => `expected a time written HH:MM, 24-hour (e.g. "08:00" or "14:30"), found ${show(issue.input)}`,
  });

/** A duration for drills: `90s`, `5m`, `2h`, `1d`. */
export const plainDuration = z
  .string({ error: expected('a duration such as "90s", "5m", "2h" or "1d"') })
  .regex(DURATION_PATTERN, {
    error: (issue) => `expected a duration: a whole number followed by s, m, h or d (e.g. "90s", "5m"), found ${show(issue.input)}`,
  });

export const email = z.email({
  error: (issue) => (issue.input === undefined ? undefined : `expected an email address (name@domain), found ${show(issue.input)}`),
});

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  const error = expected(`a whole number ${range}`);
  return z.int({ error }).min(min, { error }).max(max, { error });
}

/** `true` when `to` is on or after `from` (both `YYYY-MM-DD`, which sort as text). */
export function inOrder(from: string | undefined, to: string | undefined): boolean {
  return from === undefined || to === undefined || from <= to;
}

/** The issue of a validity that ends before it starts: `validTo 2020-01-01 is before validFrom 2021-01-01`, at validTo. */
export function checkValidity(v: { validFrom?: string; validTo?: string }, ctx: z.RefinementCtx): void {
  if (!inOrder(v.validFrom, v.validTo)) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: `validTo ${v.validTo} is before validFrom ${v.validFrom}`, input: v.validTo });
  }
}
