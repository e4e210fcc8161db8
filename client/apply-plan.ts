/**
 * `dondoc apply`: one planner per (obligation, target) of the plan. Starts the missing ones,
 * leaves running and finished ones alone, and says what it did. Idempotent.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { forEachLimit } from '../domain/each-limit';
import type { PlanIndex } from '../domain/occurrences';
import { REAL_CLOCK, type Clock } from '../platform/clock';
import { plannerId, type PlannerInput } from '../workflows/planner';
import { SA } from '../workflows/search-attributes';
import { ifFound } from './refusals';
import { startPlanner } from './start';

export type PlannerFate = 'started' | 'would-start' | 'running' | 'finished';

export interface ApplyReport {
  planners: { id: string; fate: PlannerFate }[];
  counts: Record<PlannerFate, number>;
}

export interface ApplyOptions {
  taskQueue: string;
  dryRun?: boolean;
  /**
   * The service's clock (platform/clock.ts): occurrences already past due on it are not opened,
   * and the planners run on it (its offset from the wall clock). Default: the real clock.
   */
  clock?: Pick<Clock, 'nowMs' | 'offsetMs'>;
  progress?: (done: number, total: number) => void;
  concurrency?: number;
}

/** A planner's state on the server; a finished one of another plan counts as missing. */
async function fateOf(client: Client, id: string, planId: string): Promise<'running' | 'finished' | 'missing'> {
  const d = await ifFound(() => client.workflow.getHandle(id).describe());
  if (!d) return 'missing';
  if (d.status.name === 'RUNNING') return 'running';
  // A later plan (another term) reusing the obligation ids gets new runs under the same ids.
  return d.typedSearchAttributes.get(SA.plan) === planId ? 'finished' : 'missing';
}

export async function applyPlan(client: Client, index: PlanIndex, opts: ApplyOptions): Promise<ApplyReport> {
  const plan = index.config.plan;
  const clock = opts.clock ?? REAL_CLOCK;
  const wanted = plan.obligations.flatMap((o) => index.targets(o.id).map((t) => ({ obligation: o.id, target: t.key })));
  const planners: ApplyReport['planners'] = new Array(wanted.length);
  let done = 0;
  await forEachLimit(wanted, opts.concurrency ?? 8, async ({ obligation, target }, i) => {
    const id = plannerId(obligation, target);
    let fate: PlannerFate;
    const now = await fateOf(client, id, plan.id);
    if (now !== 'missing') fate = now;
    else if (opts.dryRun) fate = 'would-start';
    else {
      const input: PlannerInput = {
        plan: plan.id,
        obligation,
        target,
        notDueBeforeMs: clock.nowMs(),
        ...(clock.offsetMs !== 0 ? { timeOffsetMs: clock.offsetMs } : {}),
      };
      try {
        await startPlanner(client, index, input, { taskQueue: opts.taskQueue });
        fate = 'started';
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        fate = 'running'; // started concurrently by another apply
      }
    }
    planners[i] = { id, fate };
    opts.progress?.(++done, wanted.length);
  });
  const counts: Record<PlannerFate, number> = { started: 0, 'would-start': 0, running: 0, finished: 0 };
  for (const p of planners) counts[p.fate]++;
  return { planners, counts };
}
