/**
 * How an occurrence workflow is started — id, search attributes, memo — whoever starts it
 * (the planner's activity, `dondoc drill`, simulations), so the Temporal UI shows every
 * occurrence the same way from its first event.
 */
import type { SearchAttributePair } from '@temporalio/common';
import type { OccurrenceSpec } from '../domain/spec';
import { occurrenceSummary } from '../vocabulary';
import { OCCURRENCE_HISTORY_VERSION } from './messages';
import type { OccurrenceInput } from './occurrence';
import { SA } from './search-attributes';

export interface OccurrenceStartRequest {
  taskQueue: string;
  /** Default: the spec's id (one workflow per occurrence). */
  workflowId?: string;
  timeOffsetMs?: number;
  /**
   * The command version (`OccurrenceInput.historyVersion`). Default: the newest. 0 starts it as
   * occurrences were started before the gate (the field absent): tests of that path only.
   */
  historyVersion?: number;
}

/** The options of `client.workflow.start('occurrenceWorkflow', …)`: id, input, search attributes, memo. */
export function occurrenceStartOptions(spec: OccurrenceSpec, req: OccurrenceStartRequest) {
  const version = req.historyVersion ?? OCCURRENCE_HISTORY_VERSION;
  const input: OccurrenceInput = {
    spec,
    ...(req.timeOffsetMs !== undefined ? { timeOffsetMs: req.timeOffsetMs } : {}),
    ...(version > 0 ? { historyVersion: version } : {}),
  };
  return {
    workflowId: req.workflowId ?? spec.id,
    taskQueue: req.taskQueue,
    args: [input] as [OccurrenceInput],
    typedSearchAttributes: occurrenceSearchAttributes(spec),
    memo: occurrenceMemo(spec),
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
