/**
 * Schema of config/calendar/vn-official.yaml: the official yearly decisions on days off
 * (Tết, Quốc khánh, swaps). Parses `{ years: [...] }` and produces `OfficialYear[]`.
 *
 * Checks, beyond shapes (unknown keys are rejected everywhere):
 *  - dates are real calendar dates written `YYYY-MM-DD`, lying in the entry's `year`;
 *  - `workingDays` are Saturdays or Sundays (a swap makes a weekend day a working day);
 *  - no date is listed twice in an entry, nor both as a day off and as a working day;
 *  - each year appears once.
 */
import { z } from 'zod';
import type { OfficialDay, OfficialYear } from '../../domain/model';
import { isValidLocalDate, isWeekend, parts } from '../../domain/calendar/local-date';

/** A real calendar date `YYYY-MM-DD`. */
export const localDateSchema = z
  .string({ error: 'cần một ngày dạng YYYY-MM-DD (đặt trong dấu nháy)' })
  .refine(isValidLocalDate, { error: (issue) => `ngày không có thật hoặc sai dạng YYYY-MM-DD: ${String(issue.input)}` });

/** One day of an official decision. */
export const officialDaySchema = z
  .object({
    date: localDateSchema,
    name: z.string().trim().min(1, { error: 'cần tên ngày (tiếng Việt)' }),
  })
  .strict();

/** One year's official decisions. */
export const officialYearSchema = z
  .object({
    year: z.number().int().min(1900).max(2199),
    source: z.string().trim().min(1, { error: 'cần nguồn: số, ngày và cơ quan ban hành văn bản' }),
    daysOff: z.array(officialDaySchema).default([]),
    workingDays: z.array(officialDaySchema).default([]),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const seen = new Map<string, string>();
    const check = (list: readonly OfficialDay[], key: 'daysOff' | 'workingDays') => {
      list.forEach((day, i) => {
        if (!isValidLocalDate(day.date)) return; // already reported by localDateSchema
        const path = [key, i, 'date'];
        if (parts(day.date).year !== entry.year) {
          ctx.addIssue({ code: 'custom', path, message: `ngày ${day.date} không thuộc năm ${entry.year}` });
        }
        if (key === 'workingDays' && !isWeekend(day.date)) {
          ctx.addIssue({ code: 'custom', path, message: `ngày làm bù ${day.date} phải là thứ Bảy hoặc Chủ nhật` });
        }
        const previous = seen.get(day.date);
        if (previous !== undefined) {
          ctx.addIssue({ code: 'custom', path, message: `ngày ${day.date} đã có trong ${previous}` });
        } else {
          seen.set(day.date, key);
        }
      });
    };
    check(entry.daysOff, 'daysOff');
    check(entry.workingDays, 'workingDays');
  });

/** The whole file: `years:` with one entry per year. Output: `OfficialYear[]`. */
export const calendarFileSchema = z
  .object({ years: z.array(officialYearSchema) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<number>();
    file.years.forEach((entry, i) => {
      if (seen.has(entry.year)) {
        ctx.addIssue({ code: 'custom', path: ['years', i, 'year'], message: `năm ${entry.year} khai báo hai lần` });
      }
      seen.add(entry.year);
    });
  })
  .transform((file): OfficialYear[] => file.years);

export type CalendarFileInput = z.input<typeof calendarFileSchema>;

// Compile-time check: the schema produces exactly the model's shape.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const producesOfficialYears: Equals<z.output<typeof officialYearSchema>, OfficialYear> = true;
void producesOfficialYears;
