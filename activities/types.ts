/**
 * The activity contracts the workflows call. Workflows import these types only; the
 * implementations live beside this file and run in the worker.
 */
import type { Meeting } from '../domain/meetings';
import type { OccurrenceSpec } from '../domain/spec';
import type { Step } from '../domain/timeline';
import type { PlannerCursor } from '../workflows/messages';

export interface NotifyInput {
  occurrence: Omit<OccurrenceSpec, 'steps'>;
  step: Step;
  /** Logical time of sending (with the simulation offset applied). */
  logicalAtMs: number;
  /** The occurrence's offset from the server's clock: a morning digest is the server's morning. */
  timeOffsetMs?: number;
  /** SEQUENCE of the meeting's invite: the occurrence's revision counter (absent: 0). */
  calendarSequence?: number;
}

export interface NotifyResult {
  /** Body ids whose contacts were reached (or had already been, on a retry). */
  delivered: string[];
  /** Recipients rejected for good; the rest still got theirs. */
  failed: { body: string; reason: string }[];
  /**
   * Bodies whose notice waits in a morning digest, by digest (the mailbox workflow of their
   * address and morning): it reports back with `digestOutcomeSignal` once it has gone out.
   */
  queued?: { digest: string; bodies: string[] }[];
}

/** One notice waiting in a mailbox: the notice of one step to the bodies at the mailbox's address. */
export interface DigestItem {
  /** The occurrence workflow that queued it (the mailbox reports back to it). */
  workflowId: string;
  notice: NotifyInput;
  bodies: string[];
}

export interface SendDigestInput {
  /** The mailbox workflow's id: `digest/<plan>/<morning>/<address key>`. */
  mailbox: string;
  /** Which round of the mailbox (items that arrived while an earlier one was being sent go in the next). */
  round: number;
  items: DigestItem[];
}

/** How it went for one item of a digest. */
export type DigestItemOutcome =
  | { outcome: 'sent'; messageId: string }
  /** Refused for good (a 5xx, a placeholder over SMTP): the step records the failure. */
  | { outcome: 'failed'; reason: string }
  /** Not sent now (SMTP down, or the body's address changed): the occurrence sends it again on its own timer. */
  | { outcome: 'deferred'; reason: string };

export interface SendDigestResult {
  /** Parallel to the input's items. */
  outcomes: DigestItemOutcome[];
}

/** What the mailbox tells an occurrence of its queued notice. */
export interface DigestReport {
  digest: string;
  step: number;
  bodies: string[];
  /** Server clock when it was settled (the occurrence adds its offset). */
  atMs: number;
  result: DigestItemOutcome;
}

/** A calendar change for everyone who received the meeting's invite. */
export interface CalendarInput {
  occurrence: Omit<OccurrenceSpec, 'steps'>;
  /** CANCEL: the meeting is off (waived, closed, handed over); REQUEST: it moved (extension). */
  method: 'CANCEL' | 'REQUEST';
  /** The occurrence's revision counter after the change. */
  sequence: number;
  logicalAtMs: number;
}

export interface CalendarResult {
  /** Addresses that got the change (or had, on a retry). */
  sent: string[];
  failed: { address: string; reason: string }[];
}

/** Steps a catch-up is about to skip: did some of their emails go out before the outage? */
export interface SentBeforeInput {
  occurrence: { id: string; plan: string };
  steps: { index: number; to: string[] }[];
}

/** Recipients whose email of a step went out already (its result lost with a worker or server), and when. */
export type SentBeforeResult = { index: number; body: string; atMs: number }[];

export interface NextOccurrenceInput {
  obligation: string;
  target: string;
  /** The last occurrence the planner handled; the next comes after it in (opensOn, id) order. */
  after?: PlannerCursor;
  /** Skip occurrences already past due at this logical instant (a planner started mid-term). */
  notDueBeforeMs?: number;
  /** Stop after this date (simulations): no occurrence opening after it. */
  until?: string;
}

export type NextOccurrenceResult =
  | { spec: OccurrenceSpec }
  | { spec?: undefined; reason: 'plan-ended' | 'unit-ended' | 'removed' | 'until-reached' };

export interface RetimeInput {
  occurrence: Omit<OccurrenceSpec, 'steps'>;
  newDue: string;
}

export interface RetimeResult {
  due: string;
  dueAtMs: number;
  overdueFromMs: number;
  steps: Step[];
  /** The meeting after the move: one held at the deadline moves with it; an event keeps its day. */
  meeting?: Meeting;
}

export interface HandOverInput {
  occurrence: Omit<OccurrenceSpec, 'steps'>;
  /** The steps still owed (pending or waiting to be sent again): their recipients are mapped. */
  steps: Step[];
}

export interface HandOverResult {
  /** The occurrence as the successor's: unit, owners, participants, and how the successor ends. */
  occurrence: Omit<OccurrenceSpec, 'steps'>;
  steps: Step[];
  /** Bodies of the ending unit without a counterpart in the successor: no longer notified. */
  unmatched: string[];
}

export interface StartOccurrenceInput {
  spec: OccurrenceSpec;
  timeOffsetMs?: number;
}

/** A planner's cycle in one local activity: the occurrence that opens now, and the search for the one after it. */
export interface OpenOccurrenceInput {
  start: StartOccurrenceInput;
  next: NextOccurrenceInput;
}

export interface OpenOccurrenceResult {
  /** False when the occurrence existed already (running or finished). */
  started: boolean;
  next: NextOccurrenceResult;
}

export interface DondocActivities {
  /** Starts the occurrence workflow unless it exists (running or finished): true when started. */
  startOccurrence(input: StartOccurrenceInput): Promise<boolean>;
  /** `startOccurrence`, then `nextOccurrence` after it: one local activity, one result, for a planner's cycle. */
  openOccurrence(input: OpenOccurrenceInput): Promise<OpenOccurrenceResult>;
  notify(input: NotifyInput): Promise<NotifyResult>;
  /** Which of the notices a catch-up would skip were sent already (the notifier's record). */
  sentBefore(input: SentBeforeInput): Promise<SentBeforeResult>;
  /** The mailbox workflow's send: one email for the items at its address (one item: the notice as it is). */
  sendDigest(input: SendDigestInput): Promise<SendDigestResult>;
  /** METHOD:CANCEL or an updated METHOD:REQUEST to everyone who received the meeting's invite. */
  updateCalendar(input: CalendarInput): Promise<CalendarResult>;
  nextOccurrence(input: NextOccurrenceInput): Promise<NextOccurrenceResult>;
  retimeOccurrence(input: RetimeInput): Promise<RetimeResult>;
  /** An open occurrence of a unit merged into a successor, as the successor's (domain/handover.ts). */
  handOverOccurrence(input: HandOverInput): Promise<HandOverResult>;
}
