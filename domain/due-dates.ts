/**
 * Due dates: where a schedule's due rule lands in a period, always on a working day; and,
 * for a duty due before an event, the event's day.
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
    case 'before-event':
      return calendar.addWorkingDays(dueDateIn(rule.event, period, unit, calendar), -rule.workingDays);
  }
}

/** The day of the event a `before-event` rule prepares, in `period`; undefined for other rules. */
export function eventDayIn(rule: DueRule, period: Period, unit: string, calendar: WorkingCalendar): LocalDate | undefined {
  return rule.rule === 'before-event' ? dueDateIn(rule.event, period, unit, calendar) : undefined;
}

/** The date a one-off schedule is about: its due date, or the day of the event it prepares. */
export function onceDate(rule: DueRule): LocalDate | undefined {
  if (rule.rule === 'date') return rule.date;
  if (rule.rule === 'before-event' && rule.event.rule === 'date') return rule.event.date;
  return undefined;
}
