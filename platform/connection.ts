/**
 * Connections to Temporal, for the client (CLI, web pages, the worker's client) and the worker,
 * from the same settings: TLS, mTLS (TEMPORAL_TLS_*) or an API key. A connection that fails
 * under TLS is diagnosed with a TLS handshake of Node's own, so the message is one line naming
 * the variable to fix (a client certificate refused or missing, a server certificate that
 * TEMPORAL_TLS_CA does not vouch for, a name that does not match) rather than a timeout.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { NativeConnection, NativeConnectionOptions } from '@temporalio/worker';
import { dataConverterOf } from './codec';
import { temporalAddress, type Env } from './env';

/** A connection that failed for a reason the operator can fix: one line naming the variable. */
export class ConnectionError extends Error {}

function readPem(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new ConnectionError(`${what}=${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** TLS and API-key options shared by the client and the worker connections. */
export function connectionOptions(env: Env): Pick<ConnectionOptions, 'address' | 'tls' | 'apiKey'> {
  const tls = env.tls
    ? {
        serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME,
        serverRootCACertificate: env.TEMPORAL_TLS_CA ? readPem(env.TEMPORAL_TLS_CA, 'TEMPORAL_TLS_CA') : undefined,
        clientCertPair:
          env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY
            ? { crt: readPem(env.TEMPORAL_TLS_CERT, 'TEMPORAL_TLS_CERT'), key: readPem(env.TEMPORAL_TLS_KEY, 'TEMPORAL_TLS_KEY') }
            : undefined,
      }
    : undefined;
  return { address: temporalAddress(env), tls, apiKey: env.TEMPORAL_API_KEY };
}

export async function connectClient(env: Env): Promise<Connection> {
  const options = connectionOptions(env);
  try {
    return await Connection.connect({ ...options, connectTimeout: 10_000 });
  } catch (err) {
    throw (await tlsProblem(env)) ?? err;
  }
}

/** Loads the worker's native bridge on first use: clients (the CLI) never need it. */
export async function connectWorker(env: Env): Promise<NativeConnection> {
  const options = connectionOptions(env);
  const { NativeConnection } = await import('@temporalio/worker');
  try {
    return await NativeConnection.connect(options as NativeConnectionOptions);
  } catch (err) {
    throw (await tlsProblem(env)) ?? err;
  }
}

/** TLS alerts by which a server refuses the client certificate it was given. */
const REFUSED_CERTIFICATE = /ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|UNSUPPORTED_CERTIFICATE|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED|ACCESS_DENIED|DECRYPT_ERROR)$/;
/** …and by which it says it wants one. */
const MISSING_CERTIFICATE = /ALERT_(CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE)$/;
/** Verification errors of the server's certificate against the trusted roots. */
const UNTRUSTED_SERVER = /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/;

/**
 * Why a connection to Temporal fails, when TLS explains it, found with one handshake of Node's
 * own on the same settings (and the HTTP/2 preface, after which a server that refuses a client
 * certificate under TLS 1.3 says so), as a ConnectionError; undefined otherwise. Without TLS
 * configured, whether the server answers TLS only.
 */
export async function tlsProblem(env: Env, waitMs = 3_000): Promise<ConnectionError | undefined> {
  const address = temporalAddress(env);
  if (!env.tls) {
    const answer = await handshake(env, waitMs, false);
    return answer.secure
      ? new ConnectionError(`the Temporal server at ${address} answers TLS only: set TEMPORAL_TLS_CA (and TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY for mTLS), or TEMPORAL_TLS=true`)
      : undefined;
  }
  const cert = env.TEMPORAL_TLS_CERT;
  const outcome = await handshake(env, waitMs, true);
  const code = outcome.code ?? '';
  const where = `the Temporal server at ${address}`;
  if (UNTRUSTED_SERVER.test(code)) {
    const ca = env.TEMPORAL_TLS_CA ? `TEMPORAL_TLS_CA=${env.TEMPORAL_TLS_CA}` : 'the system\'s trusted roots (TEMPORAL_TLS_CA unset)';
    return new ConnectionError(`${where} has a certificate not signed by ${ca}: set TEMPORAL_TLS_CA to the CA that signed it`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new ConnectionError(`${where} has a certificate for other names (${outcome.message}): set TEMPORAL_TLS_SERVER_NAME to a name it is for`);
  }
  if (code === 'CERT_HAS_EXPIRED') return new ConnectionError(`${where} has an expired certificate`);
  if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG/.test(code) || (!outcome.secure && outcome.closed)) {
    return new ConnectionError(`${where} does not answer TLS: check TEMPORAL_ADDRESS, or unset TEMPORAL_TLS and TEMPORAL_TLS_* if it has no TLS`);
  }
  const refused = REFUSED_CERTIFICATE.test(code) || (outcome.secure && outcome.closed && !code);
  if (cert && (refused || MISSING_CERTIFICATE.test(code))) {
    return new ConnectionError(`${where} refused the client certificate TEMPORAL_TLS_CERT=${cert}: it does not trust the CA that signed it`);
  }
  if (!cert && (refused || MISSING_CERTIFICATE.test(code))) {
    return new ConnectionError(`${where} requires a client certificate: set TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (mTLS)`);
  }
  return undefined;
}



/** The workflow client of the CLI, the worker and the web pages: the namespace, and the payload codec when keys are set. */
export function workflowClient(env: Env, connection: Connection): Client {
  const dataConverter = dataConverterOf(env.DONDOC_PAYLOAD_KEYS);
  return new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, ...(dataConverter ? { dataConverter } : {}) });
}

interface Handshake {
  /** The TLS handshake completed. */
  secure: boolean;
  /** Node's error code and message, if the connection failed. */
  code?: string;
  message?: string;
  /** Closed by the server without an error. */
  closed?: boolean;
}

/** One TLS handshake on the settings of `env` (verifying the server or not), then the HTTP/2 preface, watched for `waitMs`. */
function handshake(env: Env, waitMs: number, verify: boolean): Promise<Handshake> {
  const address = temporalAddress(env);
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[|\]$/g, '');
  const cert = env.TEMPORAL_TLS_CERT;
  return new Promise((resolve) => {
    let secure = false;
    const socket = tls.connect({
      host,
      port: Number(address.slice(at + 1)),
      servername: env.TEMPORAL_TLS_SERVER_NAME ?? (net.isIP(host) ? undefined : host),
      rejectUnauthorized: verify,
      ...(env.TEMPORAL_TLS_CA ? { ca: readPem(env.TEMPORAL_TLS_CA, 'TEMPORAL_TLS_CA') } : {}),
      ...(cert && env.TEMPORAL_TLS_KEY ? { cert: readPem(cert, 'TEMPORAL_TLS_CERT'), key: readPem(env.TEMPORAL_TLS_KEY, 'TEMPORAL_TLS_KEY') } : {}),
      ALPNProtocols: ['h2'],
    });
    const done = (r: Omit<Handshake, 'secure'>) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ secure, ...r });
    };
    const timer = setTimeout(() => done({}), waitMs);
    socket.on('secureConnect', () => {
      secure = true;
      socket.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    });
    socket.on('data', () => undefined);
    socket.on('error', (err: NodeJS.ErrnoException) => done({ code: err.code ?? '', message: err.message }));
    socket.on('close', () => done({ closed: true }));
  });
}
