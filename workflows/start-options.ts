/**
 * How an occurrence workflow is started — id, search attributes, memo — whoever starts it
 * (the planner's activity, `dondoc drill`, simulations), so the Temporal UI shows every
 * occurrence the same way from its first event.
 */
import type { SearchAttributePair } from '@temporalio/common';
import type { OccurrenceSpec } from '../domain/spec';
import { SA } from './search-attributes';

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
  return { summary: spec.summary, clause: `${spec.clauseRef}: ${spec.clauseText}` };
}
