import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { actionUrl, DEV_SECRET_FILE, LinkSecretError, linkExpiry, resolveLinkSecret, signLink, tokenOfUrl, verifyLink, type LinkClaims } from '../../../platform/links';

const SECRET = 'a-secret-of-at-least-thirty-two-chars!!';
const OTHER = 'another-secret-of-at-least-32-characters';
const NOW = Date.parse('2024-09-23T00:30:00Z');
const claims: LinkClaims = { occurrence: 'occ/quarterly-briefing/huyen/2024-Q3', action: 'complete', body: 'tt-huyen-uy', expiresAtMs: Date.parse('2024-11-29T17:00:00Z') };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-links-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Changes one character of a base64url string (not the last, whose low bits may be padding). */
function flip(s: string, at = 3): string {
  const c = s[at] === 'A' ? 'B' : 'A';
  return s.slice(0, at) + c + s.slice(at + 1);
}

describe('signed action links', () => {
  test('a signed token verifies and gives its claims back', () => {
    const token = signLink(claims, SECRET);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyLink(token, SECRET, NOW)).toEqual({ ok: true, claims });
  });

  test('links look like ${DONDOC_PUBLIC_URL}/a/<token> and the token comes back out', () => {
    const token = signLink(claims, SECRET);
    const url = actionUrl('https://dondoc.example.org/', token);
    expect(url).toBe(`https://dondoc.example.org/a/${token}`);
    expect(tokenOfUrl(url)).toBe(token);
    expect(tokenOfUrl('https://x/other')).toBeUndefined();
  });

  test('expired: refused from the expiry instant on, with the reason', () => {
    const token = signLink(claims, SECRET);
    expect(verifyLink(token, SECRET, claims.expiresAtMs - 1).ok).toBe(true);
    const r = verifyLink(token, SECRET, claims.expiresAtMs);
    expect(r).toMatchObject({ ok: false, reason: 'expired' });
  });

  test('forged: signed with another secret', () => {
    expect(verifyLink(signLink(claims, OTHER), SECRET, NOW)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  test('tampered: another body, action, occurrence or expiry under the old signature', () => {
    const [v, , sig] = signLink(claims, SECRET).split('.');
    const variants: LinkClaims[] = [
      { ...claims, body: 'ban-dan-van' },
      { ...claims, action: 'waive' },
      { ...claims, occurrence: 'occ/quarterly-briefing/huyen/2024-Q4' },
      { ...claims, expiresAtMs: claims.expiresAtMs + 86_400_000 },
    ];
    for (const changed of variants) {
      const payload = signLink(changed, SECRET).split('.')[1];
      expect(verifyLink(`${v}.${payload}.${sig}`, SECRET, NOW)).toMatchObject({ ok: false, reason: 'bad-signature' });
    }
    const token = signLink(claims, SECRET);
    const [, p, s] = token.split('.') as [string, string, string];
    expect(verifyLink(`v1.${flip(p)}.${s}`, SECRET, NOW)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(`v1.${p}.${flip(s)}`, SECRET, NOW)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(`v1.${p}.${s.slice(0, -2)}`, SECRET, NOW)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  test('malformed tokens', () => {
    for (const bad of ['', 'v1', 'v1.a', 'v2.a.b', 'v1.a.b.c', 'v1.a+b.c', 'v1.a.b/c', 'x'.repeat(3000)]) {
      expect(verifyLink(bad, SECRET, NOW)).toMatchObject({ ok: false, reason: 'malformed' });
    }
    // A well-signed payload of the wrong shape is still refused.
    const payload = Buffer.from(JSON.stringify(['occ/x', 'delete', 'b', 9999999999])).toString('base64url');
    const sig = crypto.createHmac('sha256', SECRET).update(`dondoc-link.v1.${payload}`).digest('base64url');
    expect(verifyLink(`v1.${payload}.${sig}`, SECRET, NOW)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  test('a rotation: any of several secrets verifies', () => {
    expect(verifyLink(signLink(claims, OTHER), [SECRET, OTHER], NOW).ok).toBe(true);
    expect(verifyLink(signLink(claims, 'third-secret-also-32-characters-long'), [SECRET, OTHER], NOW).ok).toBe(false);
  });

  test('short secrets and unknown actions are refused when signing', () => {
    expect(() => signLink(claims, 'short')).toThrow(/at least 32/);
    expect(() => verifyLink('v1.a.b', 'short')).toThrow(/at least 32/);
    expect(() => signLink({ ...claims, action: 'delete' as never }, SECRET)).toThrow(/unknown link action/);
  });

  test('expiry: the end of the day 60 days after the due date, Vietnam time', () => {
    expect(linkExpiry('2024-09-30')).toEqual({ lastDay: '2024-11-29', expiresAtMs: Date.parse('2024-11-29T17:00:00Z') });
    expect(linkExpiry('2024-09-30', 1).lastDay).toBe('2024-10-01');
  });

  test('the secret: DONDOC_LINK_SECRET, else one random secret per data directory, kept in a private folder', () => {
    expect(resolveLinkSecret({ DONDOC_LINK_SECRET: SECRET, dataDir: tmp })).toEqual({ signing: SECRET, verifying: [SECRET], source: 'env' });
    expect(fs.existsSync(path.join(tmp, DEV_SECRET_FILE))).toBe(false);
    const a = resolveLinkSecret({ dataDir: path.join(tmp, 'a') });
    const again = resolveLinkSecret({ dataDir: path.join(tmp, 'a') });
    const b = resolveLinkSecret({ dataDir: path.join(tmp, 'b') });
    expect(a.source).toBe('data-dir');
    expect(a.signing.length).toBeGreaterThanOrEqual(32);
    expect(a.verifying).toEqual([a.signing]);
    expect(again.signing).toBe(a.signing);
    expect(b.signing).not.toBe(a.signing);
    expect(fs.statSync(a.file!).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(tmp, 'a')).mode & 0o777).toBe(0o700);
  });

  test('rotation: links signed with the previous secret still verify, new ones are signed with the new secret', () => {
    const secrets = resolveLinkSecret({ DONDOC_LINK_SECRET: SECRET, DONDOC_LINK_SECRET_PREVIOUS: OTHER, dataDir: tmp });
    expect(secrets.signing).toBe(SECRET);
    const old = signLink(claims, OTHER);
    expect(verifyLink(old, secrets.verifying, NOW)).toEqual({ ok: true, claims });
    expect(verifyLink(old, [SECRET], NOW)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  test('a link-secret file that other users can read is refused, with the chmod that fixes it', () => {
    const dir = path.join(tmp, 'open');
    const { file } = resolveLinkSecret({ dataDir: dir });
    fs.chmodSync(file!, 0o644);
    expect(() => resolveLinkSecret({ dataDir: dir })).toThrow(LinkSecretError);
    expect(() => resolveLinkSecret({ dataDir: dir })).toThrow(`${file} (the link secret) can be read by other users (mode 0644): run \`chmod 600 ${file}\``);
    fs.chmodSync(file!, 0o600);
    expect(resolveLinkSecret({ dataDir: dir }).file).toBe(file);
  });
});
