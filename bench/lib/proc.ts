/**
 * Process sampling for the benchmarks (Linux /proc): resident memory and CPU time of a
 * process and its descendants, sampled on an interval, plus the machine's load.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

const TICK = 100; // USER_HZ on Linux

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, seconds. */
  cpu: number;
  /** cutime + cstime of waited-for children, seconds. */
  childCpu: number;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const f = text.slice(close + 2).split(' ');
    // f[0] is field 3 (state): utime is field 14 → f[11]
    return { pid, ppid: Number(f[1]), comm, cpu: (Number(f[11]) + Number(f[12])) / TICK, childCpu: (Number(f[13]) + Number(f[14])) / TICK };
  } catch {
    return undefined;
  }
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and every descendant, by scanning /proc. */
export function tree(root: number): Stat[] {
  const all: Stat[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) all.push(s);
  }
  const out: Stat[] = [];
  const want = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of all) {
      if (!want.has(s.pid) && want.has(s.ppid)) {
        want.add(s.pid);
        grew = true;
      }
    }
  }
  for (const s of all) if (want.has(s.pid)) out.push(s);
  return out;
}

export interface Sample {
  /** Seconds since the sampler started. */
  t: number;
  /** Per watched group: RSS (MB) of the largest process, total CPU seconds so far. */
  groups: Record<string, { rssMb: number; cpuS: number }>;
  load1: number;
}

/**
 * Samples named process groups every `everyMs`: RSS of the group's main process (the largest
 * one: e.g. the `temporal` binary under its shell guard) and the CPU seconds of the whole tree.
 */
export function startSampler(groups: Record<string, number>, everyMs = 1000) {
  const t0 = Date.now();
  const samples: Sample[] = [];
  const base: Record<string, number> = {};
  const take = () => {
    const g: Sample['groups'] = {};
    for (const [name, pid] of Object.entries(groups)) {
      const procs = tree(pid);
      const rss = Math.max(0, ...procs.map((p) => rssMb(p.pid)));
      const rootStat = procs.find((p) => p.pid === pid);
      const cpu = procs.reduce((a, p) => a + p.cpu, 0) + (rootStat?.childCpu ?? 0);
      base[name] ??= cpu;
      g[name] = { rssMb: Math.round(rss * 10) / 10, cpuS: Math.round((cpu - base[name]!) * 100) / 100 };
    }
    samples.push({ t: (Date.now() - t0) / 1000, groups: g, load1: os.loadavg()[0]! });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    mark: () => samples[samples.length - 1],
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

export const loadavg = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
