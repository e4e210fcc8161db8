/**
 * Resolving an occurrence from outside (CLI, web pages): the workflow's Updates, with the
 * failures turned into messages a person can act on.
 */
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import {
  completeUpdate,
  extendUpdate,
  recordUpdate,
  stateQuery,
  waiveUpdate,
  type CompleteInput,
  type ExtendInput,
  type OccurrenceState,
  type RecordInput,
  type WaiveInput,
} from '../workflows/messages';
import { FIELD_LABELS, quoteVi, statusLabel } from '../vocabulary';

export class ActionRefused extends Error {
  constructor(
    message: string,
    readonly reason: 'unknown' | 'rejected' | 'finished',
  ) {
    super(message);
  }
}

export type Action =
  | { action: 'complete'; input: CompleteInput }
  | { action: 'waive'; input: WaiveInput }
  | { action: 'extend'; input: ExtendInput }
  | { action: 'record'; input: RecordInput };

/** An id that names no occurrence: said once, for the CLI and the pages. */
function unknownOccurrence(id: string): string {
  return `không có lần thực hiện nào mang ${FIELD_LABELS.trackingId.toLowerCase()} ${quoteVi(id)}`;
}

const UPDATES = { complete: completeUpdate, waive: waiveUpdate, extend: extendUpdate, record: recordUpdate } as const;

/** The state of an occurrence, running or finished. */
export async function occurrenceState(client: Client, id: string): Promise<OccurrenceState> {
  try {
    return await client.workflow.getHandle(id).query(stateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ActionRefused(unknownOccurrence(id), 'unknown');
    throw err;
  }
}

export async function act(client: Client, id: string, action: Action): Promise<OccurrenceState> {
  const handle = client.workflow.getHandle(id);
  let running: boolean;
  try {
    running = (await handle.describe()).status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ActionRefused(unknownOccurrence(id), 'unknown');
    throw err;
  }
  if (!running) {
    const state = await occurrenceState(client, id);
    throw new ActionRefused(`lần thực hiện ${quoteVi(id)} đã kết thúc, ${FIELD_LABELS.status.toLowerCase()}: ${quoteVi(statusLabel(state.status))}`, 'finished');
  }
  try {
    return await handle.executeUpdate(UPDATES[action.action] as typeof completeUpdate, { args: [action.input as CompleteInput] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = (err.cause as Error | undefined)?.message ?? err.message;
      throw new ActionRefused(cause, 'rejected');
    }
    throw err;
  }
}
