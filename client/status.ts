/**
 * `dondoc status`: occurrences as Temporal visibility lists them, through the same search
 * attributes an admin types in the Temporal UI.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { addDays, localDateOfInstant, toInstantMs } from '../domain/calendar/local-date';
import type { HandedOver } from '../domain/handover';
import type { LocalDate } from '../domain/model';
import type { StatusCode } from '../domain/status';
import { SA } from '../workflows/search-attributes';

export interface StatusFilter {
  overdue?: boolean;
  unit?: string;
  obligation?: string;
  status?: StatusCode;
  plan?: string;
  /** Due on or after this day (Vietnam time). */
  dueFrom?: LocalDate;
  /** Due on or before this day (Vietnam time). */
  dueTo?: LocalDate;
}

export interface StatusRow {
  id: string;
  obligation: string;
  unit: string;
  period: string;
  owners: string[];
  status: StatusCode;
  due: string | null;
  resolvedAt: string | null;
  summary: string;
  /**
   * Notices not sent after a catch-up (domain/catch-up.ts: a later one went instead, or they were
   * no longer true), from the memo the workflow keeps up to date; 0 when none.
   */
  skippedNotices: number;
  /**
   * Handed over from a unit that ended (merged) to its successor, which `unit` now names: from
   * the memo the workflow upserts at the handover; null when it was not.
   */
  handedOver: HandedOver | null;
}

const quote = (v: string) => `'${v.replace(/'/g, "\\'")}'`;

/** The visibility query for a filter: what an admin would type in the UI. */
export function statusQuery(filter: StatusFilter): string {
  const clauses = [`${SA.kind.name} = 'occurrence'`];
  if (filter.unit) clauses.push(`${SA.unit.name} = ${quote(filter.unit)}`);
  if (filter.obligation) clauses.push(`${SA.obligation.name} = ${quote(filter.obligation)}`);
  if (filter.overdue) clauses.push(`${SA.status.name} = 'overdue'`);
  else if (filter.status) clauses.push(`${SA.status.name} = ${quote(filter.status)}`);
  if (filter.plan) clauses.push(`${SA.plan.name} = ${quote(filter.plan)}`);
  if (filter.dueFrom) clauses.push(`${SA.due.name} >= ${quote(new Date(toInstantMs(filter.dueFrom, '00:00')).toISOString())}`);
  if (filter.dueTo) clauses.push(`${SA.due.name} < ${quote(new Date(toInstantMs(addDays(filter.dueTo, 1), '00:00')).toISOString())}`);
  return clauses.join(' AND ');
}

/** The handover the memo records (occurrence-record.ts `handOver`), when it is whole; else null. */
export function handedOverOfMemo(memo: Record<string, unknown> | undefined): HandedOver | null {
  const h = memo?.handedOver as Partial<Record<keyof HandedOver, unknown>> | undefined;
  if (!h || typeof h !== 'object') return null;
  const { from, fromName, to, toName, on } = h;
  const text = [from, fromName, to, toName, on];
  return text.every((v) => typeof v === 'string') ? { from, fromName, to, toName, on } as HandedOver : null;
}

function row(info: WorkflowExecutionInfo): StatusRow {
  const sa = info.typedSearchAttributes;
  const date = (d: Date | undefined) => (d ? localDateOfInstant(d.getTime()) : null);
  return {
    id: info.workflowId,
    obligation: sa.get(SA.obligation) ?? '',
    unit: sa.get(SA.unit) ?? '',
    period: sa.get(SA.period) ?? '',
    owners: sa.get(SA.owner) ?? [],
    status: (sa.get(SA.status) ?? 'open') as StatusCode,
    due: date(sa.get(SA.due)),
    resolvedAt: date(sa.get(SA.resolvedAt)),
    summary: String(info.memo?.summary ?? ''),
    skippedNotices: Number(info.memo?.skippedNotices ?? 0) || 0,
    handedOver: handedOverOfMemo(info.memo),
  };
}

export async function listOccurrences(client: Client, filter: StatusFilter, limit = 10_000): Promise<StatusRow[]> {
  const rows: StatusRow[] = [];
  for await (const info of client.workflow.list({ query: statusQuery(filter) })) {
    rows.push(row(info));
    if (rows.length >= limit) break;
  }
  return rows.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.id.localeCompare(b.id));
}
