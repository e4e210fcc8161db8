/**
 * Benchmark: reminders due together on the embedded dev server (SQLite WAL), sent by the real
 * email notifier (createMailNotifier, pooled SMTP, mail ledger) of a worker in its own process
 * to a loopback SMTP sink in another, once per variant, one after the other in the same run:
 *
 *   off        morning digests off (every notice its own email), the hand-written MIME serialiser
 *   on         morning digests on as `npm start` wires them (mailbox workflows, gathering window
 *              --digest-window-s, default the production default): how many emails, and when
 *              the last is accepted
 *   mime-off   digests off, the MIME serialiser switched off (nodemailer's own build): what the
 *              serialiser saves end to end
 *   floor      the Temporal floor (bench/floor/): a minimal workflow per message that sleeps until
 *              its instant and sends one of `off`'s messages (the same bytes) through a local
 *              activity on a pooled nodemailer transport; needs `off` before it. dondoc's cost per
 *              notice as a ratio to it is the regression anchor (issue 19, point 1)
 *
 * then the messages of `off` (the raw bytes the sink received) sent again by bare nodemailer
 * to the same sink: (a) one connection, `for … await sendMail`, (b) all at once on a pool with
 * dondoc's settings.
 *
 * Two loads:
 *   default     N of the plan's real 2024 occurrences (cycled), each started with its own
 *               timeOffsetMs so that its first reminder falls on the same real instant T; that
 *               step goes to its first recipient only (one email per notice)
 *   --morning D a whole real morning (D = a date, or `busiest`: bench/lib/morning.ts), every
 *               notice to every recipient, each occurrence at its own second of the ladder's send
 *               window (--send-window overrides the plan's, e.g. 10m or 0s), on one clock whose
 *               window starts at T; lateness is measured against each message's own slot (the
 *               latest of the notices it carries) and, as `latenessAgainstPlanS`, against when it
 *               was planned to go (a digest: after its gathering), and the report says how many
 *               were accepted after the window's end
 *
 * The directory's placeholder addresses are replaced by <body>@bench.dondoc.vn (SMTP never gets
 * placeholders). A digest groups by the morning and the address.
 *
 *   npx tsx bench/burst.ts [--count 1000] [--lead-seconds 90] [--variants off,on,mime-off,floor]
 *     [--digest-window-s 120] [--tuning '{…}'] [--ledger-dir /dev/shm/x]
 *   bench/provision-postgres-server.sh start && npx tsx bench/burst.ts --server postgres --workers 1,2 --variants off
 *     (issue 19, point 5: each variant once per worker count, N worker processes on one task queue,
 *      each with its own mail ledger; the JSON's `scaling` is the same run's ratios)
 *   DONDOC_DIRECTORY=/tmp/dondoc-bench/province-directory.yaml npx tsx bench/burst.ts --morning busiest
 *     [--send-window 30m] [--variants off,on]
 *   (--ledger-dir: where the worker's data dir, i.e. the mail ledger, lives; on tmpfs its fsync
 *    costs nothing, which measures what the per-message fsync costs the burst)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import * as nodemailer from 'nodemailer';
import { DEFAULT_DIGEST_WINDOW_MS, DIGEST_ROUND_LIMIT, gatheringMs } from '../activities/mailbox-queue';
import { loadConfig } from '../config/load';
import { localDateOfInstant } from '../domain/calendar/local-date';
import type { OccurrenceSpec } from '../domain/spec';
import { withSendWindow } from '../domain/send-window';
import { isoInstant } from '../domain/timeline';
import { startDevServer } from '../platform/dev-server';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { toolchain } from '../platform/toolchain';
import { occurrenceStartOptions } from '../workflows/start-options';
import type { PrebuiltMessage } from './floor/activities';
import { mornings, morningSpecs, sendWindowOn } from './lib/morning';
import { loadavg, percentile, startSampler } from './lib/proc';
import { postgresServer } from './lib/pg-server';
import { forkSink, type Received } from './lib/sink-client';
import { spawnWorker } from './lib/spawn-worker';
import { cycled, planIndex, pool, yearSpecs } from './lib/specs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (x: number) => Math.round(x * 10) / 10;

type Variant = 'off' | 'on' | 'mime-off' | 'floor';
const VARIANT_ENV: Record<Variant, Record<string, string>> = {
  off: { BENCH_DIGEST: 'off' },
  on: { BENCH_DIGEST: 'on' },
  'mime-off': { BENCH_DIGEST: 'off', BENCH_MIME: 'nodemailer' },
  floor: { BENCH_WORKLOAD: 'floor' },
};

/** What one variant starts, and when each of its messages is due (real ms). */
interface Load {
  /** Workflows to start: their start call. */
  starts: (() => Promise<unknown>)[];
  /** Notices × recipients expected at the sink. */
  expected: number;
  /** How many of them a received message accounts for. */
  accounts: (m: Received) => number;
  /** The real instant a received message was due: the latest of the notices it carries. */
  slotOf: (m: Received) => number;
  /**
   * A morning's: when its message was planned to go — for a digest, its first notice's slot plus
   * the gathering the mailbox was given (activities/mailbox-queue.ts, `gatheringMs`), or its last
   * notice's when the round filled; for a notice alone, its slot.
   */
  plannedOf?: (m: Received) => number;
  /** The load's notices (local activities) and workflows, for CPU per notice. */
  notices: number;
}

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' },
      'lead-seconds': { type: 'string', default: '90' },
      port: { type: 'string', default: '17263' },
      concurrency: { type: 'string', default: '20' },
      variants: { type: 'string', default: 'off,on,mime-off,floor' },
      'digest-window-s': { type: 'string', default: String(DEFAULT_DIGEST_WINDOW_MS / 1000) },
      morning: { type: 'string' },
      'send-window': { type: 'string' },
      tuning: { type: 'string' },
      work: { type: 'string', default: '/tmp/dondoc-bench/burst' },
      'ledger-dir': { type: 'string' },
      server: { type: 'string', default: 'dev' },
      address: { type: 'string', default: '127.0.0.1:17233' },
      workers: { type: 'string', default: '1' },
    },
  });
  const count = Number(values.count);
  const variants = values.variants!.split(',') as Variant[];
  for (const v of variants) if (!(v in VARIANT_ENV)) throw new Error(`--variants: unknown ${v} (off, on, mime-off, floor)`);
  if (variants.includes('floor') && variants.indexOf('off') < 0) throw new Error('--variants: floor resends the messages of off, so off must run before it');
  if (variants.includes('floor') && variants.indexOf('off') > variants.indexOf('floor')) throw new Error('--variants: off must come before floor');
  if (values.server !== 'dev' && values.server !== 'postgres') throw new Error(`--server: dev or postgres, not ${values.server}`);
  const workerCounts = values.workers!.split(',').map(Number);
  if (workerCounts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--workers: a list of counts ≥ 1, e.g. 1,2 (got ${values.workers})`);
  const windowMs = Number(values['digest-window-s']) * 1000;
  const work = path.resolve(values.work!);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const loadBefore = loadavg();
  let { config } = loadConfig();
  if (values['send-window']) config = withSendWindow(config, values['send-window']);
  const index = planIndex(config);

  // The load: N first reminders at one instant, or a whole morning at its own slots.
  let morning: { day: string; load: ReturnType<typeof mornings>[number] | undefined; specs: OccurrenceSpec[]; startMs: number; endMs: number } | undefined;
  let base: OccurrenceSpec[] = [];
  if (values.morning) {
    const all = values.morning === 'busiest' ? mornings(index) : undefined;
    const day = all ? all[0]!.day : values.morning;
    const specs = morningSpecs(index, day);
    const windows = specs.map((s) => sendWindowOn(index, s.obligation, day));
    morning = { day, load: all?.[0], specs, startMs: Math.min(...windows.map((w) => w.startMs)), endMs: Math.max(...windows.map((w) => w.endMs)) };
    process.stderr.write(`[burst] morning ${day}: ${specs.length} occurrences, window ${isoInstant(morning.startMs)} – ${isoInstant(morning.endMs)}\n`);
  } else {
    base = yearSpecs(index).filter((s) => s.steps[0]?.kind === 'reminder' && s.steps[0].to.length > 0);
  }

  const sink = forkSink();
  const sinkPort = await sink.port;
  const smtpUrl = `smtp://127.0.0.1:${sinkPort}`;
  const dev =
    values.server === 'dev'
      ? await startDevServer({ cli: toolchain().temporalCli, port: Number(values.port), dbFile: path.join(work, 'temporal.db'), logFile: path.join(work, 'temporal.log') })
      : undefined;
  const pg = dev ? undefined : postgresServer(values.address);
  const address = dev?.address ?? pg!.address;
  const serverGroups: Record<string, number> = dev ? { server: dev.pid } : pg!.pids;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const results: Record<string, unknown> = {};
  let offRaw: PrebuiltMessage[] | undefined;
  const floorFile = path.join(work, 'floor-messages.json');
  try {
    await ensureSearchAttributes(connection, 'default');
    for (const variant of variants) for (const workerCount of workerCounts) {
      // A run's name in the JSON: the variant, with its worker count when more than one is compared.
      const key = workerCounts.length > 1 ? `${variant}/${workerCount}w` : variant;
      const runId = `${variant}-${workerCount}w-${Date.now().toString(36)}`;
      const dataDirs = Array.from({ length: workerCount }, (_, i) =>
        values['ledger-dir'] ? path.resolve(values['ledger-dir'], runId, `w${i}`) : path.join(work, runId, `data-w${i}`),
      );
      for (const d of dataDirs) fs.mkdirSync(d, { recursive: true });
      const taskQueue = `dondoc-burst-${runId}`;
      await sink.ask('clear');
      if (variant === 'floor') fs.writeFileSync(floorFile, JSON.stringify(offRaw ?? []));
      const workers = await Promise.all(
        dataDirs.map((dataDir, i) =>
          spawnWorker(
            {
              BENCH_ADDRESS: address,
              BENCH_TASK_QUEUE: taskQueue,
              BENCH_NOTIFIER: 'mail',
              BENCH_REAL_CONTACTS: '1',
              BENCH_DATA_DIR: dataDir,
              BENCH_DIGEST_WINDOW_MS: String(windowMs),
              BENCH_FLOOR_MESSAGES: floorFile,
              SMTP_URL: smtpUrl,
              ...(values['send-window'] ? { BENCH_SEND_WINDOW: values['send-window'] } : {}),
              ...VARIANT_ENV[variant],
              ...(values.tuning ? { BENCH_TUNING: values.tuning } : {}),
            },
            path.join(work, `worker-${runId}-w${i}.log`),
          ),
        ),
      );
      try {
        const prefix = `bench/burst/${runId}`;
        const T = Date.now() + Number(values['lead-seconds']) * 1000;
        const load = ((): Load => {
          if (variant === 'floor') {
            const n = offRaw!.length;
            return {
              starts: offRaw!.map((_, i) => () => client.workflow.start('floorWorkflow', { taskQueue, workflowId: `${prefix}/${i}`, args: [{ atMs: T, message: i }] })),
              expected: n,
              accounts: () => 1,
              slotOf: () => T,
              notices: n,
            };
          }
          const occurrencesOf = (m: Received) => m.occurrence.split(/,\s*/).filter((o) => o.startsWith(prefix));
          if (morning) {
            const offset = morning.startMs - T; // one clock: the window's start is T
            const specs = morning.specs.map((s) => ({ ...s, id: `${prefix}/${s.id.replace(/^occ\//, '')}` }));
            const slot = new Map(specs.map((s) => [s.id, s.steps.find((st) => localDateOfInstant(st.atMs) === morning!.day)!.atMs - offset]));
            const slotsOf = (m: Received) => occurrencesOf(m).map((o) => slot.get(o) ?? T);
            const endMs = morning.endMs - offset;
            const wide = (m: Received) => m.to.some((a) => index.notifiedBySeveralUnits(a.split('@')[0]!));
            return {
              starts: specs.map((spec) => () => client.workflow.start('occurrenceWorkflow', occurrenceStartOptions(spec, { taskQueue, timeOffsetMs: offset }))),
              expected: specs.reduce((a, s) => a + s.steps[0]!.to.length, 0),
              accounts: (m) => occurrencesOf(m).length,
              slotOf: (m) => Math.max(...slotsOf(m)),
              plannedOf: (m) => {
                const slots = slotsOf(m);
                const last = Math.max(...slots);
                if (variant !== 'on' || slots.length >= DIGEST_ROUND_LIMIT) return last;
                const first = Math.min(...slots);
                return Math.max(last, first + gatheringMs(windowMs, first, { endMs, wide: wide(m) }));
              },
              notices: specs.length,
            };
          }
          const specs = cycled(base, count, prefix).map((s) => ({ ...s, steps: s.steps.map((st, i) => (i === 0 ? { ...st, to: st.to.slice(0, 1) } : st)) }));
          return {
            starts: specs.map((spec) => () => client.workflow.start('occurrenceWorkflow', occurrenceStartOptions(spec, { taskQueue, timeOffsetMs: spec.steps[0]!.atMs - T }))),
            expected: count,
            accounts: (m) => occurrencesOf(m).length,
            slotOf: () => T,
            notices: count,
          };
        })();
        const tStart = Date.now();
        await pool(load.starts, Number(values.concurrency), (start) => start().then(() => undefined));
        const startsDoneBeforeTS = (T - Date.now()) / 1000;
        process.stderr.write(`[burst ${key}] ${load.starts.length} started in ${((Date.now() - tStart) / 1000).toFixed(1)} s; T in ${startsDoneBeforeTS.toFixed(1)} s (${isoInstant(T)})\n`);

        const workerGroups = Object.fromEntries(workers.map((wk, i) => [`worker${i}`, wk.pid]));
        const sampler = startSampler({ ...workerGroups, ...serverGroups }, 500);
        const loadBeforeT = loadavg();
        await sleep(Math.max(0, T - Date.now()));
        const loadAtT = loadavg();
        const cpuAtT = sampler.mark()!;
        const windowEndReal = morning ? morning.endMs - (morning.startMs - T) : T;
        // Every notice accounted for (an email names the occurrences it carries), or 12 minutes after the last is due.
        const accounted = (ms: Received[]) => ms.reduce((a, m) => a + load.accounts(m), 0);
        let messages: Received[] = [];
        const loads: number[] = [];
        for (;;) {
          ({ messages } = await sink.ask<{ messages: Received[] }>('report'));
          loads.push(loadavg()[0]!);
          if ((variant === 'floor' ? messages.length : accounted(messages)) >= load.expected || Date.now() - windowEndReal > 720_000) break;
          await sleep(500);
        }
        const after = sampler.stop();
        const cpuEnd = after[after.length - 1]!;
        const mine = variant === 'floor' ? messages : messages.filter((m) => load.accounts(m) > 0);
        const late = mine.map((m) => (m.at - load.slotOf(m)) / 1000).sort((a, b) => a - b);
        const lateOnPlan = load.plannedOf ? mine.map((m) => (m.at - load.plannedOf!(m)) / 1000).sort((a, b) => a - b) : undefined;
        const sinceT = mine.map((m) => (m.at - T) / 1000).sort((a, b) => a - b);
        const wall = cpuEnd.t - cpuAtT.t || 1;
        const cpuOf = (names: string[]) => names.reduce((a, n) => a + cpuEnd.groups[n]!.cpuS - cpuAtT.groups[n]!.cpuS, 0);
        const workerCpuS = cpuOf(Object.keys(workerGroups));
        const serverCpuS = cpuOf(['server']);
        const postgresCpuS = pg ? cpuOf(['postgres']) : undefined;
        const ledgerLines = dataDirs.reduce((a, d) => {
          const file = path.join(d, 'mail-ledger.jsonl');
          return a + (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).length : 0);
        }, 0);
        results[key] = {
          workers: workerCount,
          notices: load.notices,
          noticeRecipients: variant === 'floor' ? mine.length : accounted(mine),
          emails: mine.length,
          digestEmails: mine.filter((m) => m.occurrence.includes(',')).length,
          distinctAddresses: new Set(mine.flatMap((m) => m.to)).size,
          maxEmailsToOneAddress: Math.max(0, ...Object.values(countBy(mine.flatMap((m) => m.to)))),
          distinctMessageIds: new Set(mine.map((m) => m.messageId)).size,
          ledgerLines,
          ...(variant === 'on' ? { digestWindowS: windowMs / 1000 } : {}),
          ...(morning ? { windowS: (windowEndReal - T) / 1000, acceptedAfterWindowEnd: mine.filter((m) => m.at > windowEndReal).length } : {}),
          startsDoneBeforeTS: round1(startsDoneBeforeTS),
          firstAcceptedAfterTS: sinceT[0],
          lastAcceptedAfterTS: sinceT[sinceT.length - 1],
          latenessS: { p50: percentile(late, 50), p99: percentile(late, 99), max: late[late.length - 1] },
          ...(lateOnPlan ? { latenessAgainstPlanS: { p50: percentile(lateOnPlan, 50), p99: percentile(lateOnPlan, 99), max: lateOnPlan[lateOnPlan.length - 1] } } : {}),
          workerCpuPct: round1((workerCpuS / wall) * 100),
          serverCpuPct: round1((serverCpuS / wall) * 100),
          workerRssMbMax: Math.max(...after.flatMap((s) => Object.keys(workerGroups).map((n) => s.groups[n]!.rssMb))),
          workerCpuMsPerNotice: round1((workerCpuS * 1000) / load.notices),
          serverCpuMsPerNotice: round1((serverCpuS * 1000) / load.notices),
          ...(postgresCpuS !== undefined ? { postgresCpuPct: round1((postgresCpuS / wall) * 100), postgresCpuMsPerNotice: round1((postgresCpuS * 1000) / load.notices) } : {}),
          workerCpuMsPerEmail: round1((workerCpuS * 1000) / Math.max(1, mine.length)),
          loadBeforeT,
          loadAtT,
          loadDuringMax: Math.max(...loads),
        };
        process.stderr.write(`[burst ${key}] ${JSON.stringify(results[key])}\n`);
        if (variant === 'off' && !offRaw) {
          const { raw } = await sink.ask<{ raw: string[] }>('raw');
          offRaw = raw.map((r, i) => ({ raw: r, envelope: { from: messages[i]!.from, to: messages[i]!.to } }));
        }
      } finally {
        await Promise.all(workers.map((wk) => wk.stop()));
      }
    }

    // The messages of `off`, again, by bare nodemailer.
    const bare = async (mode: 'loop' | 'pool') => {
      if (!offRaw) return undefined;
      await sink.ask('clear');
      const transporter = nodemailer.createTransport({ host: '127.0.0.1', port: sinkPort, pool: true, maxConnections: mode === 'pool' ? 3 : 1 });
      const t0 = Date.now();
      const raw = offRaw.map((m) => ({ envelope: m.envelope, raw: Buffer.from(m.raw, 'base64') }));
      if (mode === 'loop') {
        for (const m of raw) await transporter.sendMail(m);
      } else {
        await Promise.all(raw.map((m) => transporter.sendMail(m)));
      }
      const { messages: got } = await sink.ask<{ messages: Received[] }>('report');
      transporter.close();
      const seconds = (Math.max(...got.map((m) => m.at)) - t0) / 1000;
      return { seconds, accepted: got.length, ratePerS: round1(got.length / seconds) };
    };
    const loop = await bare('loop');
    const pooled = await bare('pool');
    const ratio = (a: string, b: string, key: string) => ratioOf(results, a, b, key);
    console.log(
      JSON.stringify({
        bench: 'burst',
        ...(morning ? { morning: { day: morning.day, load: morning.load, sendWindow: values['send-window'] ?? 'as the plan' } } : { count }),
        variants: results,
        ...(workerCounts.length > 1 ? { scaling: scalingOf(results, variants, workerCounts) } : {}),
        ...(results.off && results.floor
          ? {
              offOverFloor: {
                workerCpuPerNotice: ratio('off', 'floor', 'workerCpuMsPerNotice'),
                serverCpuPerNotice: ratio('off', 'floor', 'serverCpuMsPerNotice'),
                lastAccepted: ratio('off', 'floor', 'lastAcceptedAfterTS'),
              },
            }
          : {}),
        bareNodemailer: { loopOneConnection: loop, pool3AllAtOnce: pooled },
        server: dev ? 'dev (SQLite WAL)' : `postgres (${address})`,
        tuning: values.tuning ? JSON.parse(values.tuning) : 'as npm start (DONDOC_WORKFLOW_CACHE); SMTP pool as activities/email/transport.ts',
        loadBefore,
        loadAfter: loadavg(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
        date: new Date().toISOString(),
      }),
    );
  } finally {
    await connection.close();
    await dev?.stop();
    sink.child.send({ type: 'close' });
  }
}

/**
 * For each variant, each worker count against the first (usually 1): how much sooner the last
 * message was accepted (wall-time speed-up), and what the extra processes cost in CPU per notice.
 */
function scalingOf(results: Record<string, unknown>, variants: Variant[], counts: number[]) {
  const out: Record<string, unknown> = {};
  for (const v of variants) {
    const base = `${v}/${counts[0]}w`;
    for (const n of counts.slice(1)) {
      const run = `${v}/${n}w`;
      if (!results[base] || !results[run]) continue;
      out[`${v}: ${n}w over ${counts[0]}w`] = {
        speedUpToLastAccepted: ratioOf(results, base, run, 'lastAcceptedAfterTS'),
        workerCpuPerNotice: ratioOf(results, run, base, 'workerCpuMsPerNotice'),
        serverCpuPerNotice: ratioOf(results, run, base, 'serverCpuMsPerNotice'),
      };
    }
  }
  return out;
}

/** `key` of run `a` over `key` of run `b`, to two decimals (undefined unless both ran). */
function ratioOf(results: Record<string, unknown>, a: string, b: string, key: string): number | undefined {
  const x = results[a] as Record<string, number> | undefined;
  const y = results[b] as Record<string, number> | undefined;
  return x && y ? Math.round((x[key]! / y[key]!) * 100) / 100 : undefined;
}

function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
