/** `dondoc pause|resume`: a planner stops opening new occurrences, or goes on; open ones are not touched. */
import type { Client } from '@temporalio/client';
import { pauseSignal, plannerQuery, resumeSignal, type PlannerState } from '../workflows/messages';
import { plannerId } from '../workflows/planner';
import { found } from './refusals';

/** Pauses or resumes the planner of (obligation, target) and returns its state; one that is not running is refused. */
export async function setPlannerPaused(client: Client, obligation: string, target: string, paused: boolean): Promise<{ id: string; state: PlannerState }> {
  const id = plannerId(obligation, target);
  const handle = client.workflow.getHandle(id);
  await found('planner', id, () => handle.signal(paused ? pauseSignal : resumeSignal));
  return { id, state: await handle.query(plannerQuery) };
}
