/**
 * How fast `dondoc` answers (issue 15): `dondoc --help` and `dondoc validate` (the shipped
 * configuration) against `node -e 0` on the same machine in the same run, interleaved round
 * by round so that a change of load touches every case alike. Also, for comparison, the same
 * commands from the TypeScript sources through tsx (what bin/dondoc.js falls back to), and the
 * launcher's own cost: hashing the sources to find the current build. And `dondoc preview` of
 * a whole year of the district (every occurrence and step; about 1 s on a loaded 2-core
 * machine when it was a unit test's bound, now measured here).
 *
 * Targets: `--help` within 5× `node -e 0`; `validate` under 1 s on a quiet machine.
 * `--compare DIR` adds the `dondoc` of another checkout (with its node_modules), e.g. an older
 * commit's `git archive`, measured in the same rounds.
 *
 *   npx tsx bench/cli-start.ts [--runs 15] [--compare DIR]
 *
 * Prints a table and one JSON line: each process's wall time, from spawn to exit, and in
 * separate runs of the same rounds its CPU time (user + system, from the shell's `times`, in
 * 10 ms ticks, so only its mean says something), which depends less on the machine's load.
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadavg } from './lib/proc';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin/dondoc.js');
const { buildKey } = require('../scripts/build') as { buildKey(): string };

const throughTsx = (args: string[]) => ['--import', 'tsx', '-e', `require('./cli/main.ts').main(${JSON.stringify(['node', 'dondoc', ...args])}).then((c) => { process.exitCode = c; })`];

function cases(compare: string | undefined): Record<string, { args: string[]; cwd: string }> {
  const here = (args: string[]) => ({ args, cwd: ROOT });
  const other = compare ? path.resolve(compare) : undefined;
  return {
    'node -e 0': here(['-e', '0']),
    'dondoc --help': here([BIN, '--help']),
    'dondoc validate': here([BIN, 'validate']),
    'dondoc preview (a year)': here([BIN, 'preview', '--from', '2024-01-01', '--to', '2024-12-31']),
    'tsx: dondoc --help': here(throughTsx(['--help'])),
    'tsx: dondoc validate': here(throughTsx(['validate'])),
    ...(other && {
      [`${compare}: dondoc --help`]: { args: [path.join(other, 'bin/dondoc.js'), '--help'], cwd: other },
      [`${compare}: dondoc validate`]: { args: [path.join(other, 'bin/dondoc.js'), 'validate'], cwd: other },
    }),
  };
}

function once({ args, cwd }: { args: string[]; cwd: string }): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** CPU seconds (user + system) of one run, as `times` reports the shell's children. */
function cpuOnce({ args, cwd }: { args: string[]; cwd: string }): number {
  const r = spawnSync('/bin/sh', ['-c', '"$0" "$@" >/dev/null 2>&1; times', process.execPath, ...args], { cwd, encoding: 'utf8' });
  const children = r.stdout.trim().split('\n')[1] ?? '';
  const m = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s/.exec(children);
  if (!m) throw new Error(`no times from sh: ${r.stdout}`);
  return (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const round = (x: number) => Math.round(x * 10) / 10;

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, compare: { type: 'string' } } });
  const runs = Number(values.runs);
  const all = cases(values.compare);
  const loadBefore = loadavg();
  for (const c of Object.values(all)) once(c); // warm the file cache; builds if needed
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, c] of Object.entries(all)) {
      times[name]!.push(once(c));
      cpu[name]!.push(cpuOnce(c));
    }
  }
  const hashMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    buildKey();
    hashMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const loadAfter = loadavg();

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const base = quantile(times['node -e 0']!, 0.5);
  const cpuBase = mean(cpu['node -e 0']!);
  const rows = Object.entries(times).map(([name, xs]) => ({
    name,
    minMs: round(Math.min(...xs)),
    medianMs: round(quantile(xs, 0.5)),
    p90Ms: round(quantile(xs, 0.9)),
    ratio: round(quantile(xs, 0.5) / base),
    cpuMeanMs: round(mean(cpu[name]!)),
    cpuRatio: round(mean(cpu[name]!) / cpuBase),
  }));
  console.log(`${runs} runs each, interleaved; Node ${process.version}, ${os.cpus().length} cores; load ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after`);
  console.log('| command | wall min ms | wall median ms | wall p90 ms | median ÷ node -e 0 | CPU mean ms | CPU ÷ node -e 0 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.minMs} | ${r.medianMs} | ${r.p90Ms} | ${r.ratio} | ${r.cpuMeanMs} | ${r.cpuRatio} |`);
  console.log(`launcher: hashing the sources to find the build, median ${round(quantile(hashMs, 0.5))} ms`);
  const help = rows.find((r) => r.name === 'dondoc --help')!;
  const validate = rows.find((r) => r.name === 'dondoc validate')!;
  console.log(`targets: --help ${help.ratio}× node -e 0 (≤ 5: ${help.ratio <= 5 ? 'met' : 'missed'}); validate ${validate.medianMs} ms (< 1000: ${validate.medianMs < 1000 ? 'met' : 'missed'})`);
  console.log(JSON.stringify({ runs, loadBefore, loadAfter, rows, hashMedianMs: round(quantile(hashMs, 0.5)) }));
}

main();
