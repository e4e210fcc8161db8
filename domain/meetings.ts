/**
 * The meeting of an occurrence, for calendar invites and emails: when it starts and how long
 * it lasts. A meeting the owner convenes is held at the deadline; an event the owner invites
 * to (the chair's citizen reception) is held on its own day, after the invitations are due.
 */
import type { DueRule, ObligationKind, Schedule } from './model';

/** Meetings without a duration in the plan are put in calendars for this long. */
export const DEFAULT_MEETING_MINUTES = 60;

export interface Meeting {
  /** Start, epoch ms. */
  startAtMs: number;
  minutes: number;
  /**
   * True when the owner convenes it at the deadline (an extension of the due date moves it);
   * false for an event held on its own day by someone else (the reception the chair holds),
   * which the owner's duty — inviting — precedes.
   */
  onDueDate: boolean;
}

/** Working days from the due date to the event a `before-event` rule prepares; undefined otherwise. */
export function eventLead(rule: DueRule): number | undefined {
  return rule.rule === 'before-event' ? rule.workingDays : undefined;
}

/**
 * The meeting of an occurrence of `schedule` due at `dueAtMs`, whose event (if the schedule
 * has one) starts at `eventAtMs`; undefined when the obligation has no meeting.
 */
export function meetingOf(kind: ObligationKind, schedule: Schedule, dueAtMs: number, eventAtMs: number | undefined): Meeting | undefined {
  const minutes = schedule.durationMinutes ?? DEFAULT_MEETING_MINUTES;
  if (eventAtMs !== undefined) return { startAtMs: eventAtMs, minutes, onDueDate: false };
  if (kind === 'meeting') return { startAtMs: dueAtMs, minutes, onDueDate: true };
  return undefined;
}

/** The meeting after the due date moved to `dueAtMs`: a meeting held at the deadline moves with it, an event keeps its day. */
export function meetingAfterExtension(meeting: Meeting | undefined, dueAtMs: number): Meeting | undefined {
  return meeting?.onDueDate ? { ...meeting, startAtMs: dueAtMs } : meeting;
}
