/**
 * Benchmark: N reminders due in the same minute on the embedded dev server (SQLite WAL),
 * sent by the real email notifier (createMailNotifier, pooled SMTP, mail ledger) of a worker
 * in its own process to a loopback SMTP sink in another; then the same N messages (the raw
 * bytes the sink received) sent again by bare nodemailer to the same sink, in the same run:
 * (a) one connection, `for … await sendMail`, (b) all at once on a pool with dondoc's settings.
 *
 * The occurrences are the plan's real 2024 occurrences (cycled), each started with its own
 * timeOffsetMs so that its first reminder falls on the same real instant T; that step goes
 * to its first recipient only (one message per reminder). The directory's placeholder
 * addresses are replaced by <body>@bench.dondoc.vn (SMTP never gets placeholders).
 *
 *   npx tsx bench/burst.ts [--count 1000] [--lead-seconds 90] [--tuning '{…}'] [--ledger-dir /dev/shm/x]
 *   (--ledger-dir: where the worker's data dir, i.e. the mail ledger, lives; on tmpfs its fsync
 *    costs nothing, which measures what the per-message fsync costs the burst)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import * as nodemailer from 'nodemailer';
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


async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' },
      'lead-seconds': { type: 'string', default: '90' },
      port: { type: 'string', default: '17263' },
      concurrency: { type: 'string', default: '20' },
      tuning: { type: 'string' },
      work: { type: 'string', default: '/tmp/dondoc-bench/burst' },
      'ledger-dir': { type: 'string' },
    },
  });
  const count = Number(values.count);
  const work = path.resolve(values.work!);
  fs.rmSync(work, { recursive: true, force: true });
  const dataDir = values['ledger-dir'] ? path.resolve(values['ledger-dir']) : path.join(work, 'data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const loadBefore = loadavg();
  const sink = forkSink();
  const sinkPort = await sink.port;
  const smtpUrl = `smtp://127.0.0.1:${sinkPort}`;
  const dev = await startDevServer({ cli: toolchain().temporalCli, port: Number(values.port), dbFile: path.join(work, 'temporal.db'), logFile: path.join(work, 'temporal.log') });
  const connection = await Connection.connect({ address: dev.address });
  const client = new Client({ connection });
  let worker: Awaited<ReturnType<typeof spawnWorker>> | undefined;
  try {
    await ensureSearchAttributes(connection, 'default');
    const taskQueue = `dondoc-burst-${Date.now()}`;
    worker = await spawnWorker(
      {
        BENCH_ADDRESS: dev.address,
        BENCH_TASK_QUEUE: taskQueue,
        BENCH_NOTIFIER: 'mail',
        BENCH_REAL_CONTACTS: '1',
        BENCH_DATA_DIR: dataDir,
        SMTP_URL: smtpUrl,
        ...(values.tuning ? { BENCH_TUNING: values.tuning } : {}),
      },
      path.join(work, 'worker.log'),
    );
    const { config } = loadConfig();
    const base = yearSpecs(planIndex(config)).filter((s) => s.steps[0]?.kind === 'reminder' && s.steps[0].to.length > 0);
    const specs = cycled(base, count, `bench/burst/${Date.now().toString(36)}`).map((s) => ({
      ...s,
      steps: s.steps.map((st, i) => (i === 0 ? { ...st, to: st.to.slice(0, 1) } : st)),
    }));
    const T = Date.now() + Number(values['lead-seconds']) * 1000;
    const tStart = Date.now();
    await pool(specs, Number(values.concurrency), async (spec) => {
      await client.workflow.start(
        'occurrenceWorkflow',
        occurrenceStartOptions(spec, { taskQueue, timeOffsetMs: spec.steps[0]!.atMs - T }),
      );
    });
    const startsDoneBeforeTS = (T - Date.now()) / 1000;
    process.stderr.write(`[burst] ${count} started in ${((Date.now() - tStart) / 1000).toFixed(1)} s; T in ${startsDoneBeforeTS.toFixed(1)} s (${isoInstant(T)})\n`);

    const sampler = startSampler({ worker: worker.pid, server: dev.pid }, 500);
    const loadAtT = await (async () => {
      await sleep(Math.max(0, T - Date.now()));
      return loadavg();
    })();
    const cpuAtT = sampler.mark()!;
    // Wait for all N messages (or give up after 10 minutes).
    for (;;) {
      const { count: got } = await sink.ask<{ count: number }>('count');
      if (got >= count || Date.now() - T > 600_000) break;
      await sleep(250);
    }
    const afterBurst = sampler.stop();
    const cpuEnd = afterBurst[afterBurst.length - 1]!;
    const { messages } = await sink.ask<{ messages: Received[] }>('report');
    const burstMessages = messages.filter((m) => m.occurrence.startsWith('bench/burst/'));
    const late = burstMessages.map((m) => (m.at - T) / 1000).sort((a, b) => a - b);
    const dondocS = late[late.length - 1]!;
    const ids = new Set(burstMessages.map((m) => m.messageId));

    // The same messages, again, by bare nodemailer.
    const { raw } = await sink.ask<{ raw: string[] }>('raw');
    const envelopes = messages.map((m) => ({ from: m.from, to: m.to }));
    const bare = async (mode: 'loop' | 'pool') => {
      await sink.ask('clear');
      const transporter = nodemailer.createTransport(
        mode === 'pool' ? { host: '127.0.0.1', port: sinkPort, pool: true, maxConnections: 3 } : { host: '127.0.0.1', port: sinkPort, pool: true, maxConnections: 1 },
      );
      const t0 = Date.now();
      if (mode === 'loop') {
        for (let i = 0; i < raw.length; i++) await transporter.sendMail({ envelope: envelopes[i]!, raw: Buffer.from(raw[i]!, 'base64') });
      } else {
        await Promise.all(raw.map((r, i) => transporter.sendMail({ envelope: envelopes[i]!, raw: Buffer.from(r, 'base64') })));
      }
      const { messages: got } = await sink.ask<{ messages: Received[] }>('report');
      transporter.close();
      return { seconds: (Math.max(...got.map((m) => m.at)) - t0) / 1000, accepted: got.length };
    };
    const loop = await bare('loop');
    const pooled = await bare('pool');
    const w = (s: typeof cpuEnd) => s.groups.worker!;
    const burstWall = (cpuEnd.t - cpuAtT.t) || 1;
    const ratio = (x: number) => Math.round((x / dondocS) * 100) / 100;
    const ledger = fs.readFileSync(path.join(dataDir, 'mail-ledger.jsonl'), 'utf8').trim().split('\n').length;
    console.log(
      JSON.stringify({
        bench: 'burst',
        count,
        scheduledAt: isoInstant(T),
        ledgerDir: dataDir,
        startsDoneBeforeTS: Math.round(startsDoneBeforeTS * 10) / 10,
        tuning: values.tuning ? JSON.parse(values.tuning) : 'as npm start (DONDOC_WORKFLOW_CACHE, default 1000); SMTP pool as activities/email/transport.ts',
        dondoc: {
          accepted: burstMessages.length,
          distinctMessageIds: ids.size,
          ledgerLines: ledger,
          lastAcceptedAfterTS: dondocS,
          firstAcceptedAfterTS: late[0],
          latenessS: { p50: percentile(late, 50), p99: percentile(late, 99), max: dondocS },
          ratePerS: Math.round((burstMessages.length / dondocS) * 10) / 10,
          workerCpuPct: Math.round(((w(cpuEnd).cpuS - w(cpuAtT).cpuS) / burstWall) * 1000) / 10,
          serverCpuPct: Math.round(((cpuEnd.groups.server!.cpuS - cpuAtT.groups.server!.cpuS) / burstWall) * 1000) / 10,
          workerRssMbMax: Math.max(...afterBurst.map((s) => w(s).rssMb)),
          workerCpuMsPerNotice: Math.round(((w(cpuEnd).cpuS - w(cpuAtT).cpuS) * 1e4) / burstMessages.length) / 10,
          serverCpuMsPerNotice: Math.round(((cpuEnd.groups.server!.cpuS - cpuAtT.groups.server!.cpuS) * 1e4) / burstMessages.length) / 10,
        },
        bareNodemailer: {
          loopOneConnection: { ...loop, ratePerS: Math.round((loop.accepted / loop.seconds) * 10) / 10 },
          pool3AllAtOnce: { ...pooled, ratePerS: Math.round((pooled.accepted / pooled.seconds) * 10) / 10 },
        },
        dondocRateAsFractionOf: { loopOneConnection: ratio(loop.seconds), pool3AllAtOnce: ratio(pooled.seconds) },
        loadBefore,
        loadAtT,
        loadAfter: loadavg(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
        date: new Date().toISOString(),
      }),
    );
  } finally {
    await worker?.stop();
    await connection.close();
    await dev.stop();
    sink.child.send({ type: 'close' });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
