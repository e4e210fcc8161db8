/**
 * mTLS to Temporal for real: certificates made here with openssl (a CA, the server's, a client's,
 * and a client's from another CA), and a TLS endpoint in front of the run's dev server that
 * requires a client certificate from that CA, as a Temporal frontend configured with
 * `requireClientAuth` does. The worker process of `npm start` (`node bin/run.js workers/main`,
 * TEMPORAL_ADDRESS set) and every `dondoc` command that talks to Temporal connect through it with
 * TEMPORAL_TLS_*; a certificate from another CA, or none, is refused with one line naming the
 * variable.
 *
 * Why this is honest: what dondoc owns is the client side — reading TEMPORAL_TLS_CA, _CERT, _KEY
 * and _SERVER_NAME, presenting the certificate, verifying the server's — through both stacks it
 * uses (grpc-js for clients, the Rust core for the worker), and what it says when the handshake
 * fails. Those run here exactly as against a TLS-enabled Temporal server. The terminating
 * endpoint (Node's TLS, TLS 1.3, ALPN h2) stands in for the server's TLS listener: the Temporal
 * CLI's dev server has no TLS flags, and a Temporal server build of its own would add minutes of
 * `go install` to every clean CI run for the same client-side coverage.
 *
 * Isolation: a namespace of this file's own (the worker applies the shipped plan there).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { msToTs } from '@temporalio/common/lib/time';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { addDays, localDateOfInstant } from '../../domain/calendar/local-date';
import { connectWorker } from '../../platform/connection';
import { loadEnv } from '../../platform/env';
import type { OccurrenceState } from '../../workflows/messages';
import { lines, runDondoc } from '../helpers/cli';
import { uniqueTag } from '../helpers/integration-plan';
import { devServerEnv } from '../helpers/temporal';

const ROOT = path.resolve(__dirname, '../..');
const tag = uniqueTag('mtls');
const namespace = `itest-${tag}`;
const taskQueue = `itest-${tag}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-mtls-'));
// Kept across runs: the worker's workflow bundle (built once per content) lives under its data directory.
const dataDir = path.join(os.tmpdir(), 'dondoc-mtls-data');
const pem = (name: string) => path.join(dir, name);

/** A CA, and certificates it signs for a server (by name and address) and for clients. */
function makeCertificates(): void {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const key = (name: string) => ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`];
  const ca = (name: string) => openssl('req', '-x509', ...key(name), '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`);
  const signed = (name: string, by: string, san: string, usage: string) => {
    openssl('req', ...key(name), '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    fs.writeFileSync(pem(`${name}.ext`), `subjectAltName=${san}\nextendedKeyUsage=${usage}\n`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${by}.pem`, '-CAkey', `${by}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
  };
  ca('ca');
  ca('other-ca');
  signed('server', 'ca', 'DNS:temporal.test', 'serverAuth');
  signed('client', 'ca', 'DNS:dondoc', 'clientAuth');
  signed('stranger', 'other-ca', 'DNS:dondoc', 'clientAuth');
}

let env: TestWorkflowEnvironment;
let endpoint: tls.Server;
let address: string;
let worker: ChildProcess | undefined;

const good = () => ({
  TEMPORAL_ADDRESS: address,
  TEMPORAL_NAMESPACE: namespace,
  TEMPORAL_TLS_CA: pem('ca.pem'),
  TEMPORAL_TLS_CERT: pem('client.pem'),
  TEMPORAL_TLS_KEY: pem('client.key'),
  TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
  DONDOC_TASK_QUEUE: taskQueue,
});
const stranger = () => ({ ...good(), TEMPORAL_TLS_CERT: pem('stranger.pem'), TEMPORAL_TLS_KEY: pem('stranger.key') });
const noCertificate = () => {
  const { TEMPORAL_TLS_CERT: _c, TEMPORAL_TLS_KEY: _k, ...rest } = good();
  return rest;
};

beforeAll(async () => {
  makeCertificates();
  env = await devServerEnv();
  await env.connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  const [host, port] = inject('temporalAddress').split(':');
  endpoint = tls.createServer(
    {
      key: fs.readFileSync(pem('server.key')),
      cert: fs.readFileSync(pem('server.pem')),
      ca: fs.readFileSync(pem('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket) => {
      const upstream = net.connect(Number(port), host);
      socket.pipe(upstream).pipe(socket);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    },
  );
  endpoint.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(endpoint.address() as net.AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) worker.kill('SIGKILL');
  endpoint?.close();
  await env?.teardown();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The environment of a child: none of this shell's Temporal or dondoc settings. */
function childEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_') && !k.startsWith('DONDOC_') && k !== 'SMTP_URL'));
  return { ...clean, NO_COLOR: '1', ...vars };
}

const dondoc = (vars: Record<string, string>, ...args: string[]) => runDondoc(args, childEnv(vars) as Record<string, string>, 90_000);

function startWorker(vars: Record<string, string>): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/run.js'), 'workers/main'], {
    cwd: ROOT,
    env: childEnv({ ...vars, DONDOC_WEB: 'off', DONDOC_DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

async function until(what: string, probe: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const REFUSED = (cert: string) => `the Temporal server at ${address} refused the client certificate TEMPORAL_TLS_CERT=${cert}: it does not trust the CA that signed it`;
const MISSING = () => `the Temporal server at ${address} requires a client certificate: set TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (mTLS)`;

describe('with the CA\'s client certificate', () => {
  test('the worker process of npm start connects, registers, applies and runs; every dondoc command that talks to Temporal goes through the same TLS', async () => {
    const w = startWorker(good());
    worker = w.child;
    await until('the worker banner', () => w.output().includes('dondoc đang chạy'), 240_000, w.output);
    expect(w.output()).toContain(`Temporal:      ${address} (namespace ${namespace}, task queue ${taskQueue})`);

    const vars = good();
    const drill = async (obligation: string, unit: string) => {
      const r = await dondoc(vars, 'drill', obligation, '--unit', unit, '--step-seconds', '120', '--json');
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      return (JSON.parse(r.stdout) as { id: string }).id;
    };
    const [creative, reception, veterans, briefing] = await Promise.all([
      drill('creative-activity-registration', 'bien-son'),
      drill('citizen-reception-invite', 'bien-son'),
      drill('veterans-chair-indicator', 'huyen'),
      drill('quarterly-briefing', 'huyen'),
    ]);
    const ok = (r: { code: number | null; stderr: string }) => expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });

    // Each Update is run by the worker process (the only one on this task queue), so each answer went both ways through TLS.
    const completed = await dondoc(vars, 'complete', creative, '--by', 'Ủy ban MTTQ xã Biên Sơn', '--evidence', 'Mô hình “Dân vận khéo”');
    ok(completed);
    expect(completed.stdout).toContain('hoàn thành đúng hạn');
    const waived = await dondoc(vars, 'waive', reception, '--by', 'UBND xã Biên Sơn', '--reason', 'Không tổ chức tiếp công dân');
    ok(waived);
    expect(waived.stdout).toContain('không phát sinh');
    const recorded = await dondoc(vars, 'record', veterans, '--value', '60', '--by', 'Hội CCB huyện');
    ok(recorded);
    const newDue = addDays(localDateOfInstant(Date.now()), 14);
    const extended = await dondoc(vars, 'extend', briefing, '--to', newDue, '--by', 'Ban Dân vận', '--reason', 'Chờ ý kiến Thường trực');
    ok(extended);
    expect(extended.stdout).toContain('đang thực hiện trong hạn');
    const reopened = await dondoc(vars, 'reopen', creative, '--by', 'Ban Dân vận', '--reason', 'Minh chứng chưa đủ', '--json');
    ok(reopened);
    expect((JSON.parse(reopened.stdout) as OccurrenceState).withdrawn?.[0]).toMatchObject({ how: 'reopen', reason: 'Minh chứng chưa đủ' });

    const status = await dondoc(vars, 'status', '--json');
    ok(status);
    expect(Array.isArray(JSON.parse(status.stdout))).toBe(true);
    ok(await dondoc(vars, 'apply', '--dry-run'));
    const report = await dondoc(vars, 'report', '--year', '2024', '--format', 'md', '--out', path.join(dir, 'report.md'));
    expect(report.code).toBe(0);
    expect(report.stderr).toContain(`Dự thảo báo cáo năm 2024: ${path.join(dir, 'report.md')}`);
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain('BÁO CÁO');
    // No planner runs for it (the shipped plan is over): Temporal's answer, through TLS.
    for (const command of ['pause', 'resume']) {
      const r = await dondoc(vars, command, 'quarterly-briefing', '--unit', 'huyen');
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toEqual([`dondoc ${command}: không có bộ lập lịch đang chạy “planner/quarterly-briefing/huyen”`]);
    }

    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain('dondoc: stopped');
  }, 400_000);
});

describe('refused, with one line naming the variable', () => {
  test('a client certificate from another CA: dondoc exits 1 naming TEMPORAL_TLS_CERT', async () => {
    const r = await dondoc(stranger(), 'status');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([`dondoc status: ${REFUSED(pem('stranger.pem'))}`]);
  }, 60_000);

  test('no client certificate: dondoc exits 1 naming TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY', async () => {
    const r = await dondoc(noCertificate(), 'status');
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([`dondoc status: ${MISSING()}`]);
  }, 60_000);

  test('the worker process with either: exits 1 with that one line, before it starts anything', async () => {
    for (const [vars, line] of [
      [stranger(), REFUSED(pem('stranger.pem'))],
      [noCertificate(), MISSING()],
    ] as const) {
      const w = startWorker(vars);
      expect(await w.exited).toBe(1);
      expect(lines(w.output())).toEqual([`dondoc: ${line}`]);
    }
  }, 120_000);

  test('the worker\'s own connection (the Rust core) says the same', async () => {
    await expect(connectWorker(loadEnv(stranger()))).rejects.toThrow(REFUSED(pem('stranger.pem')));
    await expect(connectWorker(loadEnv(noCertificate()))).rejects.toThrow(MISSING());
  });

  test('a server certificate TEMPORAL_TLS_CA does not vouch for, or a name it is not for', async () => {
    const otherCa = await dondoc({ ...good(), TEMPORAL_TLS_CA: pem('other-ca.pem') }, 'status');
    expect(otherCa.code).toBe(1);
    expect(lines(otherCa.stderr)).toEqual([
      `dondoc status: the Temporal server at ${address} has a certificate not signed by TEMPORAL_TLS_CA=${pem('other-ca.pem')}: set TEMPORAL_TLS_CA to the CA that signed it`,
    ]);
    const name = await dondoc({ ...good(), TEMPORAL_TLS_SERVER_NAME: 'autre.test' }, 'status');
    expect(name.code).toBe(1);
    expect(lines(name.stderr)).toHaveLength(1);
    expect(name.stderr).toMatch(/has a certificate for other names .*: set TEMPORAL_TLS_SERVER_NAME to a name it is for/);
  }, 60_000);
});
