import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { probeSleep } from '../helpers/probe-workflows';
import { bundledWorker, timeSkippingEnv } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test('a 90-day workflow timer completes under time skipping', async () => {
  const { worker, taskQueue } = await bundledWorker(env);
  const result = await worker.runUntil(
    env.client.workflow.execute(probeSleep, { args: [90], workflowId: 'probe-sleep-90', taskQueue }),
  );
  // Workflow time moved 90 days; the wall clock, within the test's timeout (no timing bound here: bench/).
  const workflowDays = (result.endedAt - result.startedAt) / 86_400_000;
  expect(workflowDays).toBeGreaterThanOrEqual(90);
  expect(workflowDays).toBeLessThan(91);
  expect(env.supportsTimeSkipping).toBe(true);
});
