import * as fs from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { NativeConnection, NativeConnectionOptions } from '@temporalio/worker';
import { dataConverterOf } from './codec';
import { temporalAddress, type Env } from './env';

/** TLS and API-key options shared by the client and the worker connections. */
export function connectionOptions(env: Env): Pick<ConnectionOptions, 'address' | 'tls' | 'apiKey'> {
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new Error(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  const tls = env.tls
    ? {
        serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME,
        serverRootCACertificate: env.TEMPORAL_TLS_CA ? read(env.TEMPORAL_TLS_CA, 'TEMPORAL_TLS_CA') : undefined,
        clientCertPair:
          env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY
            ? { crt: read(env.TEMPORAL_TLS_CERT, 'TEMPORAL_TLS_CERT'), key: read(env.TEMPORAL_TLS_KEY, 'TEMPORAL_TLS_KEY') }
            : undefined,
      }
    : undefined;
  return { address: temporalAddress(env), tls, apiKey: env.TEMPORAL_API_KEY };
}

export async function connectClient(env: Env): Promise<Connection> {
  return Connection.connect({ ...connectionOptions(env), connectTimeout: 10_000 });
}

/** Loads the worker's native bridge on first use: clients (the CLI) never need it. */
export async function connectWorker(env: Env): Promise<NativeConnection> {
  const { NativeConnection } = await import('@temporalio/worker');
  return NativeConnection.connect(connectionOptions(env) as NativeConnectionOptions);
}

/** The workflow client of the CLI, the worker and the web pages: the namespace, and the payload codec when keys are set. */
export function workflowClient(env: Env, connection: Connection): Client {
  const dataConverter = dataConverterOf(env.DONDOC_PAYLOAD_KEYS);
  return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, ...(dataConverter ? { dataConverter } : {}) });
}
