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
}

export interface NotifyResult {
  /** Body ids whose contacts were reached (or had already been, on a retry). */
  delivered: string[];
  /** Recipients rejected for good; the rest still got theirs. */
  failed: { body: string; reason: string }[];
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

export interface DondocActivities {
  /** Starts the occurrence workflow unless it exists (running or finished): true when started. */
  startOccurrence(input: StartOccurrenceInput): Promise<boolean>;
  notify(input: NotifyInput): Promise<NotifyResult>;
  /** Which of the notices a catch-up would skip were sent already (the notifier's record). */
  sentBefore(input: SentBeforeInput): Promise<SentBeforeResult>;
  nextOccurrence(input: NextOccurrenceInput): Promise<NextOccurrenceResult>;
  retimeOccurrence(input: RetimeInput): Promise<RetimeResult>;
  /** An open occurrence of a unit merged into a successor, as the successor's (domain/handover.ts). */
  handOverOccurrence(input: HandOverInput): Promise<HandOverResult>;
}
