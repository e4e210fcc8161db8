/**
 * Resolving an occurrence from outside (CLI, web pages): the workflow's Updates, with the
 * failures turned into messages a person can act on.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
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
import { endedOccurrenceVi } from '../vocabulary';
import { ActionRefused, found } from './refusals';

export { ActionRefused };

export type Action =
  | { action: 'complete'; input: CompleteInput }
  | { action: 'waive'; input: WaiveInput }
  | { action: 'extend'; input: ExtendInput }
  | { action: 'record'; input: RecordInput };

const UPDATES = { complete: completeUpdate, waive: waiveUpdate, extend: extendUpdate, record: recordUpdate } as const;

/** The state of an occurrence, running or finished. */
export async function occurrenceState(client: Client, id: string): Promise<OccurrenceState> {
  return found('occurrence', id, () => client.workflow.getHandle(id).query(stateQuery));
}

/** The action's Update, sent as it is (a refusal is the workflow's WorkflowUpdateFailedError). */
export function sendUpdate(client: Client, id: string, action: Action): Promise<OccurrenceState> {
  return client.workflow.getHandle(id).executeUpdate(UPDATES[action.action] as typeof completeUpdate, { args: [action.input as CompleteInput] });
}

/** The action on a running occurrence, refused (ActionRefused) with a sentence for an unknown id, an ended occurrence or a validator's no. */
export async function act(client: Client, id: string, action: Action): Promise<OccurrenceState> {
  const handle = client.workflow.getHandle(id);
  const running = (await found('occurrence', id, () => handle.describe())).status.name === 'RUNNING';
  if (!running) {
    const state = await occurrenceState(client, id);
    throw new ActionRefused(endedOccurrenceVi(id, state.status), 'finished');
  }
  try {
    return await sendUpdate(client, id, action);
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = (err.cause as Error | undefined)?.message ?? err.message;
      throw new ActionRefused(cause, 'rejected');
    }
    throw err;
  }
}
