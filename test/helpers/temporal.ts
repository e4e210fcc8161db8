import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { installRuntime } from '../../platform/runtime';
import { afterAll, beforeAll, inject } from 'vitest';
import { terminateAll } from './integration-plan';
import { startTimeSkippingEnv } from '../../platform/test-server';

function quietRuntime() {
  installRuntime('WARN');
}

/**
 * A time-skipping environment on the Java test server that scripts/provision.js fetched from
 * Maven Central (its launcher starts the JVM from a CDS archive in well under a second, inside
 * @temporalio/testing's wait for the port). One per test file: time skipping is global to a
 * server, so files must not share one.
 */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return startTimeSkippingEnv();
}

/** The run's shared dev server (test/helpers/setup-dev-server.ts). */
export async function devServerEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createFromExistingServer({ address: inject('temporalAddress') });
}

/**
 * A test file's use of the run's dev server: connected before its tests; afterwards the
 * workflows named in `leftovers` are terminated (a failed test leaves them running) and the
 * connection is closed.
 */
export function useDevServer(): { readonly env: TestWorkflowEnvironment; leftovers: Set<string> } {
  let env: TestWorkflowEnvironment | undefined;
  const leftovers = new Set<string>();
  beforeAll(async () => {
    env = await devServerEnv();
  });
  afterAll(async () => {
    if (env) await terminateAll(env.client, leftovers);
    await env?.teardown();
  });
  return {
    get env() {
      if (!env) throw new Error('useDevServer: the dev server is connected in beforeAll; use it inside tests');
      return env;
    },
    leftovers,
  };
}

/** A worker on a fresh task queue running the run's workflow bundle. */
export async function bundledWorker(
  env: TestWorkflowEnvironment,
  options: Partial<WorkerOptions> = {},
): Promise<{ worker: Worker; taskQueue: string }> {
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    workflowBundle: { codePath: inject('workflowBundlePath') },
    ...options,
    taskQueue,
  });
  return { worker, taskQueue };
}
