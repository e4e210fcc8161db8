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
 *   BENCH_MIME           nodemailer: the hand-written MIME serialiser off (nodemailer's own build)
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { PlanIndex } from '../../domain/occurrences';
import { loadConfig } from '../../config/load';
import { createActivities } from '../../activities';
import { captureNotifier, type Notifier } from '../../activities/notify';
import { createMailNotifier, useMimeSerializer } from '../../activities/email';
import { mailboxQueue } from '../../activities/mailbox-queue';
import type { PlanSource } from '../../config/plan-source';
import { envSchema } from '../../platform/env';
import { installRuntime } from '../../platform/runtime';
import { createDondocWorker, type DondocWorkerOptions } from '../../workers/worker';
import { withRealContacts } from './specs';

async function main() {
  const address = process.env.BENCH_ADDRESS!;
  const taskQueue = process.env.BENCH_TASK_QUEUE ?? 'dondoc-bench';
  installRuntime('WARN');
  let { config } = loadConfig();
  if (process.env.BENCH_REAL_CONTACTS === '1') config = withRealContacts(config);
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
  const tuning: DondocWorkerOptions['tuning'] = {
    maxCachedWorkflows: envSchema.shape.DONDOC_WORKFLOW_CACHE.parse(process.env.DONDOC_WORKFLOW_CACHE),
    ...(process.env.BENCH_TUNING ? (JSON.parse(process.env.BENCH_TUNING) as DondocWorkerOptions['tuning']) : {}),
  };
  const worker = await createDondocWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    tuning,
    activities: createActivities({ plan, notifier, client, taskQueue }),
  });
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'stats') process.send?.({ type: 'stats', notices, status: worker.getStatus() });
    if (m?.type === 'shutdown') worker.shutdown();
  });
  process.on('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  process.send?.({ type: 'ready' });
  await running;
  await notifier.close?.();
  await nativeConnection.close();
  await connection.close();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
