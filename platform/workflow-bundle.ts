/**
 * The workflow bundle, built once per content and kept as a file: workers load it with
 * `workflowBundle: { codePath }` instead of bundling at start.
 *
 * Bundling runs webpack, which leaves ≈90–110 MB resident in the process that ran it
 * (bench/RESULTS.md, "Scale"), so it runs in a child process and the worker never loads it.
 * The file is named by a hash of every source a bundle can import and the SDK's version, so
 * a changed workflow is rebundled and an unchanged one is reused across restarts.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
/** dondoc's workflows, as `npm start` runs them. */
export const WORKFLOWS_ENTRY = path.join(ROOT, 'workflows/index.ts');
/** Everything dondoc's workflows may import from this repository (domain/ and the vocabulary). */
export const WORKFLOW_SOURCES = ['workflows', 'domain', 'vocabulary'];
export const DEFAULT_BUNDLE_DIR = path.join(os.tmpdir(), 'dondoc-bundles');

/**
 * Modules loaded once into the worker's shared V8 context (the SDK's `preloadModules`) instead of
 * once per cached workflow: the sandbox's stack-trace limit (workflows/stack-trace-limit.ts, one
 * setting of the context, the same for every workflow), and the domain and vocabulary modules
 * dondoc's workflows import, with what they import. Safe because those are pure: they import
 * nothing of the SDK, keep no state at module level (no module-level `let`, Map or Set; the SDK
 * deep-freezes what it preloads, so a module that wrote to its own state would fail loudly, in
 * every workflow test) and read no workflow context. The SDK's own modules are not preloaded
 * (bench/RESULTS.md, issue 19 point 2: what it would save, and why not).
 */
export const PRELOADED_MODULES = ['workflows/stack-trace-limit.ts', 'vocabulary/index.ts', 'domain/catch-up.ts', 'domain/timeline.ts', 'domain/planning.ts', 'domain/resolution.ts', 'domain/occurrences.ts', 'domain/status.ts', 'domain/calendar/local-date.ts'].map((m) => path.join(ROOT, m));

/**
 * A simulation's (workers/simulation/simulate.ts): the same, then no stack-trace frames at all
 * (workflows/stack-traces-off.ts). Its workflows are dondoc's, unchanged; another bundle file.
 */
export const SIMULATION_PRELOADED_MODULES = [...PRELOADED_MODULES, path.join(ROOT, 'workflows/stack-traces-off.ts')];

export interface BundleRequest {
  /** The module whose exports are the workflows. */
  entry?: string;
  /** Files and folders (relative to the repository) that the bundle may contain, for the hash. */
  sources?: string[];
  /** Where bundles are kept. */
  dir?: string;
  /** A failure converter module to bundle in (encrypted payloads: platform/codec.ts); another bundle, another name. */
  failureConverterPath?: string;
  /** Modules to load once into the worker's shared V8 context (dondoc's: PRELOADED_MODULES); none by default. */
  preloadModules?: string[];
}

export class BundleError extends Error {}

function listFiles(p: string): string[] {
  const abs = path.resolve(ROOT, p);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [abs];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(abs, f))
    .filter((f) => f.endsWith('.ts') && fs.statSync(f).isFile())
    .sort();
}

/** The hash that names a bundle: sources, entry, preloaded modules and SDK version. */
export function bundleHash(entry: string, sources: string[], preloadModules: string[] = []): string {
  const h = createHash('sha256');
  h.update(path.relative(ROOT, entry));
  for (const m of preloadModules) h.update(`\0preload:${path.isAbsolute(m) ? path.relative(ROOT, m) : m}`);
  for (const file of [...new Set([entry, ...sources.flatMap(listFiles)])]) {
    h.update(`\0${path.relative(ROOT, file)}\0`);
    h.update(fs.readFileSync(file));
  }
  h.update(JSON.parse(fs.readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')).version);
  return h.digest('hex').slice(0, 16);
}

/** The bundle's file, built now (in a child process) if no bundle of this content exists. */
export async function ensureWorkflowBundle(req: BundleRequest = {}): Promise<string> {
  const entry = req.entry ?? WORKFLOWS_ENTRY;
  const dir = req.dir ?? DEFAULT_BUNDLE_DIR;
  const converter = req.failureConverterPath
    ? `-${createHash('sha256').update(path.relative(ROOT, req.failureConverterPath)).update(fs.readFileSync(req.failureConverterPath)).digest('hex').slice(0, 8)}`
    : '';
  const preloadModules = req.preloadModules ?? [];
  const file = path.join(dir, `workflows-${bundleHash(entry, req.sources ?? WORKFLOW_SOURCES, preloadModules)}${converter}.js`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await buildInChild(entry, tmp, { failureConverterPath: req.failureConverterPath, preloadModules });
  fs.renameSync(tmp, file); // atomic: a concurrent builder of the same content writes the same bytes
  return file;
}

/** What the child process passes to the SDK's bundler besides the entry (platform/bundle-workflows.ts). */
export interface ChildBundleOptions {
  failureConverterPath?: string;
  preloadModules: string[];
}

function buildInChild(entry: string, out: string, options: ChildBundleOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = fork(path.join(__dirname, 'bundle-workflows.ts'), [entry, out, JSON.stringify(options)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => reject(new BundleError(`could not start the workflow bundler: ${err.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0 && fs.existsSync(out)) return resolve();
      fs.rmSync(out, { force: true });
      reject(new BundleError(`bundling ${path.relative(ROOT, entry)} failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`));
    });
  });
}
