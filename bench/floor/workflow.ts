/**
 * The Temporal floor (issue 19, point 1): the least a durable notice can cost on this stack.
 * One workflow sleeps until its instant and sends one prebuilt message through one local
 * activity — no timeline, no catch-up rule, no state, no search attributes. bench/burst.ts runs
 * it in the same run as dondoc's burst, with the same message bytes, so that dondoc's cost shows
 * as a ratio to it.
 */
import { proxyLocalActivities, sleep } from '@temporalio/workflow';
import type { FloorActivities } from './activities';

const { sendPrebuilt } = proxyLocalActivities<FloorActivities>({ startToCloseTimeout: '2 minutes', retry: { maximumAttempts: 1 } });

export interface FloorInput {
  /** Real instant the message is due. */
  atMs: number;
  /** Which prebuilt message (an index into the messages the worker was given). */
  message: number;
}

export async function floorWorkflow(input: FloorInput): Promise<void> {
  const wait = input.atMs - Date.now();
  if (wait > 0) await sleep(wait);
  await sendPrebuilt(input.message);
}
