import type { TestProject } from 'vitest/node';
import { SIMULATION_PRELOADED_MODULES } from '../../platform/workflow-bundle';
import { ensureWorkflowBundle } from './bundle';

export async function setup(project: TestProject): Promise<void> {
  // Built side by side, each in a child process: the worker's, and the simulation's (no stack-trace frames).
  const [worker, simulation] = await Promise.all([ensureWorkflowBundle(), ensureWorkflowBundle({ preloadModules: SIMULATION_PRELOADED_MODULES })]);
  project.provide('workflowBundlePath', worker);
  project.provide('simulationBundlePath', simulation);
}

declare module 'vitest' {
  export interface ProvidedContext {
    workflowBundlePath: string;
    /** The same workflows and probes as a simulation bundles them (SIMULATION_PRELOADED_MODULES). */
    simulationBundlePath: string;
    temporalAddress: string;
  }
}
