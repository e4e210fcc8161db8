/**
 * Occurrence status: stable codes for machines (search attributes, JSON); the Vietnamese words
 * officials read are in vocabulary/labels.ts.
 */
import { compareDates, localDateOfInstant } from './calendar/local-date';
import type { LocalDate } from './model';

/** Every status, in the order leadership reads them. */
export const STATUS_CODES = ['open', 'overdue', 'done-on-time', 'done-late', 'waived', 'closed'] as const;

export type StatusCode = (typeof STATUS_CODES)[number];

export const FINAL_STATUSES: ReadonlySet<StatusCode> = new Set(['done-on-time', 'done-late', 'waived', 'closed']);

/** A closed-as-overdue occurrence is final too; `overdue` alone may still be completed late. */
export function isFinal(status: StatusCode, closed: boolean): boolean {
  return FINAL_STATUSES.has(status) || (status === 'overdue' && closed);
}

/**
 * Done on time when reported on or before the due date (Vietnam time) and before the
 * occurrence turned overdue; late otherwise. The second rule only matters for drills, whose
 * steps are minutes: a working-day occurrence turns overdue the morning after its due date.
 */
export function completionStatus(due: LocalDate, overdueFromMs: number, completedAtMs: number): 'done-on-time' | 'done-late' {
  const onTime = compareDates(localDateOfInstant(completedAtMs), due) <= 0 && completedAtMs < overdueFromMs;
  return onTime ? 'done-on-time' : 'done-late';
}
