/**
 * Child process of platform/workflow-bundle.ts: bundles the workflows at argv[2] into the file
 * argv[3], with the options of argv[4] (JSON: a failure converter module, the modules to
 * preload), and exits, taking webpack's memory with it.
 */
import * as fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { ChildBundleOptions } from './workflow-bundle';

const noop = () => undefined;
const logger = { log: noop, trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error };

async function main(): Promise<void> {
  const [entry, out, json] = process.argv.slice(2);
  if (!entry || !out || !json) throw new Error('usage: bundle-workflows <entry.ts> <out.js> <options JSON>');
  const { failureConverterPath, preloadModules } = JSON.parse(json) as ChildBundleOptions;
  const { code } = await bundleWorkflowCode({ workflowsPath: entry, logger, preloadModules, ...(failureConverterPath ? { failureConverterPath } : {}) });
  fs.writeFileSync(out, code);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
