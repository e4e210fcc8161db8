/**
 * How an occurrence workflow is started — id, search attributes, memo, what the Temporal UI
 * says of it — whoever starts it (the planner's activity, `dondoc drill`, simulations), so the
 * UI shows every occurrence the same way from its first event.
 */
import type { SearchAttributePair } from '@temporalio/common';
import type { PlanIndex } from '../domain/occurrences';
import type { OccurrenceSpec } from '../domain/spec';
import { bodyNameIn, clauseRefVi, consoleLines, occurrenceStartDetails, occurrenceSummary, plannerSummary } from '../vocabulary';
import type { OccurrenceInput } from './occurrence';
import { plannerId, type PlannerInput } from './planner';
import { SA } from './search-attributes';

export interface OccurrenceStartRequest {
  taskQueue: string;
  /** Default: the spec's id (one workflow per occurrence). */
  workflowId?: string;
  timeOffsetMs?: number;
  /** A new run of a finished occurrence, reopened by the monitor (client/occurrence-actions.ts). */
  reopen?: OccurrenceInput['reopen'];
}

/** The options of `client.workflow.start('occurrenceWorkflow', …)`: id, input, search attributes, memo, UI metadata. */
export function occurrenceStartOptions(spec: OccurrenceSpec, req: OccurrenceStartRequest) {
  const input: OccurrenceInput = {
    spec,
    ...(req.timeOffsetMs !== undefined ? { timeOffsetMs: req.timeOffsetMs } : {}),
    ...(req.reopen ? { reopen: req.reopen } : {}),
  };
  return {
    workflowId: req.workflowId ?? spec.id,
    taskQueue: req.taskQueue,
    args: [input] as [OccurrenceInput],
    typedSearchAttributes: occurrenceSearchAttributes(spec),
    memo: occurrenceMemo(spec),
    staticSummary: occurrenceSummary(spec),
    staticDetails: occurrenceStartDetails(spec),
  };
}

export function occurrenceSearchAttributes(spec: Omit<OccurrenceSpec, 'steps'>): SearchAttributePair[] {
  return [
    { key: SA.kind, value: 'occurrence' },
    { key: SA.plan, value: spec.plan },
    { key: SA.obligation, value: spec.obligation },
    { key: SA.unit, value: spec.unit },
    { key: SA.owner, value: spec.owners },
    { key: SA.period, value: spec.period },
    { key: SA.due, value: new Date(spec.dueAtMs) },
    { key: SA.status, value: 'open' },
  ];
}

export function occurrenceMemo(spec: Omit<OccurrenceSpec, 'steps'>): Record<string, string> {
  return { summary: occurrenceSummary(spec), clause: `${spec.clauseRef}: ${spec.clauseText}` };
}

/**
 * The options of `client.workflow.start('plannerWorkflow', …)` for a planner of `input`:
 * its id, search attributes, memo and what the Temporal UI says of it, looked up in the plan.
 */
export function plannerStartOptions(index: PlanIndex, input: PlannerInput, req: { taskQueue: string; workflowId?: string }) {
  const obligation = index.obligation(input.obligation);
  const unit = input.target.split('/')[0]!;
  // A target of one owner (`huyen/mttq`) names that owner's body, as the directory does, read in its unit.
  const role = input.target.includes('/') ? input.target.split('/')[1] : undefined;
  const owners = role && index.targets(input.obligation).find((t) => t.key === input.target)?.owners;
  const owner = owners ? owners.map((id) => bodyNameIn(index, id, unit)).join(', ') : role;
  const summary = plannerSummary(obligation, index.unitName(unit), owner);
  return {
    workflowId: req.workflowId ?? plannerId(input.obligation, input.target),
    taskQueue: req.taskQueue,
    args: [input] as [PlannerInput],
    typedSearchAttributes: [
      { key: SA.kind, value: 'planner' },
      { key: SA.plan, value: input.plan },
      { key: SA.obligation, value: input.obligation },
      { key: SA.unit, value: unit },
    ] satisfies SearchAttributePair[],
    memo: { summary },
    staticSummary: summary,
    staticDetails: consoleLines([`**Nhiệm vụ:** ${obligation.title}`, `**Địa bàn:** ${index.unitName(unit)}`, `**Căn cứ:** ${clauseRefVi(obligation.clause.ref)}`]),
  };
}
