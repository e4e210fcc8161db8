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

/** Day `day` of `month` in `year`; the month's last day when it is shorter (the 31st of June is the 30th). */
function dayIn(year: number, month: number, day: number): LocalDate {
  return localDate(year, month, Math.min(day, daysInMonth(year, month)));
}

/** The due date of `rule` in `period` for `unit` (per-unit overrides apply to day-of-month). */
export function dueDateIn(rule: DueRule, period: Period, unit: string, calendar: WorkingCalendar): LocalDate {
  switch (rule.rule) {
    case 'end-of-period':
      return calendar.onOrBefore(period.end);
    case 'day-of-month': {
      // The 31st of a 30-day month means its last day.
      return snap(calendar, dayIn(period.year, period.index ?? 1, rule.unitOverrides?.[unit] ?? rule.day), rule.adjust);
    }
    case 'day-of-year':
      return snap(calendar, dayIn(period.year, rule.month, rule.day), rule.adjust);
    case 'day-of-half': {
      const { month, day } = period.index === 2 ? rule.h2 : rule.h1;
      return snap(calendar, dayIn(period.year, month, day), rule.adjust);
    }
    case 'date':
      return snap(calendar, rule.date, rule.adjust);
  }
}
