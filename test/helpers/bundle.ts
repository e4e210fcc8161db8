import * as os from 'node:os';
import * as path from 'node:path';
import { ensureWorkflowBundle as ensureBundle, PRELOADED_MODULES, WORKFLOW_SOURCES } from '../../platform/workflow-bundle';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The tests' bundle: dondoc's workflows plus the probes; built once per content, reused by
 * later runs. With `failureConverterPath` (encrypted payloads, platform/codec.ts), the variant
 * that a worker with the codec runs; with `preloadModules`, a simulation's (SIMULATION_PRELOADED_MODULES).
 */
export function ensureWorkflowBundle(opts: { failureConverterPath?: string; preloadModules?: string[] } = {}): Promise<string> {
  return ensureBundle({
    entry: path.join(ROOT, 'test/helpers/workflows-under-test.ts'),
    sources: [...WORKFLOW_SOURCES, 'test/helpers/probe-workflows.ts', 'test/helpers/workflows-under-test.ts'],
    dir: path.join(os.tmpdir(), 'dondoc-test-bundles'),
    preloadModules: PRELOADED_MODULES, // as `npm start` runs them
    ...opts,
  });
}
