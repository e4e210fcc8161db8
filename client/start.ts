/**
 * Starting dondoc's workflows from a client — an occurrence (a drill, a benchmark, a test) or
 * a planner (apply, simulate) — typed by the workflow functions, with the ids, search
 * attributes, memo and Temporal UI metadata of workflows/start-options.ts. (The planner's own
 * starts of its occurrences go through its activity, activities/start-occurrence.ts.)
 */
import type { Client, WorkflowHandleWithFirstExecutionRunId as StartedHandle } from '@temporalio/client';
import { drillSpec } from '../domain/drill';
import type { PlanIndex } from '../domain/occurrences';
import type { OccurrenceSpec } from '../domain/spec';
import type { occurrenceWorkflow } from '../workflows/occurrence';
import type { PlannerInput, plannerWorkflow } from '../workflows/planner';
import { occurrenceStartOptions, plannerStartOptions, type OccurrenceStartRequest } from '../workflows/start-options';

export type OccurrenceHandle = StartedHandle<typeof occurrenceWorkflow>;

export function startOccurrence(client: Client, spec: OccurrenceSpec, req: OccurrenceStartRequest): Promise<OccurrenceHandle> {
  return client.workflow.start<typeof occurrenceWorkflow>('occurrenceWorkflow', occurrenceStartOptions(spec, req));
}

export function startPlanner(
  client: Client,
  index: PlanIndex,
  input: PlannerInput,
  req: { taskQueue: string; workflowId?: string },
): Promise<StartedHandle<typeof plannerWorkflow>> {
  return client.workflow.start<typeof plannerWorkflow>('plannerWorkflow', plannerStartOptions(index, input, req));
}

export interface DrillRequest {
  obligation: string;
  unit: string;
  /** The drill's "now": its first step comes one `stepMs` later. */
  nowMs: number;
  /** One working day of the drill. */
  stepMs: number;
  /** Keeps two drills started in the same second apart (platform/drill-tail.ts). */
  tail: string;
  taskQueue: string;
  workflowId?: string;
  /** The service clock's offset (platform/clock.ts): the drill's workflow runs on it. */
  timeOffsetMs?: number;
}

/** A drill (domain/drill.ts) opened at once. @throws DrillError for an obligation or unit the plan does not have */
export async function startDrill(client: Client, index: PlanIndex, req: DrillRequest): Promise<{ spec: OccurrenceSpec; handle: OccurrenceHandle }> {
  const spec = drillSpec(index, req.obligation, req.unit, req.nowMs, req.stepMs, req.tail);
  const handle = await startOccurrence(client, spec, {
    taskQueue: req.taskQueue,
    ...(req.workflowId ? { workflowId: req.workflowId } : {}),
    ...(req.timeOffsetMs ? { timeOffsetMs: req.timeOffsetMs } : {}),
  });
  return { spec, handle };
}
