/**
 * Benchmark: a simulated year of the whole district (every obligation, every unit) on the
 * time-skipping test server, with a given response pattern. Prints one JSON line.
 *
 *   npx tsx bench/simulate-year.ts [--from 2024-01-01] [--months 12] [--respond never]
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
    },
  });
  const { config } = loadConfig();
  const loadAvg = os.loadavg();
  const t0 = Date.now();
  const result = await simulate({ config, from: values.from!, months: Number(values.months), respond: values.respond as RespondPattern });
  const statuses: Record<string, number> = {};
  for (const o of result.outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  console.log(
    JSON.stringify({
      bench: 'simulate-year',
      from: values.from,
      months: Number(values.months),
      respond: values.respond,
      directory: process.env.DONDOC_DIRECTORY ?? 'config/directory.yaml',
      units: config.directory.units.length,
      occurrences: result.outcomes.length,
      notifications: result.notifications.length,
      statuses,
      simulateWallMs: result.wallMs,
      processWallMs: Date.now() - t0,
      // CPU seconds of this process (the worker, the client, the responder) and of its children
      // that have exited (the time-skipping server, torn down by now).
      cpuS: (({ cpu, childCpu }) => ({ self: cpu, children: childCpu }))(tree(process.pid).find((p) => p.pid === process.pid)!),
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
