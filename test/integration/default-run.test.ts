import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection, WorkflowClient } from '@temporalio/client';
import { afterAll, expect, test } from 'vitest';
import { listOccurrences } from '../../client/status';
import { loadConfig } from '../../config/load';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import { PlanIndex } from '../../domain/occurrences';
import { periodContaining } from '../../domain/periods';
import { clockFile, replayStartMs, type ClockRecord } from '../../platform/clock';
import { freePort, portInUse } from '../../platform/dev-server';
import { toolchain } from '../../platform/toolchain';
import { periodLabelVi } from '../../vocabulary';

const ROOT = path.resolve(__dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-default-run-'));
const shippedDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-default-run-shipped-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of [dataDir, shippedDataDir]) fs.rmSync(d, { recursive: true, force: true });
});

/** The environment of a newcomer's `npm start`: no server address, no clock, no other plan. */
function newcomerEnv(extra: Record<string, string>): Record<string, string> {
  const env = { ...process.env } as Record<string, string>;
  const SETTINGS = ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DONDOC_CLOCK', 'DONDOC_PLAN', 'DONDOC_DIRECTORY', 'DONDOC_CALENDAR', 'SMTP_URL', 'DONDOC_WEB', 'DONDOC_WEB_USER', 'DONDOC_WEB_PASSWORD'];
  for (const key of SETTINGS) delete env[key];
  return { ...env, ...extra };
}

/** What `npm start` runs after provisioning: the worker from the compiled build. */
const DEFAULT_RUN = ['bin/run.js', 'workers/main'];

/** Runs the default run exactly as `npm start` does after provisioning, until it prints its banner. */
async function startDefaultRun(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, DEFAULT_RUN, {
    cwd: ROOT,
    env: newcomerEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 150_000;
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

/** `Date:` headers of the .eml files in the outbox, with the file each came from. */
function outboxDates(dir: string): { file: string; dateMs: number }[] {
  const outbox = path.join(dir, 'outbox');
  if (!fs.existsSync(outbox)) return [];
  return fs
    .readdirSync(outbox)
    .filter((f) => f.endsWith('.eml'))
    .map((file) => {
      const head = fs.readFileSync(path.join(outbox, file), 'utf8').split(/\r?\n\r?\n/)[0]!;
      const date = /^Date: (.+)$/m.exec(head)?.[1];
      return { file, dateMs: date ? Date.parse(date) : NaN };
    });
}

test('npm start on the shipped plan, whose term is over: a replay clock, a living system within 2 minutes, kept across a restart', async () => {
  const [port, uiPort, webPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    DONDOC_DATA_DIR: shippedDataDir,
    DONDOC_TEMPORAL_PORT: String(port),
    DONDOC_UI_PORT: String(uiPort),
    DONDOC_WEB_PORT: String(webPort),
  };
  const startedAtReal = Date.now();
  const first = await startDefaultRun(env);

  // The clock: chosen by the rule, recorded, and named in the banner.
  const record = JSON.parse(fs.readFileSync(clockFile(shippedDataDir), 'utf8')) as ClockRecord;
  const index = PlanIndex.fromConfig(loadConfig().config);
  expect(record.kind).toBe('replay');
  expect(record.setting).toBe('default');
  const expectedStart = replayStartMs(index, Date.parse(record.startedAtReal)).atMs;
  expect(Date.parse(record.startedAt)).toBe(expectedStart);
  expect(Date.parse(record.startedAtReal)).toBeGreaterThanOrEqual(startedAtReal);
  const clockNow = () => Date.now() + record.offsetMs;
  expect(first.output()).toMatch(/ {2}Clock: {9}replay clock: \d\d\/\d\d\/\d{4} \d\d:\d\d now/);
  expect(first.output()).toContain("why: the plan's term (2021-08-31..2025-12-31) is over: replaying it from");
  expect(first.output()).toContain('to change it: DONDOC_CLOCK=real or a date');

  // Within 2 minutes of the start: open occurrences in visibility, emails dated on the replay clock.
  const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
  const client = new Client({ connection });
  try {
    const deadline = startedAtReal + 120_000;
    let open = 0;
    let emails: ReturnType<typeof outboxDates> = [];
    while (Date.now() < deadline && (open === 0 || emails.length === 0)) {
      await new Promise((r) => setTimeout(r, 2_000));
      open = (await listOccurrences(client, { status: 'open' }, 50)).length;
      emails = outboxDates(shippedDataDir);
    }
    expect(open).toBeGreaterThan(0);
    expect(emails.length).toBeGreaterThan(0);
    const latest = clockNow();
    for (const e of emails) {
      // Date headers have whole seconds.
      expect(e.dateMs, e.file).toBeGreaterThanOrEqual(Math.floor(expectedStart / 1000) * 1000);
      expect(e.dateMs, e.file).toBeLessThanOrEqual(latest);
    }
    // No flood: occurrences already open at the clock's start sent each address one notice, the latest due.
    const perRecipient = new Map<string, number>();
    for (const e of emails) {
      const key = e.file.replace(/^\d{8}-\d{4}_/, '').replace(/_s\d+_/, '_');
      perRecipient.set(key, (perRecipient.get(key) ?? 0) + 1);
    }
    expect([...perRecipient].filter(([, n]) => n > 1)).toEqual([]);

    // The board opens on the replay clock's quarter, selected in its picker.
    const quarter = periodLabelVi(periodContaining('quarterly', localDateOfInstant(clockNow())));
    const board = await (await fetch(`http://127.0.0.1:${webPort}/board`)).text();
    expect(board).toContain(`<h1>Bảng theo dõi thực hiện Kế hoạch — ${quarter}</h1>`);
    expect(board).toMatch(new RegExp(`<option value="[^"]+" selected>${quarter}</option>`));
  } finally {
    await connection.close();
  }
  expect(await interrupt(first.child)).toBe(0);

  // A restart resumes the same clock.
  const second = await startDefaultRun(env);
  expect(second.output()).toContain(`why: resumed from ${clockFile(shippedDataDir)}`);
  expect(JSON.parse(fs.readFileSync(clockFile(shippedDataDir), 'utf8'))).toEqual(record);
  expect(await interrupt(second.child)).toBe(0);

  // Another clock against this data dir is refused, with one line saying what to do.
  const refused = spawnSync(process.execPath, DEFAULT_RUN, {
    cwd: ROOT,
    env: newcomerEnv({ ...env, DONDOC_CLOCK: '2024-09-23T06:30+07:00' }),
    encoding: 'utf8',
  });
  expect(refused.status).toBe(2);
  const lines = `${refused.stdout}${refused.stderr}`.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^dondoc: DONDOC_CLOCK="2024-09-23T06:30\+07:00" is refused: .* runs on a replay clock that started at .*; unset DONDOC_CLOCK to resume it, or set DONDOC_DATA_DIR to a new directory/);
}, 420_000);
