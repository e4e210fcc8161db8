/**
 * A deliberately non-deterministic build of dondoc's workflows, to prove that the replay
 * test can fail: a scratch copy of the bundle entry (outside the repository) that adds a
 * 1 ms timer to each workflow. Nothing under workflows/ is touched. Cached by content,
 * like test/helpers/bundle.ts.
 *
 * Where the timer goes matters. Replay compares command *types*, not timer durations: a
 * timer added at the very start of the occurrence workflow replays cleanly, because it is
 * matched to the recorded wait for the first step, whose code then finds the step due at
 * once (tried: every occurrence fixture replayed without error). So the occurrence gets its
 * extra timer after its timeline (before it returns), the mailbox after its rounds, the
 * planner before anything else.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_SOURCES } from '../../platform/workflow-bundle';

const ROOT = path.resolve(__dirname, '../..');

function entrySource(): string {
  const wf = (name: string) => JSON.stringify(path.join(ROOT, 'workflows', name));
  return `// Scratch copy of the bundle entry with a change that breaks running workflows.
import { sleep } from '@temporalio/workflow';
import { occurrenceWorkflow as realOccurrence, type OccurrenceInput } from ${wf('occurrence')};
import { plannerWorkflow as realPlanner, type PlannerInput } from ${wf('planner')};
import { mailboxWorkflow as realMailbox } from ${wf('mailbox')};
import type { MailboxInput } from ${wf('messages')};

export async function occurrenceWorkflow(input: OccurrenceInput) {
  const state = await realOccurrence(input);
  await sleep(1); // the non-deterministic change: a command the recorded histories lack
  return state;
}

export async function mailboxWorkflow(input: MailboxInput) {
  const state = await realMailbox(input);
  await sleep(1); // the same, after its rounds
  return state;
}

export async function plannerWorkflow(input: PlannerInput) {
  await sleep(1); // the same, before the planner's first command
  return realPlanner(input);
}
`;
}

function hashOf(source: string): string {
  const h = createHash('sha256').update(source);
  const dirs = WORKFLOW_SOURCES.map((d) => path.join(ROOT, d));
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      const file = path.join(dir, f);
      if (file.endsWith('.ts') && fs.statSync(file).isFile()) h.update(f).update(fs.readFileSync(file));
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** Path of the canary bundle (built on first use). */
export async function nondeterministicBundle(): Promise<string> {
  const source = entrySource();
  const dir = path.join(os.tmpdir(), 'dondoc-test-bundles', `canary-${hashOf(source)}`);
  const bundleFile = path.join(dir, 'workflows.js');
  if (fs.existsSync(bundleFile)) return bundleFile;
  fs.mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, source);
  const noop = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: entry,
    logger: { log: noop, trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error },
    // The scratch entry lives outside the repository: resolve packages from its node_modules.
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, modules: [...(config.resolve?.modules ?? ['node_modules']), path.join(ROOT, 'node_modules')] },
    }),
  });
  const tmp = `${bundleFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, bundleFile);
  return bundleFile;
}
