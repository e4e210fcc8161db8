/**
 * Benchmark: what a call into a `vm` context costs with a timeout and without, in one run.
 *
 * The SDK calls into its workflow context with `runInContext(…, { timeout })` (its
 * isolateExecutionTimeout, 5 s, not exposed as a worker option) several times per activation,
 * and Node enforces such a timeout with a watchdog thread created and joined per call
 * (nodejs/node#10453, and #47739 for a fix not merged). In the profile of a simulated year
 * (bench/RESULTS.md, issue 19 point 4) that is the workflow thread's largest cost.
 *
 *   npx tsx bench/vm-timeout.ts [--calls 20000]
 */
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import * as vm from 'node:vm';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20000' } } });
const calls = Number(values.calls);
const context = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
const script = new vm.Script('globalThis.n = (globalThis.n || 0) + 1');

/** Microseconds of wall and of this process's CPU per call. */
function perCall(options: vm.RunningScriptOptions) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) script.runInContext(context, options);
  const wallUs = Number(process.hrtime.bigint() - t0) / 1e3 / calls;
  const cpu = process.cpuUsage(cpu0);
  return { wallUs: Math.round(wallUs * 10) / 10, cpuUs: Math.round(((cpu.user + cpu.system) / calls) * 10) / 10 };
}

perCall({}); // warm-up
const without = perCall({});
const withTimeout = perCall({ timeout: 5000 });
console.log(
  JSON.stringify({
    bench: 'vm-timeout',
    calls,
    withoutTimeout: without,
    timeout5s: withTimeout,
    ratio: { wall: Math.round((withTimeout.wallUs / without.wallUs) * 10) / 10, cpu: Math.round((withTimeout.cpuUs / without.cpuUs) * 10) / 10 },
    load: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    cpus: os.cpus().length,
  }),
);
