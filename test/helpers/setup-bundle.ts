import type { TestProject } from 'vitest/node';
import { ensureWorkflowBundle } from './bundle';

export async function setup(project: TestProject): Promise<void> {
  project.provide('workflowBundlePath', await ensureWorkflowBundle());
}

declare module 'vitest' {
  export interface ProvidedContext {
    workflowBundlePath: string;
    temporalAddress: string;
  }
}
