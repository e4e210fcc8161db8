/**
 * Messages of dondoc's workflows, shared by workflows, activities, the CLI and the web
 * pages: Updates (with validators in the workflows), queries and signals.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OccurrenceSpec } from '../domain/spec';
import type { HandedOver } from '../domain/handover';
import type { LocalDate } from '../domain/model';
import { localDateOfInstant } from '../domain/calendar/local-date';
import type { StatusCode } from '../domain/status';
import type { SkipReason } from '../domain/catch-up';
import type { Step } from '../domain/timeline';
import type { PlannerCursor } from '../domain/planning';
import type { DigestItem, DigestReport } from '../activities/types';

/** Where a result comes from when it is sent from an action link (the web pages). */
export interface LinkOrigin {
  /** The body the link was made for (its signed claim), kept beside the name typed in `by`. */
  body?: string;
  /** For how many minutes the same link can undo the result (0 or absent: it cannot). */
  undoMinutes?: number;
}
/** Who reports a result: a name (or body id), and optionally the post they hold. */
export interface Reporter {
  /** Who reports it: a name or body id. */
  by: string;
  /** The reporter's post (`Phó Chủ tịch Ủy ban MTTQ xã`), text of at most INPUT_LIMITS.position; optional, so older clients and the CLI without it still work. */
  position?: string;
}
export interface CompleteInput extends LinkOrigin, Reporter {
  note?: string;
  /** Required where the obligation asks for evidence (e.g. the registered activity's title). */
  evidence?: string;
}
export interface WaiveInput extends LinkOrigin, Reporter {
  reason: string;
}
export interface ExtendInput {
  by: string;
  /** New due date, `YYYY-MM-DD`; must be a working day after today. */
  newDue: string;
  reason: string;
}
export interface RecordInput extends LinkOrigin, Reporter {
  value: number;
  note?: string;
}
/** Undoes a result from the link it was sent from, within its window. */
export interface UndoInput {
  by: string;
  /** The link's body and action: they must be those of the result. */
  body: string;
  action: 'complete' | 'waive' | 'record';
}
/** The monitor withdraws a result: the occurrence is followed up again. */
export interface ReopenInput {
  by: string;
  reason: string;
}
export interface CloseInput {
  by: string;
  reason: string;
}

/**
 * A step of the timeline as it went: `pending` until due; `sending` while its notice is out;
 * `retrying` while a temporary failure (an SMTP outage) waits for `retryAtMs`; then `sent`,
 * `failed` (rejected for good) or `skipped` (nobody was owed it any more).
 */
export type StepState = Step & {
  state: 'pending' | 'sending' | 'retrying' | 'sent' | 'failed' | 'skipped';
  sentAtMs?: number;
  /** Recipients whose address was rejected for good (5xx, invalid). */
  failures?: { body: string; reason: string }[];
  /** Recipients who did not get this notice, and why (a later notice went instead, …). */
  skipped?: { body: string; reason: SkipReason; by?: number }[];
  /** Why the whole step was not sent, when it was not. */
  skipReason?: SkipReason;
  /** While retrying: the recipients still owed, the next attempt and how many were made. */
  owed?: string[];
  retryAtMs?: number;
  attempts?: number;
  /**
   * The recipients whose notice went into a morning digest, by digest (the mailbox workflow's
   * id): `queued` until it goes out, then `sent` (at `atMs`), `failed` (refused for good),
   * `deferred` (sent again by the occurrence, on its own timer) or `withdrawn` (resolved first).
   */
  digests?: { id: string; bodies: string[]; state: 'queued' | 'sent' | 'failed' | 'deferred' | 'withdrawn'; atMs?: number; retried?: true }[];
};

export interface Resolution {
  action: 'complete' | 'waive' | 'record' | 'close';
  by: string;
  /** The reporter's post, when they gave it (absent from results recorded before it existed). */
  position?: string;
  atMs: number;
  note?: string;
  evidence?: string;
  reason?: string;
  value?: number;
  /** For indicators: whether the value meets the target (undefined without a target). */
  met?: boolean;
  /** The body of the link it was sent from (its signed claim); absent from the CLI. */
  body?: string;
  /** Until when that link can undo it. */
  undoUntilMs?: number;
}

/** A result withdrawn: undone from its link, or reopened by the monitor; the occurrence went on. */
export interface Withdrawn {
  how: 'undo' | 'reopen';
  by: string;
  reason?: string;
  atMs: number;
  /** The result withdrawn and the status it had. */
  resolution: Resolution;
  status: StatusCode;
}

export interface Extension {
  by: string;
  from: string;
  to: string;
  reason: string;
  atMs: number;
}

/** What the state says of a handover, as the memo, status, pages and report carry it; undefined when none. */
export function handedOverOf(state: Pick<OccurrenceState, 'handedOver'>): HandedOver | undefined {
  const h = state.handedOver;
  return h && { from: h.from, fromName: h.fromName, to: h.to, toName: h.toName, on: h.on ?? localDateOfInstant(h.atMs) };
}

export interface OccurrenceState {
  spec: Omit<OccurrenceSpec, 'steps'>;
  status: StatusCode;
  statusLabel: string;
  /** True once the occurrence is over: resolved, or closed as overdue at the end of its ladder. */
  final: boolean;
  resolution?: Resolution;
  extensions: Extension[];
  /** Notices not sent because a later one went instead or they were no longer true (domain/catch-up.ts). */
  skippedNotices: number;
  /** Results withdrawn (undone or reopened), oldest first; absent when none. */
  withdrawn?: Withdrawn[];
  /** The clock offset the occurrence runs on (a drill, a simulation), so a reopened run keeps it. */
  timeOffsetMs?: number;
  /**
   * Handed over when its unit merged into a successor: from which unit, to which, from which day
   * (`on`: absent in runs handed over before it was recorded; see handedOverOf), when.
   */
  handedOver?: Omit<HandedOver, 'on'> & { on?: LocalDate; atMs: number; unmatched: string[] };
  steps: StepState[];
  /** Revisions of the meeting's invite (SEQUENCE): raised when the meeting moves or is cancelled. */
  calendarSequence?: number;
}

export const completeUpdate = defineUpdate<OccurrenceState, [CompleteInput]>('complete');
export const waiveUpdate = defineUpdate<OccurrenceState, [WaiveInput]>('waive');
export const extendUpdate = defineUpdate<OccurrenceState, [ExtendInput]>('extend');
export const recordUpdate = defineUpdate<OccurrenceState, [RecordInput]>('record');
export const closeUpdate = defineUpdate<OccurrenceState, [CloseInput]>('close');
export const undoUpdate = defineUpdate<OccurrenceState, [UndoInput]>('undo');
export const reopenUpdate = defineUpdate<OccurrenceState, [ReopenInput]>('reopen');
export const stateQuery = defineQuery<OccurrenceState>('state');
/** From a mailbox: how the occurrence's queued notice went (sent in a digest, refused, deferred). */
export const digestOutcomeSignal = defineSignal<[DigestReport]>('digestOutcome');

// ─── Mailbox (one per address and morning: the digest) ───────────────────────

export interface MailboxInput {
  /** The server's local date (Asia/Ho_Chi_Minh) the notices fell due on. */
  morning: string;
  /** The gathering window: the digest goes out this long after its first notice arrived. */
  windowMs: number;
  /** How long a later round gathers (notices that came while a round was being sent). Absent in runs from before it: `windowMs`. */
  laterWindowMs?: number;
  /** The most notices one digest carries; more go in the next round at once. Absent in runs from before the limit: no limit. */
  roundLimit?: number;
}
export interface MailboxState {
  morning: string;
  /** Notices waiting for the next round. */
  waiting: number;
  rounds: { round: number; atMs: number; items: { workflowId: string; occurrence: string; step: number }[]; outcomes: DigestReport['result']['outcome'][] }[];
}
/** From the notify activity (signal-with-start): one more notice for this address and morning. */
export const queueNoticeSignal = defineSignal<[DigestItem]>('queueNotice');
/** From an occurrence resolved before the digest went out: leave its notice out. */
export const withdrawNoticeSignal = defineSignal<[{ workflowId: string; step: number }]>('withdrawNotice');
export const mailboxQuery = defineQuery<MailboxState>('mailbox');

export type { PlannerCursor } from '../domain/planning';
export interface PlannerState {
  obligation: string;
  target: string;
  paused: boolean;
  cursor?: PlannerCursor;
  /** The occurrence the planner is waiting to open. */
  next?: { id: string; opensOn: string; due: string };
  started: number;
}
export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
export const plannerQuery = defineQuery<PlannerState>('planner');
