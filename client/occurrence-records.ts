/**
 * The report's reads: what Temporal recorded of each occurrence, by the deterministic workflow
 * id of each one the plan expects (works on the dev server, a cluster and the time-skipping
 * test server alike). A finished occurrence is read from its result in history (its final
 * state, with the resolution: evidence, value, target met) — no worker needed; a running one
 * from its search attributes (`DondocStatus`, `DondocDue`) and memo (a handover) — no query, so asking from inside a
 * notice's activity never waits on the very workflow being notified; when those are missing,
 * from the `state` query. An id with no workflow has no record.
 */
import type { Client } from '@temporalio/client';
import { localDateOfInstant } from '../domain/calendar/local-date';
import { FINAL_STATUSES, type StatusCode } from '../domain/status';
import type { HandedOver } from '../domain/handover';
import { handedOverOf, stateQuery, type OccurrenceState, type Resolution } from '../workflows/messages';
import { handedOverOfMemo } from './status';
import { SA } from '../workflows/search-attributes';
import { ifFound } from './refusals';
import { forEachLimit } from '../domain/each-limit';

/** What Temporal recorded of one occurrence workflow. */
export interface OccurrenceRecord {
  status: StatusCode;
  /** The due date in force (an extension moves it); absent: the plan's. */
  due?: string;
  /** When the occurrence was resolved, or closed as overdue. */
  endedAtMs?: number;
  resolution?: Resolution;
  extended?: boolean;
  /** Handed over to a successor when its unit merged into it (from the state, or the memo of a running one). */
  handedOver?: HandedOver;
}

/** The record of an occurrence from its state (query result or workflow result). */
export function recordOfState(state: OccurrenceState): OccurrenceRecord {
  const closeStep = state.steps.find((s) => s.kind === 'close' && s.state === 'sent');
  const endedAtMs = state.resolution?.atMs ?? (state.final ? closeStep?.sentAtMs : undefined);
  const handedOver = handedOverOf(state);
  return {
    status: state.status,
    due: state.spec.due,
    ...(endedAtMs !== undefined ? { endedAtMs } : {}),
    ...(state.resolution ? { resolution: state.resolution } : {}),
    extended: state.extensions.length > 0,
    ...(handedOver ? { handedOver } : {}),
  };
}

export interface OccurrenceRecordsOptions {
  /** Parallel requests to the server (default 16). */
  concurrency?: number;
}

async function recordOf(client: Client, id: string): Promise<OccurrenceRecord | undefined> {
  const handle = client.workflow.getHandle(id);
  const description = await ifFound(() => handle.describe());
  if (!description) return undefined;
  const sa = description.typedSearchAttributes;
  const saStatus = sa.get(SA.status) as StatusCode | undefined;
  const saDue = sa.get(SA.due);
  if (description.status.name === 'COMPLETED') return recordOfState((await handle.result()) as OccurrenceState);
  if (description.status.name === 'RUNNING' && saStatus && !FINAL_STATUSES.has(saStatus) && saDue) {
    const handedOver = handedOverOfMemo(description.memo);
    return { status: saStatus, due: localDateOfInstant(saDue.getTime()), ...(handedOver ? { handedOver } : {}) };
  }
  if (description.status.name === 'RUNNING') return recordOfState(await handle.query(stateQuery));
  // Terminated, failed, timed out: what visibility last said, never a resolution.
  return { status: saStatus ?? 'open', ...(saDue ? { due: localDateOfInstant(saDue.getTime()) } : {}) };
}

/** Records by occurrence id; an id without a workflow is absent from the map. */
export async function occurrenceRecords(client: Client, ids: readonly string[], opts: OccurrenceRecordsOptions = {}): Promise<Map<string, OccurrenceRecord>> {
  const out = new Map<string, OccurrenceRecord>();
  await forEachLimit(ids, opts.concurrency ?? 16, async (id) => {
    const rec = await recordOf(client, id);
    if (rec) out.set(id, rec);
  });
  return out;
}
