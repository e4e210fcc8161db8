/**
 * Benchmark: opens N occurrence workflows (the plan's real 2024 occurrences, cycled, with
 * their due dates ahead in logical time so they stay open) on a Temporal server and measures
 * starts per second, the worker's RSS and CPU over time (in its own process, the same worker
 * as `npm start`, capturing notifier), the server's, and history events per occurrence.
 * Prints one JSON line (samples in --samples-out).
 *
 *   npx tsx bench/scale.ts --server dev --count 1000            # embedded dev server, SQLite WAL file
 *   npx tsx bench/scale.ts --server postgres --count 10000      # bench/provision-postgres-server.sh start first
 *     [--address 127.0.0.1:17233] [--concurrency 20] [--hold-seconds 60] [--tuning '{"maxCachedWorkflows":500}']
 *     [--max-seconds 900]  (stop starting after this long and report how far it got)
 *   The worker loads the workflow bundle file that `npm start` uses (platform/workflow-bundle.ts,
 *   built in a child process once per content).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/load';
import { toInstantMs } from '../domain/calendar/local-date';
import { startDevServer, type DevServer } from '../platform/dev-server';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { toolchain } from '../platform/toolchain';
import { createStartOccurrenceActivity } from '../activities/start-occurrence';
import { loadavg, percentile, startSampler, tree } from './lib/proc';
import { postgresServer } from './lib/pg-server';
import { spawnWorker } from './lib/spawn-worker';
import { cycled, planIndex, pool, yearSpecs } from './lib/specs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const { values } = parseArgs({
    options: {
      server: { type: 'string', default: 'dev' },
      address: { type: 'string', default: '127.0.0.1:17233' },
      port: { type: 'string', default: '17253' },
      count: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '20' },
      'hold-seconds': { type: 'string', default: '60' },
      'max-seconds': { type: 'string', default: '1200' },
      tuning: { type: 'string' },
      work: { type: 'string', default: '/tmp/dondoc-bench/scale' },
      'samples-out': { type: 'string' },
    },
  });
  const count = Number(values.count);
  const work = path.resolve(values.work!);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const loadBefore = loadavg();

  let dev: DevServer | undefined;
  let address = values.address!;
  let serverPid: number;
  const groups: Record<string, number> = {};
  if (values.server === 'dev') {
    dev = await startDevServer({
      cli: toolchain().temporalCli,
      port: Number(values.port),
      dbFile: path.join(work, 'temporal.db'),
      logFile: path.join(work, 'temporal.log'),
    });
    address = dev.address;
    serverPid = dev.pid;
    groups.server = serverPid;
  } else {
    const pg = postgresServer(address);
    serverPid = pg.pids.server;
    groups.server = serverPid;
    groups.postgres = pg.pids.postgres;
  }
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  let worker: Awaited<ReturnType<typeof spawnWorker>> | undefined;
  try {
    await ensureSearchAttributes(connection, 'default');
    const taskQueue = `dondoc-scale-${Date.now()}`;
    const { startOccurrence } = createStartOccurrenceActivity(client, taskQueue);
    const tWorker = Date.now();
    worker = await spawnWorker(
      {
        BENCH_ADDRESS: address,
        BENCH_TASK_QUEUE: taskQueue,
        BENCH_NOTIFIER: 'capture',
        ...(values.tuning ? { BENCH_TUNING: values.tuning } : {}),
      },
      path.join(work, 'worker.log'),
    );
    const workerReadyMs = Date.now() - tWorker;
    groups.worker = worker.pid;

    const { config } = loadConfig();
    const base = yearSpecs(planIndex(config));
    const runId = Date.now().toString(36);
    const specs = cycled(base, count, `bench/scale/${runId}`);
    // Logical "now": a day before the first occurrence opens, so every step is ahead.
    const firstOpens = Math.min(...base.map((s) => toInstantMs(s.opensOn, '00:00')));
    const logicalNow = firstOpens - 86_400_000;

    const sampler = startSampler(groups, 1000);
    const workerRssMbIdle = sampler.mark()?.groups.worker?.rssMb;
    const rssAt: Record<string, number> = {};
    let started = 0;
    const t0 = Date.now();
    const deadline = t0 + Number(values['max-seconds']) * 1000;
    const checkpoints = new Set([1000, 2500, 5000, 7500, 10000, 20000].filter((c) => c <= count));
    let stoppedEarly = false;
    const durations = await pool(specs, Number(values.concurrency), async (spec) => {
      if (Date.now() > deadline) {
        stoppedEarly = true;
        return;
      }
      await startOccurrence({ spec, timeOffsetMs: logicalNow - Date.now() });
      started++;
      if (checkpoints.has(started)) {
        const s = sampler.mark();
        rssAt[String(started)] = s?.groups.worker?.rssMb ?? NaN;
        process.stderr.write(`[scale] ${started} started in ${((Date.now() - t0) / 1000).toFixed(1)} s, worker RSS ${s?.groups.worker?.rssMb} MB\n`);
      }
    });
    const startWallS = (Date.now() - t0) / 1000;
    const startedSpecs = specs.slice(0, started);

    // Wait until the worker has run the first workflow task of the last ones started (timer set).
    const tail = startedSpecs.slice(-20);
    for (;;) {
      const lens = await Promise.all(tail.map((s) => client.workflow.getHandle(s.id).describe().then((d) => d.historyLength)));
      if (lens.every((l) => l >= 5)) break;
      if (Date.now() - t0 > (Number(values['max-seconds']) + 600) * 1000) break;
      await sleep(500);
    }
    const caughtUpS = (Date.now() - t0) / 1000;
    const atCaughtUp = sampler.mark()!;
    // Hold: nothing is due; is the worker's memory flat?
    await sleep(Number(values['hold-seconds']) * 1000);
    const samples = sampler.stop();
    // Where the worker's memory is at the end of the hold: V8's heap by space, and outside it (the SDK's core, malloc).
    const memoryAtEnd = (await worker!.stats()).memory;
    const end = samples[samples.length - 1]!;

    // History events per open occurrence, on a sample.
    const sample = Array.from({ length: Math.min(100, started) }, (_, i) => startedSpecs[Math.floor((i * started) / Math.min(100, started))]!);
    const events = (await Promise.all(sample.map((s) => client.workflow.getHandle(s.id).describe().then((d) => d.historyLength)))).sort((a, b) => a - b);
    let running: number | undefined;
    try {
      running = (await client.workflow.count(`WorkflowType = 'occurrenceWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'`)).count;
    } catch {
      running = undefined;
    }

    const sorted = durations.filter((d) => d !== undefined).sort((a, b) => a - b);
    const during = samples.filter((s) => s.t <= atCaughtUp.t);
    const hold = samples.filter((s) => s.t >= atCaughtUp.t);
    const w = (s: (typeof samples)[number]) => s.groups.worker!;
    const srv = (s: (typeof samples)[number]) => s.groups.server!;
    const holdRss = hold.map((s) => w(s).rssMb);
    const serverProcs = tree(serverPid).map((p) => p.comm);
    const result = {
      bench: 'scale',
      server: values.server,
      address,
      count,
      started,
      stoppedEarly,
      concurrency: Number(values.concurrency),
      tuning: values.tuning ? JSON.parse(values.tuning) : 'as npm start (DONDOC_WORKFLOW_CACHE, default 1000)',
      workerRssMbIdle: undefined as number | undefined,
      workerReadyS: workerReadyMs / 1000,
      startWallS,
      startsPerSec: Math.round((started / startWallS) * 10) / 10,
      startLatencyMs: { p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted[sorted.length - 1] ?? NaN) },
      caughtUpS,
      worker: {
        rssMbAt: rssAt,
        rssMbAtCaughtUp: w(atCaughtUp).rssMb,
        rssMbPeak: Math.max(...samples.map((s) => w(s).rssMb)),
        rssMbHold: { first: holdRss[0], last: holdRss[holdRss.length - 1], min: Math.min(...holdRss), max: Math.max(...holdRss) },
        cpuSDuringStarts: w(atCaughtUp).cpuS,
        cpuPctDuringStarts: Math.round((w(atCaughtUp).cpuS / atCaughtUp.t) * 1000) / 10,
        cpuSHold: Math.round((w(end).cpuS - w(atCaughtUp).cpuS) * 100) / 100,
        memoryAtEnd,
      },
      serverProc: {
        procs: [...new Set(serverProcs)],
        rssMbAtCaughtUp: srv(atCaughtUp).rssMb,
        rssMbEnd: srv(end).rssMb,
        cpuPctDuringStarts: Math.round((srv(atCaughtUp).cpuS / atCaughtUp.t) * 1000) / 10,
        ...(atCaughtUp.groups.postgres ? { postgresCpuPctDuringStarts: Math.round((atCaughtUp.groups.postgres.cpuS / atCaughtUp.t) * 1000) / 10 } : {}),
      },
      dbFileMb: dev ? fileMb(path.join(work, 'temporal.db')) + fileMb(path.join(work, 'temporal.db-wal')) : undefined,
      historyEventsPerOpenOccurrence: { min: events[0], p50: percentile(events, 50), max: events[events.length - 1] },
      runningPerVisibility: running,
      loadBefore,
      loadMaxDuring: Math.max(...during.map((s) => s.load1)),
      loadAfter: loadavg(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      date: new Date().toISOString(),
    };
    result.workerRssMbIdle = workerRssMbIdle;
    if (values['samples-out']) fs.writeFileSync(values['samples-out'], JSON.stringify(samples));
    console.log(JSON.stringify(result));
  } finally {
    await worker?.stop();
    await connection.close();
    await dev?.stop();
  }
}

function fileMb(file: string): number {
  try {
    return Math.round(fs.statSync(file).size / 2 ** 20);
  } catch {
    return 0;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
