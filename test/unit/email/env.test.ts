import { describe, expect, test } from 'vitest';
import { EnvError, loadEnv } from '../../../platform/env';

function errorsOf(env: Record<string, string>): string[] {
  try {
    loadEnv(env, '/srv/dondoc');
  } catch (err) {
    if (err instanceof EnvError) return err.lines;
    throw err;
  }
  return [];
}

const SECRET = 'mail-env-test-secret-0123456789-abcdefgh';

describe('mail settings', () => {
  test('defaults: no SMTP, a sender, links on localhost:8080', () => {
    const env = loadEnv({}, '/srv/dondoc');
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe('dondoc <dondoc@localhost>');
    expect(env.MAIL_REPLY_TO).toBeUndefined();
    expect(env.DONDOC_LINK_SECRET).toBeUndefined();
    expect(env.DONDOC_PUBLIC_URL).toBe('http://localhost:8080');
  });

  test('SMTP with its link secret; a trailing slash of the public URL is dropped', () => {
    const env = loadEnv({
      SMTP_URL: 'smtps://user%40x:p%3Ass@mail.example.org:465',
      DONDOC_LINK_SECRET: SECRET,
      MAIL_FROM: 'Đôn đốc Lục Ngạn <dondoc@lucngan.gov.vn>',
      MAIL_REPLY_TO: 'bandanvan@lucngan.gov.vn',
      DONDOC_PUBLIC_URL: 'https://dondoc.lucngan.gov.vn/',
    });
    expect(env.SMTP_URL).toBe('smtps://user%40x:p%3Ass@mail.example.org:465');
    expect(env.DONDOC_PUBLIC_URL).toBe('https://dondoc.lucngan.gov.vn');
  });

  test.each([
    [{ SMTP_URL: 'smtp://mailpit:1025' }, /^DONDOC_LINK_SECRET=\(hidden\) is not valid: must be set when SMTP_URL is set/],
    [{ SMTP_URL: 'http://mail:25', DONDOC_LINK_SECRET: SECRET }, /^SMTP_URL=\(hidden\) is not valid: expected smtp:\/\//],
    [{ DONDOC_LINK_SECRET: 'too-short' }, /^DONDOC_LINK_SECRET=\(hidden\) is not valid: must be at least 32 characters/],
    [{ MAIL_FROM: 'not an address' }, /^MAIL_FROM="not an address" is not valid: expected an address/],
    [{ MAIL_REPLY_TO: 'a@b@c' }, /^MAIL_REPLY_TO="a@b@c" is not valid/],
    [{ DONDOC_PUBLIC_URL: 'ftp://x' }, /^DONDOC_PUBLIC_URL="ftp:\/\/x" is not valid: expected an http\(s\) URL/],
  ])('%o is rejected with one clear line', (vars, message) => {
    const lines = errorsOf(vars);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  test('the SMTP password never appears in an error', () => {
    const lines = errorsOf({ SMTP_URL: 'smtp://user:hunter2@' });
    expect(lines.join()).not.toContain('hunter2');
  });
});
