/**
 * Small workflows that exercise the platform itself (timers, search attributes, signals),
 * bundled together with dondoc's real workflows for the harness tests.
 */
import { condition, defineSignal, setHandler, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { SA } from '../../workflows/search-attributes';

export const releaseSignal = defineSignal('release');

/** Sleeps for `days` days of workflow time and reports how much time passed. */
export async function probeSleep(days: number): Promise<{ startedAt: number; endedAt: number }> {
  const startedAt = Date.now();
  await sleep(`${days} days`);
  return { startedAt, endedAt: Date.now() };
}

/** Tags itself with a unit and a status, then waits for the `release` signal. */
export async function probeTagged(unit: string, status: string): Promise<string> {
  upsertSearchAttributes([
    { key: SA.unit, value: unit },
    { key: SA.status, value: status },
  ]);
  let released = false;
  setHandler(releaseSignal, () => {
    released = true;
  });
  await condition(() => released);
  return workflowInfo().workflowId;
}
