import * as path from 'node:path';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';

export const WORKFLOWS_PATH = path.resolve(__dirname, '../workflows/index.ts');

export interface DondocWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A pre-built bundle (tests bundle once per run); otherwise workflows/ is bundled now. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  activities?: object;
  /** Concurrency and cache settings (simulations run hundreds of workflows at once). */
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentLocalActivityExecutions' | 'maxConcurrentActivityTaskExecutions'>;
}

/** The one place a dondoc worker is configured, for `npm start`, tests and benchmarks alike. */
export async function createDondocWorker(opts: DondocWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: opts.activities ?? {},
    ...opts.tuning,
  });
}
