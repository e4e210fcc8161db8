/**
 * Benchmark: a simulated year of the whole district (every obligation, every unit) on the
 * time-skipping test server, with a given response pattern. Prints one JSON line.
 *
 *   npx tsx bench/simulate-year.ts [--from 2024-01-01] [--months 12] [--respond never]
 *     [--morning-at-once] [--threads 2] [--shards 1|4|1,4]
 *     (see SimulateOptions: morningAtOnce, workflowThreads, shards; a list of shard counts runs each in turn;
 *     without --shards, simulate's default, as `dondoc simulate`: one server per 600 planners)
 *   npx tsx bench/simulate-year.ts --matrix   (threads 1 and 2, exact and at once: four runs in one process, in turn)
 *   DONDOC_DIRECTORY=/tmp/dondoc-bench/province-directory.yaml npx tsx bench/simulate-year.ts
 *     (a ten-district province: see bench/province-directory.ts)
 */
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load';
import type { RespondPattern } from '../workers/simulation/responder';
import { simulate } from '../workers/simulation/simulate';
import { tree } from './lib/proc';

async function main() {
  const { values } = parseArgs({
    options: {
      from: { type: 'string', default: '2024-01-01' },
      months: { type: 'string', default: '12' },
      respond: { type: 'string', default: 'never' },
      'morning-at-once': { type: 'boolean', default: false },
      threads: { type: 'string', default: '2' },
      shards: { type: 'string' },
      matrix: { type: 'boolean', default: false },
    },
  });
  const runs = values.matrix
    ? [1, 2].flatMap((threads) => [false, true].map((morningAtOnce) => ({ threads, morningAtOnce })))
    : (values.shards?.split(',').map(Number) ?? [undefined]).map((shards) => ({ threads: Number(values.threads), morningAtOnce: values['morning-at-once']!, shards }));
  for (const run of runs) await once(values.from!, Number(values.months), values.respond as RespondPattern, run);
}

async function once(from: string, months: number, respond: RespondPattern, run: { threads: number; morningAtOnce: boolean; shards?: number }) {
  const { config } = loadConfig();
  const loadAvg = os.loadavg();
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  // Progress on stderr (a province year runs for many minutes): every 500 workflows read.
  const progress = (done: number, total: number) => {
    if (done % 500 === 0 || done === total) process.stderr.write(`[simulate-year] ${done}/${total} read, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  };
  const result = await simulate({ config, from, months, respond, morningAtOnce: run.morningAtOnce, workflowThreads: run.threads, shards: run.shards, progress });
  const cpu = process.cpuUsage(cpu0);
  const statuses: Record<string, number> = {};
  for (const o of result.outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  console.log(
    JSON.stringify({
      bench: 'simulate-year',
      from,
      months,
      respond,
      ...run,
      shards: result.shards,
      directory: process.env.DONDOC_DIRECTORY ?? 'config/directory.yaml',
      units: config.directory.units.length,
      occurrences: result.outcomes.length,
      notifications: result.notifications.length,
      statuses,
      simulateWallMs: result.wallMs,
      processWallMs: Date.now() - t0,
      // CPU seconds of this run in this process (the worker, the client, the responder), and of
      // the children that have exited so far (the time-skipping servers, torn down by now; in a
      // matrix, cumulative over its runs).
      cpuS: { self: Math.round((cpu.user + cpu.system) / 1e4) / 100, childrenSoFar: tree(process.pid).find((p) => p.pid === process.pid)!.childCpu },
      loadAvgBefore: loadAvg.map((l) => Number(l.toFixed(2))),
      loadAvgAfter: os.loadavg().map((l) => Number(l.toFixed(2))),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      node: process.version,
      date: new Date().toISOString(),
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
