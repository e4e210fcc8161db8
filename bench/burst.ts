/**
 * Benchmark: N reminders due in the same minute on the embedded dev server (SQLite WAL),
 * sent by the real email notifier (createMailNotifier, pooled SMTP, mail ledger) of a worker
 * in its own process to a loopback SMTP sink in another, once per variant, one after the
 * other in the same run:
 *
 *   off        morning digests off (every notice its own email), the hand-written MIME serialiser
 *   on         morning digests on as `npm start` wires them (mailbox workflows, gathering window
 *              --digest-window-s, default the production default): how many emails, and when
 *              the last is accepted
 *   mime-off   digests off, the MIME serialiser switched off (nodemailer's own build): what the
 *              serialiser saves end to end
 *
 * then the N messages of `off` (the raw bytes the sink received) sent again by bare nodemailer
 * to the same sink: (a) one connection, `for … await sendMail`, (b) all at once on a pool with
 * dondoc's settings.
 *
 * The occurrences are the plan's real 2024 occurrences (cycled), each started with its own
 * timeOffsetMs so that its first reminder falls on the same real instant T; that step goes
 * to its first recipient only (one notice per reminder). The directory's placeholder
 * addresses are replaced by <body>@bench.dondoc.vn (SMTP never gets placeholders). A digest
 * groups by the server's morning and the address, so on `on` the notices to one body share
 * one email (or a few, when the burst outlasts the window).
 *
 *   npx tsx bench/burst.ts [--count 1000] [--lead-seconds 90] [--variants off,on,mime-off]
 *     [--digest-window-s 120] [--tuning '{…}'] [--ledger-dir /dev/shm/x]
 *   (--ledger-dir: where the worker's data dir, i.e. the mail ledger, lives; on tmpfs its fsync
 *    costs nothing, which measures what the per-message fsync costs the burst)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import * as nodemailer from 'nodemailer';
import { DEFAULT_DIGEST_WINDOW_MS } from '../activities/mailbox-queue';
import { loadConfig } from '../config/load';
import { isoInstant } from '../domain/timeline';
import { startDevServer } from '../platform/dev-server';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { toolchain } from '../platform/toolchain';
import { occurrenceStartOptions } from '../workflows/start-options';
import { loadavg, percentile, startSampler } from './lib/proc';
import { forkSink, type Received } from './lib/sink-client';
import { spawnWorker } from './lib/spawn-worker';
import { cycled, planIndex, pool, yearSpecs } from './lib/specs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (x: number) => Math.round(x * 10) / 10;

type Variant = 'off' | 'on' | 'mime-off';
const VARIANT_ENV: Record<Variant, Record<string, string>> = {
  off: { BENCH_DIGEST: 'off' },
  on: { BENCH_DIGEST: 'on' },
  'mime-off': { BENCH_DIGEST: 'off', BENCH_MIME: 'nodemailer' },
};

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' },
      'lead-seconds': { type: 'string', default: '90' },
      port: { type: 'string', default: '17263' },
      concurrency: { type: 'string', default: '20' },
      variants: { type: 'string', default: 'off,on,mime-off' },
      'digest-window-s': { type: 'string', default: String(DEFAULT_DIGEST_WINDOW_MS / 1000) },
      tuning: { type: 'string' },
      work: { type: 'string', default: '/tmp/dondoc-bench/burst' },
      'ledger-dir': { type: 'string' },
    },
  });
  const count = Number(values.count);
  const variants = values.variants!.split(',') as Variant[];
  for (const v of variants) if (!(v in VARIANT_ENV)) throw new Error(`--variants: unknown ${v} (off, on, mime-off)`);
  const windowMs = Number(values['digest-window-s']) * 1000;
  const work = path.resolve(values.work!);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const loadBefore = loadavg();
  const sink = forkSink();
  const sinkPort = await sink.port;
  const smtpUrl = `smtp://127.0.0.1:${sinkPort}`;
  const dev = await startDevServer({ cli: toolchain().temporalCli, port: Number(values.port), dbFile: path.join(work, 'temporal.db'), logFile: path.join(work, 'temporal.log') });
  const connection = await Connection.connect({ address: dev.address });
  const client = new Client({ connection });
  const { config } = loadConfig();
  const base = yearSpecs(planIndex(config)).filter((s) => s.steps[0]?.kind === 'reminder' && s.steps[0].to.length > 0);
  const results: Record<string, unknown> = {};
  let offRaw: { raw: string[]; envelopes: { from: string; to: string[] }[] } | undefined;
  try {
    await ensureSearchAttributes(connection, 'default');
    for (const variant of variants) {
      const runId = `${variant}-${Date.now().toString(36)}`;
      const dataDir = values['ledger-dir'] ? path.resolve(values['ledger-dir'], runId) : path.join(work, runId, 'data');
      fs.mkdirSync(dataDir, { recursive: true });
      const taskQueue = `dondoc-burst-${runId}`;
      await sink.ask('clear');
      const worker = await spawnWorker(
        {
          BENCH_ADDRESS: dev.address,
          BENCH_TASK_QUEUE: taskQueue,
          BENCH_NOTIFIER: 'mail',
          BENCH_REAL_CONTACTS: '1',
          BENCH_DATA_DIR: dataDir,
          BENCH_DIGEST_WINDOW_MS: String(windowMs),
          SMTP_URL: smtpUrl,
          ...VARIANT_ENV[variant],
          ...(values.tuning ? { BENCH_TUNING: values.tuning } : {}),
        },
        path.join(work, `worker-${runId}.log`),
      );
      try {
        const prefix = `bench/burst/${runId}`;
        const specs = cycled(base, count, prefix).map((s) => ({ ...s, steps: s.steps.map((st, i) => (i === 0 ? { ...st, to: st.to.slice(0, 1) } : st)) }));
        const T = Date.now() + Number(values['lead-seconds']) * 1000;
        const tStart = Date.now();
        await pool(specs, Number(values.concurrency), async (spec) => {
          await client.workflow.start('occurrenceWorkflow', occurrenceStartOptions(spec, { taskQueue, timeOffsetMs: spec.steps[0]!.atMs - T }));
        });
        const startsDoneBeforeTS = (T - Date.now()) / 1000;
        process.stderr.write(`[burst ${variant}] ${count} started in ${((Date.now() - tStart) / 1000).toFixed(1)} s; T in ${startsDoneBeforeTS.toFixed(1)} s (${isoInstant(T)})\n`);

        const sampler = startSampler({ worker: worker.pid, server: dev.pid }, 500);
        await sleep(Math.max(0, T - Date.now()));
        const loadAtT = loadavg();
        const cpuAtT = sampler.mark()!;
        // Every notice accounted for (an email names the occurrences it carries), or 12 minutes.
        const noticesIn = (ms: Received[]) => new Set(ms.flatMap((m) => m.occurrence.split(/,\s*/)).filter((o) => o.startsWith(prefix))).size;
        let messages: Received[] = [];
        for (;;) {
          ({ messages } = await sink.ask<{ messages: Received[] }>('report'));
          if (noticesIn(messages) >= count || Date.now() - T > 720_000) break;
          await sleep(500);
        }
        const after = sampler.stop();
        const cpuEnd = after[after.length - 1]!;
        const mine = messages.filter((m) => m.occurrence.startsWith(prefix));
        const late = mine.map((m) => (m.at - T) / 1000).sort((a, b) => a - b);
        const last = late[late.length - 1]!;
        const w = (s: typeof cpuEnd) => s.groups.worker!;
        const wall = cpuEnd.t - cpuAtT.t || 1;
        const notices = noticesIn(mine);
        const digests = mine.filter((m) => m.occurrence.includes(',')).length;
        const ledgerFile = path.join(dataDir, 'mail-ledger.jsonl');
        results[variant] = {
          notices,
          emails: mine.length,
          digestEmails: digests,
          distinctAddresses: new Set(mine.flatMap((m) => m.to)).size,
          distinctMessageIds: new Set(mine.map((m) => m.messageId)).size,
          ledgerLines: fs.existsSync(ledgerFile) ? fs.readFileSync(ledgerFile, 'utf8').trim().split('\n').length : 0,
          ...(variant === 'on' ? { windowS: windowMs / 1000 } : {}),
          startsDoneBeforeTS: round1(startsDoneBeforeTS),
          lastAcceptedAfterTS: last,
          firstAcceptedAfterTS: late[0],
          latenessS: { p50: percentile(late, 50), p99: percentile(late, 99), max: last },
          workerCpuPct: round1(((w(cpuEnd).cpuS - w(cpuAtT).cpuS) / wall) * 100),
          serverCpuPct: round1(((cpuEnd.groups.server!.cpuS - cpuAtT.groups.server!.cpuS) / wall) * 100),
          workerRssMbMax: Math.max(...after.map((s) => w(s).rssMb)),
          workerCpuMsPerNotice: round1(((w(cpuEnd).cpuS - w(cpuAtT).cpuS) * 1000) / notices),
          serverCpuMsPerNotice: round1(((cpuEnd.groups.server!.cpuS - cpuAtT.groups.server!.cpuS) * 1000) / notices),
          loadAtT,
        };
        process.stderr.write(`[burst ${variant}] ${JSON.stringify(results[variant])}\n`);
        if (variant === 'off') {
          const { raw } = await sink.ask<{ raw: string[] }>('raw');
          offRaw = { raw, envelopes: messages.map((m) => ({ from: m.from, to: m.to })) };
        }
      } finally {
        await worker.stop();
      }
    }

    // The messages of `off`, again, by bare nodemailer.
    const bare = async (mode: 'loop' | 'pool') => {
      if (!offRaw) return undefined;
      await sink.ask('clear');
      const transporter = nodemailer.createTransport({ host: '127.0.0.1', port: sinkPort, pool: true, maxConnections: mode === 'pool' ? 3 : 1 });
      const t0 = Date.now();
      const { raw, envelopes } = offRaw;
      if (mode === 'loop') {
        for (let i = 0; i < raw.length; i++) await transporter.sendMail({ envelope: envelopes[i]!, raw: Buffer.from(raw[i]!, 'base64') });
      } else {
        await Promise.all(raw.map((r, i) => transporter.sendMail({ envelope: envelopes[i]!, raw: Buffer.from(r, 'base64') })));
      }
      const { messages: got } = await sink.ask<{ messages: Received[] }>('report');
      transporter.close();
      const seconds = (Math.max(...got.map((m) => m.at)) - t0) / 1000;
      return { seconds, accepted: got.length, ratePerS: round1(got.length / seconds) };
    };
    const loop = await bare('loop');
    const pooled = await bare('pool');
    console.log(
      JSON.stringify({
        bench: 'burst',
        count,
        variants: results,
        bareNodemailer: { loopOneConnection: loop, pool3AllAtOnce: pooled },
        tuning: values.tuning ? JSON.parse(values.tuning) : 'as npm start (DONDOC_WORKFLOW_CACHE, default 1000); SMTP pool as activities/email/transport.ts',
        loadBefore,
        loadAfter: loadavg(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
        date: new Date().toISOString(),
      }),
    );
  } finally {
    await connection.close();
    await dev.stop();
    sink.child.send({ type: 'close' });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
