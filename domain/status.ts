/**
 * Occurrence status: stable codes for machines (search attributes, JSON) and the Vietnamese
 * words officials already use in task-tracking systems.
 */
import { compareDates, localDateOfInstant } from './calendar/local-date';
import type { LocalDate } from './model';

export const STATUS_LABELS = {
  open: 'đang thực hiện trong hạn',
  overdue: 'quá hạn, chưa hoàn thành',
  'done-on-time': 'hoàn thành đúng hạn',
  'done-late': 'hoàn thành quá hạn',
  waived: 'không phát sinh',
  closed: 'đã đóng (đơn vị không còn)',
} as const;

export type StatusCode = keyof typeof STATUS_LABELS;

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

export function statusLabel(code: StatusCode): string {
  return STATUS_LABELS[code];
}
