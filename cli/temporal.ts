/**
 * The CLI's connection to Temporal, from the same validated environment as the worker.
 * The Temporal client is loaded when a command connects, not when the CLI starts (≈0.5 s).
 */
import type { Client } from '@temporalio/client';
import { EnvError, loadEnv, temporalAddress, type Env } from '../platform/env';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

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

/** Runs a command body and turns a CliError into its message and exit code. */
export async function runCommand(body: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? 0;
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`dondoc: ${err.message}`);
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}
