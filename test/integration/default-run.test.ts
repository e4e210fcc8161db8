import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection, WorkflowClient } from '@temporalio/client';
import { afterAll, expect, test } from 'vitest';
import { freePort, portInUse } from '../../platform/dev-server';
import { toolchain } from '../../platform/toolchain';

const ROOT = path.resolve(__dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-default-run-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What `npm start` runs after provisioning: the worker from the compiled build. */
const DEFAULT_RUN = ['bin/run.js', 'workers/main'];

/** Runs the default run exactly as `npm start` does after provisioning, until it prints its banner. */
async function startDefaultRun(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, DEFAULT_RUN, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!out.includes('dondoc is running')) {
    if (child.exitCode !== null) throw new Error(`default run exited early (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`default run did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out };
}

async function interrupt(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGINT');
  return exited;
}

test('npm start: UI and server answer, Ctrl-C stops everything, a restart keeps the workflows', async () => {
  const port = await freePort();
  const uiPort = await freePort();
  const webPort = await freePort();
  // A small plan keeps the start-up apply short; the shipped plan's is covered by apply.test.ts.
  const mini = path.join(ROOT, 'test/fixtures/config-mini');
  const env = {
    DONDOC_DATA_DIR: dataDir,
    DONDOC_TEMPORAL_PORT: String(port),
    DONDOC_UI_PORT: String(uiPort),
    DONDOC_WEB_PORT: String(webPort),
    DONDOC_DIRECTORY: path.join(mini, 'directory.yaml'),
    DONDOC_PLAN: path.join(mini, 'plan.yaml'),
    DONDOC_CALENDAR: path.join(mini, 'calendar.yaml'),
  };

  const first = await startDefaultRun(env);
  expect(first.output()).toContain(`http://localhost:${uiPort}`);
  const ui = await fetch(`http://localhost:${uiPort}/`);
  expect(ui.status).toBe(200);
  // The web pages are served by the same process: the board of the current quarter.
  const board = await fetch(`http://127.0.0.1:${webPort}/board`);
  expect(board.status).toBe(200);
  expect(await board.text()).toContain('Bảng theo dõi thực hiện Kế hoạch');

  const address = `127.0.0.1:${port}`;
  const connection = await Connection.connect({ address });
  const client = new WorkflowClient({ connection });
  await client.start('durabilityProbe', { taskQueue: 'nobody-polls-this', workflowId: 'survives-restart', args: [] });
  await connection.close();

  // `temporal workflow list` against the embedded server, as the banner says.
  const listed = spawnSync(toolchain().temporalCli, ['workflow', 'list', '--address', address, '-o', 'json'], {
    encoding: 'utf8',
  });
  expect(listed.status).toBe(0);
  expect(listed.stdout).toContain('survives-restart');

  expect(await interrupt(first.child)).toBe(0);
  expect(first.output()).toContain('dondoc: stopped');
  expect(await portInUse(port)).toBe(false); // the dev server went with it
  expect(fs.existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);

  const second = await startDefaultRun(env);
  const again = await Connection.connect({ address });
  const described = await new WorkflowClient({ connection: again }).getHandle('survives-restart').describe();
  expect(described.status.name).toBe('RUNNING');
  await again.close();
  expect(await interrupt(second.child)).toBe(0);
}, 240_000);

test('a bad TEMPORAL_ADDRESS stops the default run with one clear line and exit code 2', () => {
  const r = spawnSync(process.execPath, DEFAULT_RUN, {
    cwd: ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: '::nonsense' },
    encoding: 'utf8',
  });
  expect(r.status).toBe(2);
  const lines = `${r.stdout}${r.stderr}`.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^dondoc: TEMPORAL_ADDRESS="::nonsense" is not valid: expected host:port/);
});
