/**
 * A dondoc worker in a process of its own, for the fault tests: they kill it with SIGKILL
 * mid-burst and start another on the same data directory (the mail ledger).
 *
 *   node --import tsx test/helpers/fault-worker.ts
 *
 * Built from the same parts as workers/main.ts (loadEnv, createMailNotifier, createActivities,
 * createDondocWorker), minus what a test does not want: no embedded server, no `apply` of the
 * plan's planners on the shared server. Environment as for `npm start` — TEMPORAL_ADDRESS
 * (required here), DONDOC_TASK_QUEUE, DONDOC_DATA_DIR, SMTP_URL, DONDOC_LINK_SECRET — plus
 * DONDOC_FAULT_BUNDLE, the workflow bundle the test run built, and DONDOC_FAULT_DIGEST (`on`:
 * morning digests as the plan's default, with DONDOC_DIGEST_WINDOW; otherwise off). The plan
 * is the shipped one with a real (non-placeholder) address per body (`realContacts`), as the
 * test computes it. The notifier is composed as workers/main.ts composes it.
 * Prints `fault-worker: polling` once the worker runs; the mail notifier logs one line per
 * message to stdout. SIGTERM/SIGINT shut it down cleanly.
 */
import { Client } from '@temporalio/client';
import { createActivities } from '../../activities';
import { createMailNotifier, reportAttachments } from '../../activities/email';
import { mailboxQueue } from '../../activities/mailbox-queue';
import { staticPlanSource } from '../../config/plan-source';
import { loadConfig } from '../../config/load';
import { connectClient, connectWorker } from '../../platform/connection';
import { loadEnv } from '../../platform/env';
import { installRuntime } from '../../platform/runtime';
import { createDondocWorker } from '../../workers/worker';
import { realContacts } from './fault';

async function main(): Promise<void> {
  const env = loadEnv();
  const bundle = process.env.DONDOC_FAULT_BUNDLE;
  if (env.embedded || !bundle) throw new Error('fault-worker needs TEMPORAL_ADDRESS and DONDOC_FAULT_BUNDLE');
  installRuntime('WARN');
  const shipped = realContacts(loadConfig().config);
  const plan = staticPlanSource({ ...shipped, plan: { ...shipped.plan, digest: process.env.DONDOC_FAULT_DIGEST === 'on' } });
  const connection = await connectClient(env);
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const mail = createMailNotifier(env, plan, {
    attachments: reportAttachments(client, plan),
    digests: mailboxQueue(client, env.DONDOC_TASK_QUEUE, env.DONDOC_DIGEST_WINDOW * 1000),
  });
  const workerConnection = await connectWorker(env);
  const worker = await createDondocWorker({
    connection: workerConnection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.DONDOC_TASK_QUEUE,
    workflowBundle: { codePath: bundle },
    activities: createActivities({ plan, notifier: mail, client, taskQueue: env.DONDOC_TASK_QUEUE }),
  });
  const stop = () => worker.shutdown();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const running = worker.run();
  console.log(`fault-worker: polling ${env.DONDOC_TASK_QUEUE} (pid ${process.pid})`);
  await running;
  await mail.close();
  await workerConnection.close();
  await connection.close();
  console.log('fault-worker: stopped');
}

main().catch((err: unknown) => {
  console.error('fault-worker: failed:', err);
  process.exit(1);
});
