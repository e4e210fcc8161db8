import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { ensurePrivateDir } from './data-dir';

/**
 * Runs the Temporal CLI's dev server as a child process: the embedded server of `npm start`
 * (persistent SQLite file with WAL, UI on) and the throw-away server of the integration
 * tests (in memory, headless).
 */
export interface DevServerOptions {
  /** Path to the `temporal` binary. */
  cli: string;
  /** gRPC port; 0 picks a free one. */
  port: number;
  /** Web UI port; undefined runs headless. */
  uiPort?: number;
  /** The codec endpoint the UI decodes payloads with (dondoc's web pages, `…/codec`), when payloads are encrypted. */
  uiCodecEndpoint?: string;
  /** SQLite file for persistent state; undefined keeps everything in memory. */
  dbFile?: string;
  /** Namespaces to create besides `default`. */
  namespaces?: string[];
  /** Where the server's own log goes; undefined discards it. */
  logFile?: string;
  startTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  pid: number;
  stop(): Promise<void>;
}

export class DevServerError extends Error {}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/** Arguments for `temporal server start-dev`. */
export function devServerArgs(opts: DevServerOptions & { port: number }): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn'];
  if (opts.uiPort === undefined) args.push('--headless');
  else {
    args.push('--ui-port', String(opts.uiPort));
    if (opts.uiCodecEndpoint) args.push('--ui-codec-endpoint', opts.uiCodecEndpoint);
  }
  if (opts.dbFile) {
    // SQLite's defaults fsync every commit: about one workflow a second. WAL with
    // synchronous=NORMAL keeps durability across process crashes at a fraction of the cost.
    args.push('--db-filename', opts.dbFile);
    args.push('--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }
  for (const ns of opts.namespaces ?? []) if (ns !== 'default') args.push('--namespace', ns);
  return args;
}

/** Runs "$@" and stops it on TERM/INT/HUP or when stdin reaches end of file. */
const GUARD = `
exec 3<&0
"$@" </dev/null 3<&- &
pid=$!
trap 'kill -TERM $pid 2>/dev/null' TERM INT HUP
( cat <&3 >/dev/null; kill -TERM $pid 2>/dev/null ) &
guard=$!
wait $pid
status=$?
while kill -0 $pid 2>/dev/null; do wait $pid; status=$?; done
kill $guard 2>/dev/null
exit $status
`;

/** Environment for the child: without the CLI's own TEMPORAL_* settings, which would confuse it. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_')));
}

async function waitUntilServing(what: string, address: string, child: ChildProcess, deadline: number, tail: () => string) {
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  });
  for (;;) {
    if (exited) throw new DevServerError(`${what} ${exited} while starting:\n${tail()}`);
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await conn.workflowService.getSystemInfo({});
        return;
      } finally {
        await conn.close();
      }
    } catch {
      if (Date.now() > deadline) throw new DevServerError(`${what} did not answer on ${address} in time:\n${tail()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export interface ServerProcessOptions {
  /** For messages: `the Temporal dev server`. */
  what: string;
  /** For `ps`: the guard shell's $0. */
  name: string;
  command: string;
  args: string[];
  port: number;
  logFile?: string;
  startTimeoutMs?: number;
}

export interface ServerProcess {
  address: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a Temporal server binary under the guard shell and waits until it answers gRPC.
 * The server runs in its own process group, so a Ctrl-C in the terminal reaches dondoc
 * first and dondoc stops the worker before the server; the guard also stops the server when
 * its parent dies without cleaning up (its stdin pipe closes).
 */
export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
  let recent = '';
  const child = spawn('/bin/sh', ['-c', GUARD, opts.name, opts.command, ...opts.args], {
    env: childEnv(),
    stdio: ['pipe', out, 'pipe'],
    detached: true,
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    recent = (recent + chunk.toString()).slice(-4000);
    if (opts.logFile) fs.appendFileSync(opts.logFile, chunk);
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err) => reject(new DevServerError(`cannot run ${opts.command}: ${err.message}`)));
  });
  await spawned;
  const address = `127.0.0.1:${opts.port}`;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL'); // the whole group: the guard and the server
      } catch {
        /* already gone */
      }
    }, 10_000);
    await exit;
    clearTimeout(timer);
    child.stdin?.destroy();
    if (typeof out === 'number') fs.closeSync(out);
  };
  try {
    await waitUntilServing(opts.what, address, child, Date.now() + (opts.startTimeoutMs ?? 30_000), () => recent.trim());
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, pid: child.pid!, stop };
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const port = opts.port || (await freePort());
  if (opts.dbFile) ensurePrivateDir(path.dirname(opts.dbFile));
  const server = await startServerProcess({
    what: 'the Temporal dev server',
    name: 'temporal-dev-server',
    command: opts.cli,
    args: devServerArgs({ ...opts, port }),
    port,
    logFile: opts.logFile,
    startTimeoutMs: opts.startTimeoutMs,
  });
  return { ...server, uiUrl: opts.uiPort === undefined ? undefined : `http://localhost:${opts.uiPort}` };
}
