/**
 * How an occurrence workflow is started — id, search attributes, memo, what the Temporal UI
 * says of it — whoever starts it (the planner's activity, `dondoc drill`, simulations), so the
 * UI shows every occurrence the same way from its first event.
 */
import type { SearchAttributePair } from '@temporalio/common';
import type { OccurrenceSpec } from '../domain/spec';
import { occurrenceStartDetails, occurrenceSummary } from '../vocabulary';
import type { OccurrenceInput } from './occurrence';
import { SA } from './search-attributes';

export interface OccurrenceStartRequest {
  taskQueue: string;
  /** Default: the spec's id (one workflow per occurrence). */
  workflowId?: string;
  timeOffsetMs?: number;
}

/** The options of `client.workflow.start('occurrenceWorkflow', …)`: id, input, search attributes, memo, UI metadata. */
export function occurrenceStartOptions(spec: OccurrenceSpec, req: OccurrenceStartRequest) {
  const input: OccurrenceInput = { spec, ...(req.timeOffsetMs !== undefined ? { timeOffsetMs: req.timeOffsetMs } : {}) };
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
