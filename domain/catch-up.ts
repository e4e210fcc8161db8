/**
 * One rule for lateness, wherever it comes from (an occurrence started late, a worker or a
 * server that was down, notices held back by an SMTP outage): when an occurrence finds several
 * of its steps due, each recipient gets only the latest notice that is still true; the earlier
 * ones are skipped, with the reason. A notice late by less than the grace is sent as it is, so a
 * workflow task delayed by seconds skips nothing.
 */
import { compareDates, localDateOfInstant } from './calendar/local-date';
import type { LocalDate } from './model';
import type { StepKind } from './timeline';

export type SkipReason =
  /** A later notice to the same recipient is due too: only that one goes. */
  | 'superseded'
  /** A reminder found after the deadline, a due-day notice after the due day: no longer true. */
  | 'past-deadline'
  /** The occurrence was resolved (or its unit ended) before the notice went. */
  | 'resolved';

/** A step the walk has to decide on: due and not yet sent, or waiting to be sent again. */
export interface DueStep {
  index: number;
  kind: StepKind;
  atMs: number;
  /** Recipients still owed this notice. */
  to: readonly string[];
  /**
   * False while a notice that failed for a while waits for its next attempt: it is not sent
   * now, but it supersedes earlier notices (and may be superseded) all the same.
   */
  ready: boolean;
}

export interface CatchUpDecision {
  /** Steps to send now, each to the recipients it still owes. */
  send: { index: number; to: string[] }[];
  /** Recipients of a step who will not get it, and why. */
  skip: { index: number; to: string[]; reason: SkipReason; by?: number }[];
}

/** What the rule needs to know of the occurrence. */
export interface Deadline {
  /** The due date and the due instant (its time of day). */
  due: LocalDate;
  dueAtMs: number;
  /** Lateness under which a notice is sent as it is. */
  graceMs: number;
}

/**
 * Decides the notices of the steps due at `nowMs` (callers pass only steps with `atMs <= nowMs`;
 * those not `ready` are never sent now, only weighed).
 */
export function catchUp(due: readonly DueStep[], nowMs: number, { due: dueDate, dueAtMs, graceMs }: Deadline): CatchUpDecision {
  const decision: CatchUpDecision = { send: [], skip: [] };
  const ordered = [...due].sort((a, b) => a.atMs - b.atMs || a.index - b.index);
  const late = (s: DueStep) => nowMs - s.atMs > graceMs;
  const afterDueDay = compareDates(localDateOfInstant(nowMs), dueDate) > 0;
  // Found late, a reminder after the deadline or a due-day notice after the due day is not
  // true any more: nobody gets it. (Later notices count the days late when they are sent.)
  const stale = (s: DueStep) => late(s) && ((s.kind === 'reminder' && nowMs >= dueAtMs) || (s.kind === 'due' && afterDueDay));
  ordered.forEach((step, i) => {
    if (stale(step)) {
      decision.skip.push({ index: step.index, to: [...step.to], reason: 'past-deadline' });
      return;
    }
    const send: string[] = [];
    const superseded = new Map<number, string[]>();
    for (const body of step.to) {
      const latest = late(step) ? ordered.slice(i + 1).findLast((s) => !stale(s) && s.to.includes(body)) : undefined;
      if (latest) superseded.set(latest.index, [...(superseded.get(latest.index) ?? []), body]);
      else send.push(body);
    }
    if (send.length && step.ready) decision.send.push({ index: step.index, to: send });
    for (const [by, to] of superseded) decision.skip.push({ index: step.index, to, reason: 'superseded', by });
  });
  return decision;
}
