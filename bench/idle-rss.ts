/**
 * Benchmark (issue 19, point 2): what is in an idle worker's RSS. On the embedded dev server,
 * one after the other: a Node process that only loads the SDK's worker package (under tsx, as
 * the bench workers run), the Temporal floor's worker (bench/floor/: the SDK's worker with a
 * one-workflow bundle, no dondoc activities), and dondoc's worker (bench/lib/worker-process.ts:
 * every activity, the mail notifier, dondoc's bundle), each idle for --idle-seconds; each
 * reports process.memoryUsage() and V8's heap by space. Prints one JSON line.
 *
 *   npx tsx bench/idle-rss.ts [--idle-seconds 15]
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startDevServer } from '../platform/dev-server';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { toolchain } from '../platform/toolchain';
import { Connection } from '@temporalio/client';
import { loadavg } from './lib/proc';
import { spawnWorker } from './lib/spawn-worker';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const { values } = parseArgs({ options: { 'idle-seconds': { type: 'string', default: '15' }, port: { type: 'string', default: '17273' }, work: { type: 'string', default: '/tmp/dondoc-bench/idle-rss' } } });
  const idleMs = Number(values['idle-seconds']) * 1000;
  const work = path.resolve(values.work!);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const loadBefore = loadavg();
  const out: Record<string, unknown> = {};
  const probe = `import('@temporalio/worker').then(() => setTimeout(() => { const m = process.memoryUsage(); console.log(JSON.stringify({ rss: m.rss / 1048576, heapTotal: m.heapTotal / 1048576, external: m.external / 1048576 })); }, ${idleMs}))`;
  out.sdkPackageOnly = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', probe], { encoding: 'utf8' }));
  const dev = await startDevServer({ cli: toolchain().temporalCli, port: Number(values.port), dbFile: path.join(work, 'temporal.db'), logFile: path.join(work, 'temporal.log') });
  try {
    const connection = await Connection.connect({ address: dev.address });
    await ensureSearchAttributes(connection, 'default');
    await connection.close();
    const floorFile = path.join(work, 'floor-messages.json');
    fs.writeFileSync(floorFile, '[]');
    for (const [name, env] of [
      ['floorWorker', { BENCH_WORKLOAD: 'floor', BENCH_FLOOR_MESSAGES: floorFile, SMTP_URL: 'smtp://127.0.0.1:1' }],
      ['dondocWorker', { BENCH_DIGEST: 'on', BENCH_DATA_DIR: path.join(work, 'data'), SMTP_URL: 'smtp://127.0.0.1:1' }],
    ] as const) {
      const worker = await spawnWorker({ BENCH_ADDRESS: dev.address, BENCH_TASK_QUEUE: `idle-${name}`, ...env }, path.join(work, `${name}.log`));
      await sleep(idleMs);
      out[name] = (await worker.stats()).memory;
      await worker.stop();
    }
  } finally {
    await dev.stop();
  }
  console.log(JSON.stringify({ bench: 'idle-rss', idleSeconds: idleMs / 1000, ...out, loadBefore, loadAfter: loadavg(), machine: { cpus: os.cpus().length, node: process.version }, date: new Date().toISOString() }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
