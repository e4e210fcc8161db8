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
  const wallStart = Date.now();
  const result = await worker.runUntil(
    env.client.workflow.execute(probeSleep, { args: [90], workflowId: 'probe-sleep-90', taskQueue }),
  );
  const wallMs = Date.now() - wallStart;
  const workflowDays = (result.endedAt - result.startedAt) / 86_400_000;
  expect(workflowDays).toBeGreaterThanOrEqual(90);
  expect(workflowDays).toBeLessThan(91);
  // Workflow time moved 90 days while the wall clock moved a tiny fraction of that.
  expect(wallMs).toBeLessThan(workflowDays * 86_400_000 / 1000);
  expect(env.supportsTimeSkipping).toBe(true);
});
