/**
 * Resolving an occurrence from outside (CLI, web pages): the workflow's Updates, with the
 * failures turned into messages a person can act on.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
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
import { FIELD_LABELS, quoteVi, refusalMessage, statusLabel } from '../vocabulary';

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
  | { action: 'record'; input: RecordInput }
  | { action: 'undo'; input: UndoInput };

/** An id that names no occurrence: said once, for the CLI and the pages. */
function unknownOccurrence(id: string): string {
  return `không có lần thực hiện nào mang ${FIELD_LABELS.trackingId.toLowerCase()} ${quoteVi(id)}`;
}

const UPDATES = { complete: completeUpdate, waive: waiveUpdate, extend: extendUpdate, record: recordUpdate, undo: undoUpdate } as const;

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
  return update(() => handle.executeUpdate(UPDATES[action.action] as typeof completeUpdate, { args: [action.input as CompleteInput] }));
}

/** An Update, its validator's refusal turned into an ActionRefused. */
async function update(run: () => Promise<OccurrenceState>): Promise<OccurrenceState> {
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

/**
 * The monitor withdraws a result (`dondoc reopen`): the occurrence is followed up again from
 * where its timeline stands. A run still waiting after its result takes the `reopen` Update; a
 * finished one is carried on by a new run under the same id, started with its state (the same
 * rules, domain/resolution.ts, checked here first), on the same task queue and clock.
 */
export async function reopen(client: Client, id: string, input: ReopenInput, nowMs: number = Date.now()): Promise<OccurrenceState> {
  const handle = client.workflow.getHandle(id);
  let description;
  try {
    description = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ActionRefused(unknownOccurrence(id), 'unknown');
    throw err;
  }
  if (description.status.name === 'RUNNING') return update(() => handle.executeUpdate(reopenUpdate, { args: [input] }));
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
