/**
 * A workflow test file's time-skipping server and dondoc harness (test/helpers/dondoc-harness.ts):
 * started before its tests, torn down after them. After each test, the occurrences it started and
 * left running are terminated (the latest run of each id: a reopened occurrence runs again), so
 * that the next test's time skipping does not drive them, and the notice hook is reset.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { dondocHarness, type DondocHarness, type OccurrenceRun } from './dondoc-harness';
import { timeSkippingEnv } from './temporal';

export interface HarnessInUse {
  readonly env: TestWorkflowEnvironment;
  readonly h: DondocHarness;
  /** Terminated after the test if still running. */
  track(run: OccurrenceRun): OccurrenceRun;
}

/** `bundle`: which workflow bundle the harness's worker runs (default the worker's; `simulationBundlePath`: a simulation's). */
export function useHarness(bundle: 'workflowBundlePath' | 'simulationBundlePath' = 'workflowBundlePath'): HarnessInUse {
  let env: TestWorkflowEnvironment | undefined;
  let h: DondocHarness | undefined;
  const started: OccurrenceRun[] = [];
  beforeAll(async () => {
    env = await timeSkippingEnv();
    h = await dondocHarness(env, inject(bundle));
  });
  afterEach(async () => {
    for (const run of started.splice(0)) {
      const latest = env!.client.workflow.getHandle(run.handle.workflowId);
      if ((await latest.describe()).status.name === 'RUNNING') await latest.terminate('test over');
    }
    h?.onNotice(undefined);
  });
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
  });
  return {
    get env() {
      if (!env) throw new Error('useHarness: the server starts in beforeAll; use it inside tests');
      return env;
    },
    get h() {
      if (!h) throw new Error('useHarness: the harness starts in beforeAll; use it inside tests');
      return h;
    },
    track(run) {
      started.push(run);
      return run;
    },
  };
}
