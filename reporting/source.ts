/**
 * Where the report's occurrence records come from.
 *
 * - `temporalSource(client)`: by the deterministic workflow id of each expected occurrence
 *   (works on the dev server, a cluster and the time-skipping test server alike). A finished
 *   occurrence is read from its result in history (its final state, with the resolution:
 *   evidence, value, target met) — no worker needed; a running one from its search attributes
 *   (`DondocStatus`, `DondocDue`) — no query, so asking from inside a notice's activity never
 *   waits on the very workflow being notified; when those are missing, from the `state` query.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { localDateOfInstant } from '../domain/calendar/local-date';
import { forEachLimit } from '../domain/each-limit';
import { FINAL_STATUSES, type StatusCode } from '../domain/status';
import { stateQuery, type OccurrenceState } from '../workflows/messages';
import { SA } from '../workflows/search-attributes';
import type { FactSource, OccurrenceRecord } from './facts';

/** The record of an occurrence from its state (query result or workflow result). */
export function recordOfState(state: OccurrenceState): OccurrenceRecord {
  const closeStep = state.steps.find((s) => s.kind === 'close' && s.state === 'sent');
  const endedAtMs = state.resolution?.atMs ?? (state.final ? closeStep?.sentAtMs : undefined);
  return {
    status: state.status,
    due: state.spec.due,
    ...(endedAtMs !== undefined ? { endedAtMs } : {}),
    ...(state.resolution ? { resolution: state.resolution } : {}),
    extended: state.extensions.length > 0,
  };
}

export interface TemporalSourceOptions {
  /** Parallel requests to the server (default 16). */
  concurrency?: number;
}

export function temporalSource(client: Client, opts: TemporalSourceOptions = {}): FactSource {
  async function recordOf(id: string): Promise<OccurrenceRecord | undefined> {
    const handle = client.workflow.getHandle(id);
    let description;
    try {
      description = await handle.describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
    const sa = description.typedSearchAttributes;
    const saStatus = sa.get(SA.status) as StatusCode | undefined;
    const saDue = sa.get(SA.due);
    if (description.status.name === 'COMPLETED') return recordOfState((await handle.result()) as OccurrenceState);
    if (description.status.name === 'RUNNING' && saStatus && !FINAL_STATUSES.has(saStatus) && saDue) {
      return { status: saStatus, due: localDateOfInstant(saDue.getTime()) };
    }
    if (description.status.name === 'RUNNING') return recordOfState(await handle.query(stateQuery));
    // Terminated, failed, timed out: what visibility last said, never a resolution.
    return { status: saStatus ?? 'open', ...(saDue ? { due: localDateOfInstant(saDue.getTime()) } : {}) };
  }
  return {
    async records(ids) {
      const out = new Map<string, OccurrenceRecord>();
      await forEachLimit(ids, opts.concurrency ?? 16, async (id) => {
        const rec = await recordOf(id);
        if (rec) out.set(id, rec);
      });
      return out;
    },
  };
}
