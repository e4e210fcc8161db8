/**
 * Due dates: where a schedule's due rule lands in a period, always on a working day.
 */
import type { WorkingCalendar } from './calendar/working-calendar';
import { daysInMonth, localDate } from './calendar/local-date';
import type { Adjust, DueRule, LocalDate } from './model';
import type { Period } from './periods';

function snap(calendar: WorkingCalendar, d: LocalDate, adjust: Adjust): LocalDate {
  return adjust === 'next' ? calendar.onOrAfter(d) : calendar.onOrBefore(d);
}

/** The due date of `rule` in `period` for `unit` (per-unit overrides apply to day-of-month). */
export function dueDateIn(rule: DueRule, period: Period, unit: string, calendar: WorkingCalendar): LocalDate {
  switch (rule.rule) {
    case 'end-of-period':
      return calendar.onOrBefore(period.end);
    case 'day-of-month': {
      const month = period.index ?? 1;
      const wanted = rule.unitOverrides?.[unit] ?? rule.day;
      // The 31st of a 30-day month means its last day.
      const day = Math.min(wanted, daysInMonth(period.year, month));
      return snap(calendar, localDate(period.year, month, day), rule.adjust);
    }
    case 'day-of-year':
      return snap(calendar, localDate(period.year, rule.month, Math.min(rule.day, daysInMonth(period.year, rule.month))), rule.adjust);
    case 'date':
      return snap(calendar, rule.date, rule.adjust);
  }
}
