import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { probeTagged, releaseSignal } from '../helpers/probe-workflows';
import { bundledWorker, devServerEnv } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await devServerEnv();
});
afterAll(async () => {
  await env?.teardown();
});

async function waitForCount(query: string, expected: number): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const ids: string[] = [];
    for await (const wf of env.client.workflow.list({ query })) ids.push(wf.workflowId);
    if (ids.length === expected) return ids.sort();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`visibility never returned ${expected} workflows for ${query}`);
}

test('workflows are found again by a list query on custom search attributes', async () => {
  const { worker, taskQueue } = await bundledWorker(env);
  const tag = `u${Date.now()}`;
  await worker.runUntil(async () => {
    const started = await Promise.all(
      [
        ['a', `${tag}-bien-son`, 'overdue'],
        ['b', `${tag}-bien-son`, 'open'],
        ['c', `${tag}-chu`, 'overdue'],
      ].map(([id, unit, status]) =>
        env.client.workflow.start(probeTagged, { args: [unit!, status!], workflowId: `${tag}-${id}`, taskQueue }),
      ),
    );
    const ids = await waitForCount(`DondocUnit = '${tag}-bien-son' AND DondocStatus = 'overdue'`, 1);
    expect(ids).toEqual([`${tag}-a`]);
    expect(await waitForCount(`DondocUnit = '${tag}-bien-son'`, 2)).toEqual([`${tag}-a`, `${tag}-b`]);
    await Promise.all(started.map((h) => h.signal(releaseSignal)));
    await Promise.all(started.map((h) => h.result()));
  });
});
