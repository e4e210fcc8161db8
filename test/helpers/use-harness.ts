/**
 * A workflow test file's time-skipping server and dondoc harness (test/helpers/dondoc-harness.ts),
 * made before its tests and torn down after them.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, inject } from 'vitest';
import { dondocHarness, type DondocHarness } from './dondoc-harness';
import { timeSkippingEnv } from './temporal';

export function useHarness(): { readonly env: TestWorkflowEnvironment; readonly h: DondocHarness } {
  let env: TestWorkflowEnvironment | undefined;
  let h: DondocHarness | undefined;
  beforeAll(async () => {
    env = await timeSkippingEnv();
    h = await dondocHarness(env, inject('workflowBundlePath'));
  });
  afterAll(async () => {
    await h?.close();
    await env?.teardown();
  });
  const ready = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('useHarness: the server starts in beforeAll; use it inside tests');
    return x;
  };
  return {
    get env() {
      return ready(env);
    },
    get h() {
      return ready(h);
    },
  };
}
