/**
 * One planner per (obligation, target): asks the domain core (through a local activity, so
 * plan changes are recorded in history) for the next occurrence, sleeps until it opens, then in
 * one local activity starts its occurrence workflow (the occurrence outlives the planner) and
 * finds the next. One workflow task an occurrence, of two activations: the timer's and the local
 * activity's result. A run continues as new once its history reaches
 * {@link RUN_HISTORY_LIMIT} events (about fifty cycles: four years of a monthly duty).
 *
 * Runs begun before `planner-opens-and-finds-next` replay on their own path: two local
 * activities a cycle (`planner-local-activities`), or before that ordinary activities and one
 * cycle a run; they continue as new onto this one.
 */
import {
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DondocActivities } from '../activities/types';
import { toInstantMs } from '../domain/calendar/local-date';
import type { OccurrenceSpec } from '../domain/spec';
import { plannerWaitSummary, plannerDetails } from '../vocabulary';
import { pauseSignal, plannerQuery, resumeSignal, type PlannerCursor, type PlannerState } from './messages';

export interface PlannerInput {
  plan: string;
  obligation: string;
  target: string;
  cursor?: PlannerCursor;
  /** Logical instant of the first start: occurrences already past due then are not opened. */
  notDueBeforeMs?: number;
  /** Simulations: stop after this date. */
  until?: string;
  timeOffsetMs?: number;
  paused?: boolean;
  /** Occurrences started by earlier runs of this planner. */
  started?: number;
  /** A run continues as new once its history has this many events (default {@link RUN_HISTORY_LIMIT}). */
  historyLimit?: number;
}

export interface PlannerResult {
  reason: 'plan-ended' | 'unit-ended' | 'removed' | 'until-reached';
  started: number;
}

/** Marks the runs whose activities are local and that go on from one occurrence to the next. */
export const PLANNER_LOCAL_ACTIVITIES = 'planner-local-activities';
/** Marks the runs that start an occurrence and find the next one in one local activity (`openOccurrence`). */
export const PLANNER_OPENS_AND_FINDS_NEXT = 'planner-opens-and-finds-next';
/** A run continues as new once its history has this many events (6 a cycle: ≈58 cycles). */
export const RUN_HISTORY_LIMIT = 350;

const ACTIVITY_OPTIONS = { startToCloseTimeout: '1 minute', retry: { maximumInterval: '10 minutes' } } as const;
const local = proxyLocalActivities<DondocActivities>(ACTIVITY_OPTIONS);
const remote = proxyActivities<DondocActivities>(ACTIVITY_OPTIONS);

export const plannerId = (obligation: string, target: string) => `planner/${obligation}/${target}`;

export async function plannerWorkflow(input: PlannerInput): Promise<PlannerResult> {
  const now = () => Date.now() + (input.timeOffsetMs ?? 0);
  const state: PlannerState = {
    obligation: input.obligation,
    target: input.target,
    paused: input.paused ?? false,
    cursor: input.cursor,
    started: input.started ?? 0,
  };
  setHandler(plannerQuery, () => state);
  setHandler(pauseSignal, () => void (state.paused = true));
  setHandler(resumeSignal, () => void (state.paused = false));
  // Its search attributes, memo and summary come with its start (workflows/start-options.ts).
  // The path a run takes is decided once, at its start: a run begun on an older path replays on it.
  const opens = patched(PLANNER_OPENS_AND_FINDS_NEXT);
  const cycles = opens || patched(PLANNER_LOCAL_ACTIVITIES);
  const { nextOccurrence, startOccurrence, openOccurrence } = cycles ? local : remote;
  const window = { obligation: input.obligation, target: input.target, notDueBeforeMs: input.notDueBeforeMs, until: input.until };

  let next = await nextOccurrence({ ...window, after: state.cursor });
  for (;;) {
    if (!next.spec) return { reason: next.reason, started: state.started };
    const spec = next.spec;
    state.next = { id: spec.id, opensOn: spec.opensOn, due: spec.due };
    await untilOpen(spec);
    const cursor = { opensOn: spec.opensOn, id: spec.id };
    // Started by an activity, not as a child: the occurrence lives on its own, and a repeated
    // start (a retried activity, a second apply) finds it already there.
    const start = { spec, timeOffsetMs: input.timeOffsetMs };
    let started: boolean;
    if (opens) ({ started, next } = await openOccurrence({ start, next: { ...window, after: cursor } }));
    else started = await startOccurrence(start);
    if (started) state.started++;
    state.cursor = cursor;
    state.next = undefined;
    if (!cycles || workflowInfo().historyLength >= (input.historyLimit ?? RUN_HISTORY_LIMIT)) {
      return await continueAsNew<typeof plannerWorkflow>({ ...input, cursor: state.cursor, paused: state.paused, started: state.started });
    }
    if (!opens) next = await nextOccurrence({ ...window, after: state.cursor });
  }

  /** Sleeps until the occurrence opens (00:00 in Vietnam), and while paused. */
  async function untilOpen(spec: OccurrenceSpec): Promise<void> {
    const opensAtMs = toInstantMs(spec.opensOn, '00:00');
    while (state.paused || now() < opensAtMs) {
      setCurrentDetails(plannerDetails(spec, state.paused, state.started));
      if (state.paused) await condition(() => !state.paused);
      else await condition(() => state.paused, opensAtMs - now(), { summary: plannerWaitSummary(spec, opensAtMs) });
    }
  }
}
