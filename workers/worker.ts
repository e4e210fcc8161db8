import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { ensureWorkflowBundle, PRELOADED_MODULES } from '../platform/workflow-bundle';

export interface DondocWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A pre-built bundle (tests bundle once per run); otherwise dondoc's workflows, bundled once per content. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Where to keep the bundle when none is given (default: the system's temp folder). */
  bundleDir?: string;
  /** Modules preloaded into the bundle made when none is given: PRELOADED_MODULES (default) or SIMULATION_PRELOADED_MODULES. */
  preloadModules?: string[];
  activities?: object;
  /** The payload codec's converter (platform/codec.ts `dataConverterOf`); a given bundle must have been made with its failure converter. */
  dataConverter?: DataConverter;
  /** Concurrency and cache settings (simulations run hundreds of workflows at once). */
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentLocalActivityExecutions' | 'maxConcurrentActivityTaskExecutions' | 'workflowThreadPoolSize'>;
}

/** The one place a dondoc worker is configured, for `npm start`, tests and benchmarks alike. */
export async function createDondocWorker(opts: DondocWorkerOptions): Promise<Worker> {
  const failureConverterPath = opts.dataConverter?.failureConverterPath;
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    // Never bundled in this process: webpack would stay resident in the worker.
    workflowBundle: opts.workflowBundle ?? { codePath: await ensureWorkflowBundle({ dir: opts.bundleDir, preloadModules: opts.preloadModules ?? PRELOADED_MODULES, ...(failureConverterPath ? { failureConverterPath } : {}) }) },
    activities: opts.activities ?? {},
    ...(opts.dataConverter ? { dataConverter: opts.dataConverter } : {}),
    ...opts.tuning,
  });
}
