import * as crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { EnvError, loadEnv, temporalAddress, webExposureProblem } from '../../../platform/env';

function errorsOf(env: Record<string, string>): string[] {
  try {
    loadEnv(env, '/srv/dondoc');
  } catch (err) {
    if (err instanceof EnvError) return err.lines;
    throw err;
  }
  return [];
}

describe('environment', () => {
  test('defaults run the embedded dev server with data under ./data', () => {
    const env = loadEnv({}, '/srv/dondoc');
    expect(env.embedded).toBe(true);
    expect(env.dataDir).toBe('/srv/dondoc/data');
    expect(env.TEMPORAL_NAMESPACE).toBe('default');
    expect(temporalAddress(env)).toBe('127.0.0.1:7233');
    expect(env.tls).toBe(false);
    expect(env.DONDOC_WORKFLOW_CACHE).toBe(1000);
    expect(loadEnv({ DONDOC_WORKFLOW_CACHE: '200' }).DONDOC_WORKFLOW_CACHE).toBe(200);
    expect(env.DONDOC_DIGEST_WINDOW).toBe(30);
    expect(loadEnv({ DONDOC_DIGEST_WINDOW: '90' }).DONDOC_DIGEST_WINDOW).toBe(90);
  });

  test('TEMPORAL_ADDRESS selects a remote server; an API key implies TLS', () => {
    const env = loadEnv({ TEMPORAL_ADDRESS: 'dondoc.a1b2c.tmprl.cloud:7233', TEMPORAL_API_KEY: 'k', TEMPORAL_NAMESPACE: 'dondoc.a1b2c' });
    expect(env.embedded).toBe(false);
    expect(env.tls).toBe(true);
    expect(temporalAddress(env)).toBe('dondoc.a1b2c.tmprl.cloud:7233');
    expect(loadEnv({ TEMPORAL_ADDRESS: '[::1]:7233' }).TEMPORAL_ADDRESS).toBe('[::1]:7233');
  });

  test.each([
    [{ TEMPORAL_ADDRESS: '::nonsense' }, /^TEMPORAL_ADDRESS="::nonsense" is not valid: expected host:port/],
    [{ TEMPORAL_ADDRESS: 'localhost' }, /^TEMPORAL_ADDRESS="localhost" is not valid/],
    [{ TEMPORAL_ADDRESS: 'localhost:99999' }, /port from 1 to 65535/],
    [{ DONDOC_UI_PORT: 'abc' }, /^DONDOC_UI_PORT="abc" is not valid: expected a port number/],
    [{ DONDOC_WORKFLOW_CACHE: '0' }, /^DONDOC_WORKFLOW_CACHE="0" is not valid: expected at least 1/],
    [{ DONDOC_WORKFLOW_CACHE: '2.5' }, /^DONDOC_WORKFLOW_CACHE="2.5" is not valid: expected a whole number/],
    [{ DONDOC_WORKFLOW_CACHE: 'many' }, /^DONDOC_WORKFLOW_CACHE="many" is not valid: expected a whole number/],
    [{ DONDOC_DIGEST_WINDOW: '0' }, /^DONDOC_DIGEST_WINDOW="0" is not valid: expected at least 1 second/],
    [{ DONDOC_DIGEST_WINDOW: '2h' }, /^DONDOC_DIGEST_WINDOW="2h" is not valid: expected a number of seconds/],
    [{ TEMPORAL_NAMESPACE: 'has space' }, /^TEMPORAL_NAMESPACE="has space" is not valid/],
    [{ TEMPORAL_ADDRESS: 'h:7233', TEMPORAL_TLS_CERT: '/c.pem' }, /TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/],
    [{ TEMPORAL_API_KEY: 'secret-value' }, /^TEMPORAL_API_KEY=\(hidden\) is not valid: .*set TEMPORAL_ADDRESS too/],
  ])('%o is rejected with one clear line', (vars, message) => {
    const lines = errorsOf(vars);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines.join()).not.toContain('secret-value');
  });
});

describe('safe by default when the pages face the network', () => {
  const auth = { DONDOC_WEB_USER: 'bandanvan', DONDOC_WEB_PASSWORD: 'mật-khẩu-đủ-dài' };

  test('a non-loopback address without authentication is one line naming DONDOC_WEB_USER and DONDOC_WEB_PASSWORD', () => {
    const problem = webExposureProblem(loadEnv({ DONDOC_WEB_HOST: '0.0.0.0' }));
    expect(problem).toBe(
      'DONDOC_WEB_HOST=0.0.0.0 serves the pages beyond this machine without authentication: set DONDOC_WEB_USER and DONDOC_WEB_PASSWORD (basic auth), or DONDOC_WEB_AUTH_PROXY=true when a proxy in front authenticates every request',
    );
    expect(webExposureProblem(loadEnv({ DONDOC_WEB_HOST: '192.168.1.20' }))).toMatch(/^DONDOC_WEB_HOST=192\.168\.1\.20 /);
  });

  test('loopback, basic auth or an authenticating proxy declared by DONDOC_WEB_AUTH_PROXY: the pages may start', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) expect(webExposureProblem(loadEnv({ DONDOC_WEB_HOST: host })), host).toBeUndefined();
    expect(webExposureProblem(loadEnv({ DONDOC_WEB_HOST: '0.0.0.0', ...auth }))).toBeUndefined();
    expect(webExposureProblem(loadEnv({ DONDOC_WEB_HOST: '0.0.0.0', DONDOC_WEB_AUTH_PROXY: 'true' }))).toBeUndefined();
    expect(loadEnv({ ...auth }).webAuth).toEqual({ user: 'bandanvan', password: 'mật-khẩu-đủ-dài' });
  });

  test('real mail needs https:// links, unless they stay on this machine or DONDOC_ALLOW_HTTP_LINKS=true', () => {
    const mail = { SMTP_URL: 'smtp://mail.example.org:587', DONDOC_LINK_SECRET: 'Wq3v9LrT1pXz8bKe2NcY7uHf0AjDs5Gm' };
    expect(errorsOf({ ...mail, DONDOC_PUBLIC_URL: 'http://dondoc.example.org' })).toEqual([
      'DONDOC_PUBLIC_URL="http://dondoc.example.org" is not valid: must be https:// when SMTP_URL sends real mail (the links carry their tokens): put the pages behind HTTPS, or set DONDOC_ALLOW_HTTP_LINKS=true to accept links in clear',
    ]);
    expect(errorsOf({ ...mail, DONDOC_PUBLIC_URL: 'https://dondoc.example.org' })).toEqual([]);
    expect(errorsOf({ ...mail, DONDOC_PUBLIC_URL: 'http://localhost:8080' })).toEqual([]);
    expect(errorsOf({ ...mail, DONDOC_PUBLIC_URL: 'http://dondoc.example.org', DONDOC_ALLOW_HTTP_LINKS: 'true' })).toEqual([]);
    // Without SMTP (the outbox), links go nowhere: http is fine.
    expect(errorsOf({ DONDOC_PUBLIC_URL: 'http://dondoc.example.org' })).toEqual([]);
  });

  test.each([
    ['a'.repeat(40), /^DONDOC_LINK_SECRET=\(hidden\) is not valid: is one character repeated/],
    ['abababababababababababababababab', /is too regular \(2 distinct characters, at least 10 expected\)/],
    ['0123456789'.repeat(4), /repeats a pattern of 10 characters/],
  ])('a link secret that is a pattern is refused: %s', (secret, message) => {
    const lines = errorsOf({ DONDOC_LINK_SECRET: secret });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toContain(secret);
  });

  test('rotation: the previous secret verifies only beside a new one, and is checked like it', () => {
    expect(errorsOf({ DONDOC_LINK_SECRET_PREVIOUS: 'Wq3v9LrT1pXz8bKe2NcY7uHf0AjDs5Gm' })).toEqual([
      'DONDOC_LINK_SECRET_PREVIOUS=(hidden) is not valid: is the secret before a rotation: set the new one as DONDOC_LINK_SECRET too',
    ]);
    expect(errorsOf({ DONDOC_LINK_SECRET: 'Wq3v9LrT1pXz8bKe2NcY7uHf0AjDs5Gm', DONDOC_LINK_SECRET_PREVIOUS: 'z'.repeat(32) })[0]).toMatch(
      /^DONDOC_LINK_SECRET_PREVIOUS=\(hidden\) is not valid: is one character repeated/,
    );
  });

  test('link lifetime and undo window are settings with defaults and bounds', () => {
    expect(loadEnv({})).toMatchObject({ DONDOC_LINK_DAYS: 60, DONDOC_UNDO_MINUTES: 30 });
    expect(loadEnv({ DONDOC_LINK_DAYS: '30', DONDOC_UNDO_MINUTES: '0' })).toMatchObject({ DONDOC_LINK_DAYS: 30, DONDOC_UNDO_MINUTES: 0 });
    expect(errorsOf({ DONDOC_LINK_DAYS: '0' })).toEqual(['DONDOC_LINK_DAYS="0" is not valid: expected at least 1']);
    expect(errorsOf({ DONDOC_UNDO_MINUTES: '1441' })).toEqual(['DONDOC_UNDO_MINUTES="1441" is not valid: expected at most 1440']);
  });

  test('a trusted proxy list is addresses or CIDRs', () => {
    expect(loadEnv({ DONDOC_WEB_TRUST_PROXY: '172.30.56.10, 10.0.0.0/8' }).DONDOC_WEB_TRUST_PROXY).toEqual(['172.30.56.10', '10.0.0.0/8']);
    expect(errorsOf({ DONDOC_WEB_TRUST_PROXY: 'caddy' })[0]).toMatch(/^DONDOC_WEB_TRUST_PROXY="caddy" is not valid: expected addresses or CIDRs/);
  });
});

describe('payload keys', () => {
  const key = (seed: string) => crypto.createHash('sha256').update(seed).digest('base64');

  test('id:base64 pairs, the first encrypts; the codec endpoint answers the embedded UI by default', () => {
    const env = loadEnv({ DONDOC_PAYLOAD_KEYS: `2025-06:${key('a')}, 2024-01:${key('b')}` });
    expect(env.DONDOC_PAYLOAD_KEYS?.map((k) => k.id)).toEqual(['2025-06', '2024-01']);
    expect(env.DONDOC_PAYLOAD_KEYS?.[0]?.key).toEqual(crypto.createHash('sha256').update('a').digest());
    expect(env.codecOrigins).toEqual(['http://localhost:8233', 'http://127.0.0.1:8233']);
    expect(loadEnv({ DONDOC_CODEC_CORS_ORIGINS: 'https://temporal.example.org/' }).codecOrigins).toEqual(['https://temporal.example.org']);
    expect(loadEnv({ DONDOC_PAYLOAD_KEYS: '' }).DONDOC_PAYLOAD_KEYS).toBeUndefined();
  });

  test.each([
    [`${key('a')}`, /key 1 must start with its id and a colon/],
    ['k1:not base64!', /key k1 is not base64/],
    [`k1:${Buffer.alloc(16, 1).toString('base64')}`, /key k1 is 16 bytes; AES-256 needs 32/],
    [`k1:${Buffer.alloc(32, 7).toString('base64')}`, /key k1 is too regular to be random/],
    [`k1:${key('a')},k1:${key('b')}`, /key id k1 is listed twice/],
  ])('%s is refused in one line that does not quote the key', (value, message) => {
    const lines = errorsOf({ DONDOC_PAYLOAD_KEYS: value });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DONDOC_PAYLOAD_KEYS=\(hidden\) is not valid: /);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toContain(value.split(':').pop()!.slice(0, 12));
  });
});
