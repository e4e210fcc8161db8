/**
 * Child process of platform/workflow-bundle.ts: bundles the workflows at argv[2] into the file
 * argv[3] (with the failure converter module at argv[4], if given) and exits, taking webpack's
 * memory with it.
 */
import * as fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';

const noop = () => undefined;
const logger = { log: noop, trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error };

async function main(): Promise<void> {
  const [entry, out, failureConverterPath] = process.argv.slice(2);
  if (!entry || !out) throw new Error('usage: bundle-workflows <entry.ts> <out.js> [failure-converter.ts]');
  const { code } = await bundleWorkflowCode({ workflowsPath: entry, logger, ...(failureConverterPath ? { failureConverterPath } : {}) });
  fs.writeFileSync(out, code);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
