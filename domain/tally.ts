/**
 * Counting occurrences by status, and the completion rate, the same way for the status
 * board, the CLI and the annual report.
 *
 * Completion rate = done (on time or late) ÷ occurrences that have fallen due and were not
 * waived or closed with their unit: done + overdue. Open occurrences (not yet due) are left
 * out, so a quarter in progress is not penalised for what is not due yet.
 */
import { STATUS_CODES, type StatusCode } from './status';

export type StatusCounts = Record<StatusCode, number>;

export interface Tally {
  total: number;
  counts: StatusCounts;
  done: number;
  /** done + overdue: what the rate is taken over. */
  due: number;
  /** 0–1, or undefined when nothing has fallen due. */
  completionRate: number | undefined;
}

export const STATUS_ORDER: readonly StatusCode[] = STATUS_CODES;

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as StatusCounts;
}

export function tally(statuses: Iterable<StatusCode>): Tally {
  const counts = emptyCounts();
  let total = 0;
  for (const s of statuses) {
    counts[s]++;
    total++;
  }
  const done = counts['done-on-time'] + counts['done-late'];
  const due = done + counts.overdue;
  return { total, counts, done, due, completionRate: due === 0 ? undefined : done / due };
}
