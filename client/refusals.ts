/**
 * What a client call answers when the server cannot do what was asked — in one place for
 * every call in client/. "Workflow not found" is translated here and nowhere else: `ifFound`
 * where a missing workflow is an answer (apply's "not started yet", the report's "never
 * followed"), `found` where it is a refusal naming what is missing (resolving, pausing).
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { unknownWorkflowVi } from '../vocabulary';

/** A request the CLI or the pages refuse with a sentence a person can act on. */
export class ActionRefused extends Error {
  constructor(
    message: string,
    readonly reason: 'unknown' | 'rejected' | 'finished',
  ) {
    super(message);
  }
}

/** The call's answer, or undefined when the server has no such workflow. */
export async function ifFound<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** The call's answer; a workflow the server does not have is refused, naming the id (`reason: 'unknown'`). */
export async function found<T>(what: 'occurrence' | 'planner', id: string, call: () => Promise<T>): Promise<T> {
  const answer = await ifFound(async () => ({ value: await call() }));
  if (!answer) throw new ActionRefused(unknownWorkflowVi(what, id), 'unknown');
  return answer.value;
}
