import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'test/helpers/workflows-under-test.ts');
/** Everything a workflow bundle can import from this repository. */
const SOURCES = ['workflows', 'domain', 'test/helpers/probe-workflows.ts', 'test/helpers/workflows-under-test.ts'];

function listFiles(p: string): string[] {
  const abs = path.join(ROOT, p);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [abs];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(abs, f))
    .filter((f) => f.endsWith('.ts') && fs.statSync(f).isFile())
    .sort();
}

function sourceHash(): string {
  const h = createHash('sha256');
  for (const file of SOURCES.flatMap(listFiles)) {
    h.update(path.relative(ROOT, file));
    h.update(fs.readFileSync(file));
  }
  h.update(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@temporalio/worker/package.json'), 'utf8')).version);
  return h.digest('hex').slice(0, 16);
}

/** Bundles the workflow code once per content: later calls (and later runs) reuse the file. */
export async function ensureWorkflowBundle(): Promise<string> {
  const file = path.join(os.tmpdir(), 'dondoc-test-bundles', `workflows-${sourceHash()}.js`);
  if (fs.existsSync(file)) return file;
  const { code } = await bundleWorkflowCode({ workflowsPath: ENTRY, logger: quietLogger });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, file);
  return file;
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error };
