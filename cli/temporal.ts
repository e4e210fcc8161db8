/**
 * The CLI's connection to Temporal, from the same validated environment as the worker.
 * The Temporal client is loaded when a command connects, not when the CLI starts (≈0.5 s).
 */
import type { Client } from '@temporalio/client';
import { ClockError, readClock, type Clock } from '../platform/clock';
import { EnvError, loadEnv, temporalAddress, type Env } from '../platform/env';
import { CliError } from './output';

export async function withClient<T>(run: (client: Client, env: Env) => Promise<T>): Promise<T> {
  let env: Env;
  try {
    env = loadEnv();
  } catch (err) {
    if (err instanceof EnvError) throw new CliError(err.lines.join('\n'));
    throw err;
  }
  const { ConnectionError, connectClient, workflowClient } = await import('../platform/connection');
  let connection;
  try {
    connection = await connectClient(env);
  } catch (err) {
    if (err instanceof ConnectionError) throw new CliError(err.message, 1);
    throw new CliError(
      `cannot reach Temporal at ${temporalAddress(env)} (${(err as Error).message}); is \`npm start\` running, or TEMPORAL_ADDRESS set?`,
      1,
    );
  }
  try {
    return await run(workflowClient(env, connection), env);
  } catch (err) {
    const unreadable = encryptionProblem(err);
    if (unreadable) throw new CliError(unreadable);
    throw err;
  } finally {
    await connection.close();
  }
}

/** What to set when Temporal's payloads are encrypted with keys this command lacks, or undefined. */
function encryptionProblem(err: unknown): string | undefined {
  const message = (err as Error)?.message ?? '';
  if (/Unknown encoding: binary\/encrypted/.test(message)) {
    return 'the payloads in Temporal are encrypted: set DONDOC_PAYLOAD_KEYS to the keys the worker uses';
  }
  if (/which DONDOC_PAYLOAD_KEYS does not list/.test(message)) return `${message}: add that key to DONDOC_PAYLOAD_KEYS`;
  return undefined;
}

/** Runs a client call; what it refuses (client/refusals.ts: unknown id, ended occurrence, a validator's no) is the command's refusal. */
export async function refusedAs<T>(call: () => Promise<T>): Promise<T> {
  const { ActionRefused } = await import('../client/refusals');
  try {
    return await call();
  } catch (err) {
    if (err instanceof ActionRefused) throw new CliError(err.message);
    throw err;
  }
}

/**
 * "Now" for a command (platform/clock.ts): the clock of the data directory `npm start` runs on,
 * else DONDOC_CLOCK, else the real clock; a DONDOC_CLOCK that contradicts the data directory's
 * clock is refused.
 */
export function cliClock(): Clock {
  try {
    return readClock(loadEnv());
  } catch (err) {
    if (err instanceof EnvError) throw new CliError(err.lines.join('\n'));
    if (err instanceof ClockError) throw new CliError(err.message);
    throw err;
  }
}
