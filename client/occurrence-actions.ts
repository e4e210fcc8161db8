/**
 * Resolving an occurrence from outside (CLI, web pages): the workflow's Updates, with the
 * failures turned into messages a person can act on; and the monitor's reopening of a result.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { withdrawalRefusal } from '../domain/resolution';
import {
  completeUpdate,
  extendUpdate,
  recordUpdate,
  reopenUpdate,
  stateQuery,
  undoUpdate,
  waiveUpdate,
  type CompleteInput,
  type ExtendInput,
  type OccurrenceState,
  type RecordInput,
  type ReopenInput,
  type UndoInput,
  type WaiveInput,
} from '../workflows/messages';
import { occurrenceStartOptions } from '../workflows/start-options';
import { endedOccurrenceVi, quoteVi, refusalMessage } from '../vocabulary';
import { ActionRefused, found } from './refusals';

export { ActionRefused };

export type Action =
  | { action: 'complete'; input: CompleteInput }
  | { action: 'waive'; input: WaiveInput }
  | { action: 'extend'; input: ExtendInput }
  | { action: 'record'; input: RecordInput }
  | { action: 'undo'; input: UndoInput };

const UPDATES = { complete: completeUpdate, waive: waiveUpdate, extend: extendUpdate, record: recordUpdate, undo: undoUpdate } as const;

/** The state of an occurrence, running or finished. */
export async function occurrenceState(client: Client, id: string): Promise<OccurrenceState> {
  return found('occurrence', id, () => client.workflow.getHandle(id).query(stateQuery));
}

/** The action's Update, sent as it is (a refusal is the workflow's WorkflowUpdateFailedError). */
export function sendUpdate(client: Client, id: string, action: Action): Promise<OccurrenceState> {
  return client.workflow.getHandle(id).executeUpdate(UPDATES[action.action] as typeof completeUpdate, { args: [action.input as CompleteInput] });
}

/** An Update, its validator's refusal turned into an ActionRefused. */
async function refusedOnRejection(run: () => Promise<OccurrenceState>): Promise<OccurrenceState> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = (err.cause as Error | undefined)?.message ?? err.message;
      throw new ActionRefused(cause, 'rejected');
    }
    throw err;
  }
}

/** The action on a running occurrence, refused (ActionRefused) with a sentence for an unknown id, an ended occurrence or a validator's no. */
export async function act(client: Client, id: string, action: Action): Promise<OccurrenceState> {
  const handle = client.workflow.getHandle(id);
  const running = (await found('occurrence', id, () => handle.describe())).status.name === 'RUNNING';
  if (!running) {
    const state = await occurrenceState(client, id);
    throw new ActionRefused(endedOccurrenceVi(id, state.status), 'finished');
  }
  return refusedOnRejection(() => sendUpdate(client, id, action));
}

/**
 * The monitor withdraws a result (`dondoc reopen`): the occurrence is followed up again from
 * where its timeline stands. A run still waiting after its result takes the `reopen` Update; a
 * finished one is carried on by a new run under the same id, started with its state (the same
 * rules, domain/resolution.ts, checked here first), on the same task queue and clock.
 */
export async function reopen(client: Client, id: string, input: ReopenInput, nowMs: number = Date.now()): Promise<OccurrenceState> {
  const handle = client.workflow.getHandle(id);
  const description = await found('occurrence', id, () => handle.describe());
  if (description.status.name === 'RUNNING') return refusedOnRejection(() => handle.executeUpdate(reopenUpdate, { args: [input] }));
  const previous = await occurrenceState(client, id);
  const refusal = withdrawalRefusal('reopen', previous, input, nowMs + (previous.timeOffsetMs ?? 0));
  if (refusal) throw new ActionRefused(refusalMessage('reopen', refusal), 'rejected');
  const spec = { ...previous.spec, steps: previous.steps.map(({ index, kind, atMs, at, offset, to, level }) => ({ index, kind, atMs, at, offset, to, ...(level ? { level } : {}) })) };
  try {
    const started = await client.workflow.start('occurrenceWorkflow', {
      ...occurrenceStartOptions(spec, {
        taskQueue: description.taskQueue,
        workflowId: id,
        ...(previous.timeOffsetMs ? { timeOffsetMs: previous.timeOffsetMs } : {}),
        reopen: { ...input, previous },
      }),
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    return await started.query(stateQuery);
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw new ActionRefused(`lần thực hiện ${quoteVi(id)} vừa được mở lại`, 'rejected');
    throw err;
  }
}
