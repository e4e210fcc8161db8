/**
 * Messages of dondoc's workflows, shared by workflows, activities, the CLI and the web
 * pages: Updates (with validators in the workflows), queries and signals.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { OccurrenceSpec } from '../domain/spec';
import type { StatusCode } from '../domain/status';
import type { SkipReason } from '../domain/catch-up';
import type { Step } from '../domain/timeline';
import type { PlannerCursor } from '../domain/planning';

export interface CompleteInput {
  /** Who reports it: a name or body id. */
  by: string;
  note?: string;
  /** Required where the obligation asks for evidence (e.g. the registered activity's title). */
  evidence?: string;
}
export interface WaiveInput {
  by: string;
  reason: string;
}
export interface ExtendInput {
  by: string;
  /** New due date, `YYYY-MM-DD`; must be a working day after today. */
  newDue: string;
  reason: string;
}
export interface RecordInput {
  by: string;
  value: number;
  note?: string;
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
};

export interface Resolution {
  action: 'complete' | 'waive' | 'record' | 'close';
  by: string;
  atMs: number;
  note?: string;
  evidence?: string;
  reason?: string;
  value?: number;
  /** For indicators: whether the value meets the target (undefined without a target). */
  met?: boolean;
}

export interface Extension {
  by: string;
  from: string;
  to: string;
  reason: string;
  atMs: number;
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
  /** Handed over when its unit merged into a successor: from which unit, to which, when. */
  handedOver?: { from: string; fromName: string; to: string; toName: string; atMs: number; unmatched: string[] };
  steps: StepState[];
}

export const completeUpdate = defineUpdate<OccurrenceState, [CompleteInput]>('complete');
export const waiveUpdate = defineUpdate<OccurrenceState, [WaiveInput]>('waive');
export const extendUpdate = defineUpdate<OccurrenceState, [ExtendInput]>('extend');
export const recordUpdate = defineUpdate<OccurrenceState, [RecordInput]>('record');
export const closeUpdate = defineUpdate<OccurrenceState, [CloseInput]>('close');
export const stateQuery = defineQuery<OccurrenceState>('state');

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
