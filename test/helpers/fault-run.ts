/**
 * A fault test file's rig: the run's dev server, a loopback SMTP sink, one data directory (the
 * mail ledger) shared by the worker processes it spawns (test/helpers/fault.ts), and cleanup
 * after the file: every worker killed, the workflows it named terminated, sink and files gone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, inject } from 'vitest';
import { spawnWorker, type WorkerProcessOptions, type WorkerProcess } from './fault';
import { terminateAll } from './integration-plan';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { devServerEnv } from './temporal';

export interface FaultRun {
  readonly env: TestWorkflowEnvironment;
  readonly sink: SmtpSink;
  readonly dataDir: string;
  /** Workflow ids to terminate after the file (a failed test leaves them running). */
  readonly leftovers: Set<string>;
  /** A worker process on `taskQueue`, on the run's server, bundle, sink and data directory. */
  worker(taskQueue: string, more?: Pick<WorkerProcessOptions, 'digestWindowS'>): WorkerProcess;
}

export function useFaultRun(name: string): FaultRun {
  let env: TestWorkflowEnvironment | undefined;
  let sink: SmtpSink | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `dondoc-${name}-`));
  const workers: WorkerProcess[] = [];
  const leftovers = new Set<string>();
  beforeAll(async () => {
    env = await devServerEnv();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    if (env) await terminateAll(env.client, leftovers);
    await env?.teardown();
    await sink?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const ready = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`useFaultRun: the ${what} starts in beforeAll; use it inside tests`);
    return x;
  };
  return {
    get env() {
      return ready(env, 'dev server');
    },
    get sink() {
      return ready(sink, 'SMTP sink');
    },
    dataDir,
    leftovers,
    worker(taskQueue, more = {}) {
      const w = spawnWorker({ temporalAddress: inject('temporalAddress'), taskQueue, dataDir, smtpUrl: this.sink.url, bundlePath: inject('workflowBundlePath'), ...more });
      workers.push(w);
      return w;
    },
  };
}
