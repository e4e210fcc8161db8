/**
 * A dondoc worker in its own process, so that the benchmarks measure its memory and CPU
 * alone: the same createDondocWorker and activities as `npm start`, configured from the
 * environment, started by bench/lib/spawn-worker.ts (fork, IPC: sends {ready} once polling).
 *
 *   BENCH_ADDRESS        host:port of the Temporal frontend
 *   BENCH_TASK_QUEUE     task queue
 *   BENCH_NOTIFIER       capture (default: count, send nothing) | mail (createMailNotifier)
 *   BENCH_DATA_DIR       data dir for the mail ledger (mail)
 *   SMTP_URL             the loopback sink (mail)
 *   BENCH_REAL_CONTACTS  1: every body gets one non-placeholder address <body>@bench.dondoc.vn
 *                        (the shipped directory has placeholders, which SMTP never gets)
 *   BENCH_TUNING         JSON of worker tuning, over what `npm start` runs (its DONDOC_WORKFLOW_CACHE, read here too)
 *   BENCH_DIGEST         on: morning digests as `npm start` wires them (window BENCH_DIGEST_WINDOW_MS, default 10 s); off (default): none
 *   BENCH_SEND_WINDOW    the send window of every working-day ladder (bench/burst.ts --send-window)
 *   BENCH_MIME           nodemailer: the hand-written MIME serialiser off (nodemailer's own build)
 *   BENCH_PRELOAD        the modules preloaded into the shared V8 context: dondoc (default, as
 *                        `npm start`: PRELOADED_MODULES) | none | sdk (dondoc's and the SDK's
 *                        common modules) | all (sdk and @temporalio/workflow) — issue 19 point 2
 *   BENCH_WORKLOAD       floor: instead of dondoc's workflows and activities, the Temporal floor
 *                        (bench/floor/: a workflow that sleeps, then sends one prebuilt message
 *                        from BENCH_FLOOR_MESSAGES through a local activity on SMTP_URL), with
 *                        the same worker settings
 */
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { PlanIndex } from '../../domain/occurrences';
import { loadConfig } from '../../config/load';
import { createActivities } from '../../activities';
import { captureNotifier, type Notifier } from '../../activities/notify';
import { createMailNotifier, useMimeSerializer } from '../../activities/email';
import { mailboxQueue } from '../../activities/mailbox-queue';
import type { PlanSource } from '../../config/plan-source';
import { envSchema } from '../../platform/env';
import { installRuntime } from '../../platform/runtime';
import { ensureWorkflowBundle, PRELOADED_MODULES } from '../../platform/workflow-bundle';
import { floorActivities } from '../floor/activities';
import { createDondocWorker, type DondocWorkerOptions } from '../../workers/worker';
import { withSendWindow } from '../../domain/send-window';
import { withRealContacts } from './specs';

/** The worker settings `npm start` runs with (its DONDOC_WORKFLOW_CACHE), and BENCH_TUNING over them. */
function benchTuning(): DondocWorkerOptions['tuning'] {
  return {
    maxCachedWorkflows: envSchema.shape.DONDOC_WORKFLOW_CACHE.parse(process.env.DONDOC_WORKFLOW_CACHE),
    ...(process.env.BENCH_TUNING ? (JSON.parse(process.env.BENCH_TUNING) as DondocWorkerOptions['tuning']) : {}),
  };
}

/** The preload variants of BENCH_PRELOAD (the SDK's modules as the bundle's entry resolves them). */
const PRELOAD_VARIANTS: Record<string, string[]> = {
  none: [],
  dondoc: PRELOADED_MODULES,
  sdk: [...PRELOADED_MODULES, '@temporalio/common', 'nexus-rpc'],
  all: [...PRELOADED_MODULES, '@temporalio/common', 'nexus-rpc', '@temporalio/workflow'],
};

async function benchBundle(): Promise<DondocWorkerOptions['workflowBundle']> {
  const variant = process.env.BENCH_PRELOAD ?? 'dondoc';
  const preloadModules = PRELOAD_VARIANTS[variant];
  if (!preloadModules) throw new Error(`BENCH_PRELOAD: ${variant} is none of ${Object.keys(PRELOAD_VARIANTS).join(', ')}`);
  return { codePath: await ensureWorkflowBundle({ preloadModules }) };
}

/** What the process holds, MB: V8's heap by space, external and array buffers, and the rest of RSS (native: the SDK's core, code, malloc). */
function memoryBreakdown(): Record<string, number> {
  const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
  const m = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [`heap:${s.space_name}`, mb(s.space_used_size)]));
  return { rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers), rssOutsideV8: mb(m.rss - m.heapTotal - m.external), ...spaces };
}

/** Runs `worker` until the parent says shutdown (or SIGTERM); `stats` answers the parent's question. */
async function serve(worker: Worker, stats: () => unknown): Promise<void> {
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'stats') process.send?.({ type: 'stats', ...(stats() as object), status: worker.getStatus(), memory: memoryBreakdown() });
    if (m?.type === 'shutdown') worker.shutdown();
  });
  process.on('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  process.send?.({ type: 'ready' });
  await running;
}

async function floor(address: string, taskQueue: string): Promise<void> {
  const { activities, close } = floorActivities(process.env.BENCH_FLOOR_MESSAGES!, process.env.SMTP_URL!);
  const nativeConnection = await NativeConnection.connect({ address });
  const codePath = await ensureWorkflowBundle({ entry: path.join(__dirname, '../floor/workflow.ts'), sources: ['bench/floor'] });
  const worker = await createDondocWorker({ connection: nativeConnection, namespace: 'default', taskQueue, tuning: benchTuning(), workflowBundle: { codePath }, activities });
  await serve(worker, () => ({ notices: 0 }));
  close();
  await nativeConnection.close();
  process.exit(0);
}

async function main() {
  const address = process.env.BENCH_ADDRESS!;
  const taskQueue = process.env.BENCH_TASK_QUEUE ?? 'dondoc-bench';
  installRuntime('WARN');
  if (process.env.BENCH_WORKLOAD === 'floor') return floor(address, taskQueue);
  let { config } = loadConfig();
  if (process.env.BENCH_REAL_CONTACTS === '1') config = withRealContacts(config);
  if (process.env.BENCH_SEND_WINDOW) config = withSendWindow(config, process.env.BENCH_SEND_WINDOW);
  const index = PlanIndex.fromConfig(config);
  const plan: PlanSource = { current: () => index };
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  let notifier: Notifier & { close?: () => Promise<void> };
  let notices = 0;
  if (process.env.BENCH_NOTIFIER === 'mail') {
    const mail = createMailNotifier(
      {
        SMTP_URL: process.env.SMTP_URL,
        MAIL_FROM: 'dondoc <dondoc@bench.dondoc.vn>',
        MAIL_REPLY_TO: undefined,
        DONDOC_LINK_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
        DONDOC_PUBLIC_URL: 'http://localhost:18080',
        dataDir: process.env.BENCH_DATA_DIR!,
      },
      plan,
      {
        log: () => notices++,
        ...(process.env.BENCH_DIGEST === 'on' ? { digests: mailboxQueue(client, taskQueue, Number(process.env.BENCH_DIGEST_WINDOW_MS ?? 10_000)) } : {}),
      },
    );
    if (process.env.BENCH_MIME === 'nodemailer') useMimeSerializer(false);
    notifier = mail;
  } else {
    notifier = captureNotifier(() => {
      notices++;
    });
  }
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createDondocWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    tuning: benchTuning(),
    workflowBundle: await benchBundle(),
    activities: createActivities({ plan, notifier, client, taskQueue }),
  });
  await serve(worker, () => ({ notices }));
  await notifier.close?.();
  await nativeConnection.close();
  await connection.close();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
