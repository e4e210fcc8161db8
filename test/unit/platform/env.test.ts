import { describe, expect, test } from 'vitest';
import { EnvError, loadEnv, temporalAddress } from '../../../platform/env';

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
