/**
 * Runs the `dondoc` command as a user does (`node bin/dondoc.js …`: the compiled build, made
 * first if the sources changed since the last one), asynchronously so that a worker in the
 * test process keeps running meanwhile.
 */
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/**
 * The commands' data directory: never the checkout's data/, whose clock (data/clock.json, a
 * replay clock after a newcomer's `npm start`) would otherwise be the tests' "now".
 */
const DATA_DIR = path.join(os.tmpdir(), 'dondoc-cli-tests');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The non-empty lines of a stream. */
export const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

export function runDondoc(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/dondoc.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', DONDOC_DATA_DIR: DATA_DIR, DONDOC_CLOCK: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dondoc ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
