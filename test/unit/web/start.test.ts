/**
 * Starting the pages as the compose service and `npm start` do (`node bin/run.js web/main`,
 * `node bin/run.js workers/main`): on an address beyond this machine without authentication
 * they stop before connecting to anything, with one line naming the variables; the banner
 * says what protects the pages.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadEnv } from '../../../platform/env';
import { describeWeb } from '../../../web/from-env';

const ROOT = path.resolve(__dirname, '../../..');
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-web-start-'));
afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DONDOC_') && !k.startsWith('TEMPORAL_') && k !== 'SMTP_URL'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/run.js'), entry], { cwd: ROOT, env: { ...clean, DONDOC_DATA_DIR: data, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const LINE =
  'DONDOC_WEB_HOST=0.0.0.0 serves the pages beyond this machine without authentication: set DONDOC_WEB_USER and DONDOC_WEB_PASSWORD (basic auth), or DONDOC_WEB_AUTH_PROXY=true when a proxy in front authenticates every request';

describe('a non-loopback bind without authentication', () => {
  test.each([
    ['web/main', 'dondoc web'],
    ['workers/main', 'dondoc'],
  ])('node bin/run.js %s exits 2 with the one line naming the variables, before connecting to Temporal', async (entry, prefix) => {
    // An address nothing listens on: reaching the check after a connection attempt would fail differently.
    const r = await run(entry, { DONDOC_WEB_HOST: '0.0.0.0', TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').filter((l) => !/compiled|building/i.test(l))).toEqual([`${prefix}: ${LINE}`]);
    expect(r.stdout).toBe('');
  }, 90_000);
});

describe('the banner', () => {
  test('says when authentication is off, and who can then read the board', () => {
    expect(describeWeb(loadEnv({}))[0]).toBe(
      'AUTHENTICATION OFF: anyone who reaches 127.0.0.1:8080 reads the board (loopback only; set DONDOC_WEB_USER and DONDOC_WEB_PASSWORD)',
    );
    expect(describeWeb(loadEnv({ DONDOC_WEB_USER: 'bandanvan', DONDOC_WEB_PASSWORD: 'mật-khẩu-đủ-dài' }))[0]).toBe(
      'basic auth (DONDOC_WEB_USER bandanvan), failed logins throttled per address',
    );
    expect(describeWeb(loadEnv({ DONDOC_WEB_AUTH_PROXY: 'true' }))[0]).toBe('authentication left to the proxy in front (DONDOC_WEB_AUTH_PROXY=true)');
  });

  test('says whether payloads are encrypted and where the Temporal UI decodes them', () => {
    const keys = `k1:${Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7)).toString('base64')}`;
    expect(describeWeb(loadEnv({})).slice(1)).toEqual(['payload encryption off: payloads in clear in Temporal (set DONDOC_PAYLOAD_KEYS to encrypt them)']);
    expect(describeWeb(loadEnv({ DONDOC_PAYLOAD_KEYS: keys })).slice(1)).toEqual([
      'payload encryption AES-256-GCM, key k1',
      'codec endpoint off (it needs DONDOC_WEB_USER and DONDOC_WEB_PASSWORD)',
    ]);
    expect(describeWeb(loadEnv({ DONDOC_PAYLOAD_KEYS: keys, DONDOC_WEB_USER: 'bandanvan', DONDOC_WEB_PASSWORD: 'mật-khẩu-đủ-dài' })).slice(1)).toEqual([
      'payload encryption AES-256-GCM, key k1',
      'codec endpoint http://localhost:8080/codec for the Temporal UI at http://localhost:8233, http://127.0.0.1:8233',
    ]);
  });
});
