/**
 * One planner per (obligation, target): asks the domain core (through an activity, so plan
 * changes are recorded in history) for the next occurrence, sleeps until it opens, starts
 * its occurrence workflow (through an activity: the occurrence outlives the planner) and
 * continues as new, so each run's
 * history holds exactly one cycle.
 */
import { condition, continueAsNew, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { DondocActivities } from '../activities/types';
import { toInstantMs } from '../domain/calendar/local-date';
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
}

export interface PlannerResult {
  reason: 'plan-ended' | 'unit-ended' | 'removed' | 'until-reached';
  started: number;
}

const { nextOccurrence, startOccurrence } = proxyActivities<DondocActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '10 minutes' },
});

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
  const next = await nextOccurrence({
    obligation: input.obligation,
    target: input.target,
    after: input.cursor,
    notDueBeforeMs: input.notDueBeforeMs,
    until: input.until,
  });
  if (!next.spec) return { reason: next.reason, started: state.started };
  const spec = next.spec;
  state.next = { id: spec.id, opensOn: spec.opensOn, due: spec.due };

  // Sleep until the occurrence opens (00:00 in Vietnam), and while paused.
  const opensAtMs = toInstantMs(spec.opensOn, '00:00');
  while (state.paused || now() < opensAtMs) {
    setCurrentDetails(plannerDetails(spec, state.paused, state.started));
    const wasPaused = state.paused;
    if (wasPaused) await condition(() => !state.paused);
    else await condition(() => state.paused, opensAtMs - now(), { summary: plannerWaitSummary(spec, opensAtMs) });
  }

  // Started by an activity, not as a child: the occurrence lives on its own, and a repeated
  // start (a retried activity, a second apply) finds it already there.
  if (await startOccurrence({ spec, timeOffsetMs: input.timeOffsetMs })) state.started++;
  return await continueAsNew<typeof plannerWorkflow>({
    ...input,
    cursor: { opensOn: spec.opensOn, id: spec.id },
    paused: state.paused,
    started: state.started,
  });
}
