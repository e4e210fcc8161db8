/**
 * The web pages on their own (the `web` service of docker-compose): connects to Temporal and
 * serves until SIGINT/SIGTERM. `npm start` serves them from the worker process instead.
 */
import { Client } from '@temporalio/client';
import { filePlanSource } from '../config/plan-source';
import { ConfigError, formatIssue } from '../config/errors';
import { ClockError, readClock } from '../platform/clock';
import { connectClient } from '../platform/connection';
import { EnvError, loadEnv } from '../platform/env';
import { startWebFromEnv } from './from-env';

async function main(): Promise<void> {
  const env = loadEnv();
  const plan = filePlanSource();
  plan.current();
  const clock = readClock(env);
  const connection = await connectClient(env);
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const web = await startWebFromEnv(env, client, plan, clock);
  console.log(`dondoc web: serving on ${web.url} (links: ${env.DONDOC_PUBLIC_URL}/a/…, board: ${env.DONDOC_PUBLIC_URL}/board); ${clock.describe()}`);
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
  console.error('dondoc web: cannot start:', (err as Error).message);
  process.exit(1);
});
