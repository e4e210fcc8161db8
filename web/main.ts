/**
 * The web pages on their own (the `web` service of docker-compose): connects to Temporal and
 * serves until SIGINT/SIGTERM. `npm start` serves them from the worker process instead.
 */
import { filePlanSource } from '../config/plan-source';
import { ConfigError, formatIssue } from '../config/errors';
import { ClockError, readClock } from '../platform/clock';
import { ConnectionError, connectClient, workflowClient } from '../platform/connection';
import { EnvError, loadEnv } from '../platform/env';
import { LinkSecretError } from '../platform/links';
import { describeWeb, startWebFromEnv, webSettingsFromEnv } from './from-env';

async function main(): Promise<void> {
  const env = loadEnv();
  const settings = webSettingsFromEnv(env); // refuses an unauthenticated non-loopback address before connecting
  const plan = filePlanSource();
  plan.current();
  const clock = readClock(env);
  const connection = await connectClient(env);
  const client = workflowClient(env, connection);
  const web = await startWebFromEnv(env, client, plan, clock, settings);
  console.log(`dondoc web: serving on ${web.url} (links: ${env.DONDOC_PUBLIC_URL}/a/…, board: ${env.DONDOC_PUBLIC_URL}/board); ${clock.describe()}`);
  for (const line of describeWeb(env)) console.log(`dondoc web: ${line}`);
  const stop = async () => {
    await web.close();
    await connection.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof EnvError) {
    for (const line of err.lines) console.error(`dondoc web: ${line}`);
    process.exit(2);
  }
  if (err instanceof ClockError) {
    console.error(`dondoc web: ${err.message}`);
    process.exit(2);
  }
  if (err instanceof ConfigError) {
    console.error(`dondoc web: the configuration does not load:\n${err.issues.map(formatIssue).join('\n')}`);
    process.exit(2);
  }
  if (err instanceof LinkSecretError || err instanceof ConnectionError) {
    console.error(`dondoc web: ${err.message}`);
    process.exit(2);
  }
  console.error('dondoc web: cannot start:', (err as Error).message);
  process.exit(1);
});
