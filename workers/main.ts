/**
 * `npm start`: the default run. Starts (or connects to) Temporal, registers dondoc's search
 * attributes, runs the worker until Ctrl-C, then stops everything it started.
 */
import * as path from 'node:path';
import { installRuntime } from '../platform/runtime';
import { createActivities } from '../activities';
import { createMailNotifier, reportAttachments, type MailNotifier } from '../activities/email';
import { mailboxQueue } from '../activities/mailbox-queue';
import { filePlanSource } from '../config/plan-source';
import { ConfigError, formatIssue } from '../config/errors';
import { applyPlan } from '../client/apply-plan';
import { ClockError, startClock } from '../platform/clock';
import { dataConverterOf, describeEncryption } from '../platform/codec';
import { ConnectionError, connectClient, connectWorker, workflowClient } from '../platform/connection';
import { DevServerError, startDevServer, portInUse, type DevServer } from '../platform/dev-server';
import { ensurePrivateDir } from '../platform/data-dir';
import { EnvError, loadEnv, temporalAddress, type Env } from '../platform/env';
import { LinkSecretError } from '../platform/links';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { toolchain, ToolchainMissing } from '../platform/toolchain';
import { BundleError } from '../platform/workflow-bundle';
import { codecEndpointOf, describeWeb, startWebFromEnv, webSettingsFromEnv } from '../web/from-env';
import type { RunningWeb } from '../web/server';
import { createDondocWorker } from './worker';

class StartError extends Error {}

async function startEmbedded(env: Env): Promise<DevServer> {
  if (await portInUse(env.DONDOC_TEMPORAL_PORT)) {
    throw new StartError(
      `port ${env.DONDOC_TEMPORAL_PORT} is already in use. To use the Temporal server listening there, set ` +
        `TEMPORAL_ADDRESS=127.0.0.1:${env.DONDOC_TEMPORAL_PORT}; to run dondoc's own, free the port or set DONDOC_TEMPORAL_PORT`,
    );
  }
  if (await portInUse(env.DONDOC_UI_PORT)) {
    throw new StartError(`port ${env.DONDOC_UI_PORT} (Temporal UI) is already in use: free it or set DONDOC_UI_PORT`);
  }
  return startDevServer({
    cli: toolchain().temporalCli,
    port: env.DONDOC_TEMPORAL_PORT,
    uiPort: env.DONDOC_UI_PORT,
    dbFile: path.join(env.dataDir, 'temporal.db'),
    logFile: path.join(env.dataDir, 'temporal.log'),
    namespaces: [env.TEMPORAL_NAMESPACE],
    // Its UI decodes encrypted payloads through the pages' codec endpoint, when they serve one.
    ...(env.DONDOC_WEB === 'on' && codecEndpointOf(env) ? { uiCodecEndpoint: codecEndpointOf(env) } : {}),
  });
}

async function main(): Promise<void> {
  const env = loadEnv();
  ensurePrivateDir(env.dataDir);
  // Pages reachable beyond this machine without authentication stop here, before anything starts.
  const webSettings = env.DONDOC_WEB === 'on' ? webSettingsFromEnv(env) : undefined;
  const plan = filePlanSource();
  plan.current(); // a plan that does not validate stops here, before anything starts
  // Before the embedded server creates its database: a data dir without one may start on a replay clock.
  const { clock, reason: clockReason } = startClock(env, plan.current());
  installRuntime('WARN');
  let server: DevServer | undefined;
  let mail: MailNotifier | undefined;
  let web: RunningWeb | undefined;
  const stopServer = async () => {
    await web?.close();
    await mail?.close();
    if (server) await server.stop();
  };
  try {
    if (env.embedded) {
      console.log(`dondoc: starting the embedded Temporal dev server (data in ${env.dataDir})`);
      server = await startEmbedded(env);
    }
    const client = await connectClient(env);
    try {
      const added = await ensureSearchAttributes(client, env.TEMPORAL_NAMESPACE);
      if (added.length) console.log(`dondoc: registered search attributes ${added.join(', ')}`);
    } catch (err) {
      // Temporal Cloud manages search attributes in its console / tcld, not the operator API.
      console.warn(`dondoc: could not register search attributes (${(err as Error).message}); register them with \`temporal operator search-attribute create\``);
    }
    const clientOfWorkflows = workflowClient(env, client);
    // Email: SMTP when SMTP_URL is set, otherwise complete .eml files in <data>/outbox/; the
    // monitor's yearly-report notices carry that year's draft (read through the client), and
    // each address's notices of a morning wait in its mailbox workflow for one digest.
    mail = createMailNotifier(env, plan, {
      attachments: reportAttachments(clientOfWorkflows, plan),
      digests: mailboxQueue(clientOfWorkflows, env.DONDOC_TASK_QUEUE, env.DONDOC_DIGEST_WINDOW * 1000),
      now: clock.nowMs,
    });
    console.log(`dondoc: mail: ${mail.description}`);
    if (mail.transport.mode === 'smtp') {
      // A server that is down now is not fatal: notices retry with backoff until it is back.
      mail.transport.verify().then(
        () => console.log('dondoc: mail: SMTP server reachable'),
        (err: Error) => console.warn(`dondoc: mail: SMTP server not reachable yet (${err.message}); notices will be retried`),
      );
    }
    if (webSettings) {
      try {
        web = await startWebFromEnv(env, clientOfWorkflows, plan, clock, webSettings);
      } catch (err) {
        throw new StartError(
          `the web pages cannot listen on ${env.DONDOC_WEB_HOST}:${env.DONDOC_WEB_PORT} (${(err as Error).message}): free the port, set DONDOC_WEB_PORT, or DONDOC_WEB=off`,
        );
      }
    }
    const workerConnection = await connectWorker(env);
    const worker = await createDondocWorker({
      connection: workerConnection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.DONDOC_TASK_QUEUE,
      bundleDir: path.join(env.dataDir, 'bundles'),
      dataConverter: dataConverterOf(env.DONDOC_PAYLOAD_KEYS),
      tuning: { maxCachedWorkflows: env.DONDOC_WORKFLOW_CACHE },
      activities: createActivities({
        plan,
        notifier: mail,
        client: clientOfWorkflows,
        taskQueue: env.DONDOC_TASK_QUEUE,
      }),
    });
    const applied = await applyPlan(clientOfWorkflows, plan.current(), { taskQueue: env.DONDOC_TASK_QUEUE, clock });
    console.log(
      `dondoc: plan ${plan.current().config.plan.id}: ${applied.counts.started} planners started, ` +
        `${applied.counts.running} running, ${applied.counts.finished} finished`,
    );
    const address = temporalAddress(env);
    console.log(
      [
        '',
        'dondoc đang chạy / dondoc is running',
        server?.uiUrl ? `  Temporal UI:   ${server.uiUrl}/namespaces/${env.TEMPORAL_NAMESPACE}/workflows` : undefined,
        web ? `  Trang web:     ${env.DONDOC_PUBLIC_URL}/board (listening on ${web.url})` : undefined,
        ...(web ? describeWeb(env).map((line) => `                 ${line}`) : [`  Payloads:      encryption ${describeEncryption(env.DONDOC_PAYLOAD_KEYS)}`]),
        `  Clock:         ${clock.describe()}`,
        `                 why: ${clockReason}`,
        `                 to change it: DONDOC_CLOCK=real or a date (DONDOC_CLOCK=2024-09-23T06:30+07:00) with a new DONDOC_DATA_DIR; ${env.dataDir} keeps its clock`,
        `  Temporal:      ${address} (namespace ${env.TEMPORAL_NAMESPACE}, task queue ${env.DONDOC_TASK_QUEUE})`,
        `  Workflows:     temporal workflow list --address ${address} --namespace ${env.TEMPORAL_NAMESPACE}`,
        server ? `  Data:          ${env.dataDir}` : undefined,
        '  Ctrl-C stops it; the next `npm start` resumes the same workflows.',
        '',
      ]
        .filter((l) => l !== undefined)
        .join('\n'),
    );
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        console.error(`dondoc: ${signal} again, exiting now`);
        process.exit(130);
      }
      stopping = true;
      console.log(`\ndondoc: ${signal}: stopping the worker${server ? ' and the dev server' : ''}…`);
      worker.shutdown();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    await worker.run();
    await workerConnection.close();
    await client.close();
  } finally {
    await stopServer();
  }
  console.log('dondoc: stopped');
}

main().catch((err: unknown) => {
  if (err instanceof EnvError) {
    for (const line of err.lines) console.error(`dondoc: ${line}`);
    process.exit(2);
  }
  if (err instanceof ClockError) {
    console.error(`dondoc: ${err.message}`);
    process.exit(2);
  }
  if (err instanceof ConfigError) {
    console.error(`dondoc: the configuration does not load:\n${err.issues.map(formatIssue).join('\n')}`);
    process.exit(2);
  }
  if (err instanceof StartError || err instanceof ToolchainMissing || err instanceof DevServerError || err instanceof BundleError || err instanceof LinkSecretError || err instanceof ConnectionError) {
    console.error(`dondoc: ${(err as Error).message}`);
    process.exit(1);
  }
  console.error('dondoc: unexpected failure:', err);
  process.exit(1);
});
