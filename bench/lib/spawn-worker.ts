/** Starts bench/lib/worker-process.ts as a child process and waits until it polls. */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface BenchWorker {
  pid: number;
  child: ChildProcess;
  stats(): Promise<{ notices: number; status: unknown; memory: Record<string, number> }>;
  stop(): Promise<void>;
}

export async function spawnWorker(env: Record<string, string>, logFile: string): Promise<BenchWorker> {
  const out = fs.openSync(logFile, 'a');
  const child = fork(path.join(__dirname, 'worker-process.ts'), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out, 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready after 120 s (see ${logFile})`)), 120_000);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} (see ${logFile})`)));
    child.on('message', (m: { type?: string }) => {
      if (m?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    child,
    stats: () =>
      new Promise((resolve) => {
        const on = (m: { type?: string; notices: number; status: unknown; memory: Record<string, number> }) => {
          if (m?.type === 'stats') {
            child.off('message', on);
            resolve(m);
          }
        };
        child.on('message', on);
        child.send({ type: 'stats' });
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ type: 'shutdown' });
        const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(t);
      }
      fs.closeSync(out);
    },
  };
}
