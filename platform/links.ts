/**
 * Signed action links: `${DONDOC_PUBLIC_URL}/a/<token>`, one per (occurrence, action,
 * recipient body), valid until an expiry. Emails make them; the web serves them.
 *
 * Token: `v1.<payload>.<signature>`, both parts base64url. The payload is the JSON array
 * `[occurrence, action, body, expiresAtSeconds]`; the signature is HMAC-SHA256 with
 * DONDOC_LINK_SECRET over `dondoc-link.v1.<payload>` (the encoded bytes, so there is
 * nothing to canonicalise). Verification compares signatures with `crypto.timingSafeEqual`
 * and only then reads the payload, so a forged token never gets as far as "expired".
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addDays, toInstantMs } from '../domain/calendar/local-date';
import type { LocalDate } from '../domain/model';
import { ensurePrivateDir } from './data-dir';

export const LINK_ACTIONS = ['complete', 'waive', 'record'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export interface LinkClaims {
  /** Occurrence (workflow) id: `occ/quarterly-briefing/huyen/2024-Q3`. */
  occurrence: string;
  action: LinkAction;
  /** The recipient body the link was made for: `tt-huyen-uy`. */
  body: string;
  /** Instant the link stops working, epoch ms (whole seconds). */
  expiresAtMs: number;
}

export type LinkRejection = 'malformed' | 'bad-signature' | 'expired';

export type LinkVerification =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: LinkRejection; message: string };

/** A secret, or several during a rotation (the first signs, any verifies). */
export type LinkSecret = string | Buffer;

export const MIN_SECRET_LENGTH = 32;
const VERSION = 'v1';
const CONTEXT = 'dondoc-link';
const MAX_TOKEN_LENGTH = 2048;
const B64URL = /^[A-Za-z0-9_-]+$/;
/** Links stay valid this long after the due date unless told otherwise. */
export const DEFAULT_LINK_TTL_DAYS = 60;

function mac(secret: LinkSecret, payload: string): Buffer {
  return crypto.createHmac('sha256', secret).update(`${CONTEXT}.${VERSION}.${payload}`).digest();
}

function checkSecret(secret: LinkSecret): void {
  if (secret.length < MIN_SECRET_LENGTH) throw new RangeError(`the link secret must be at least ${MIN_SECRET_LENGTH} characters long`);
}

/** Makes a token. Throws on an unknown action or a short secret. */
export function signLink(claims: LinkClaims, secret: LinkSecret): string {
  checkSecret(secret);
  if (!(LINK_ACTIONS as readonly string[]).includes(claims.action)) throw new RangeError(`unknown link action ${String(claims.action)}`);
  if (!claims.occurrence || !claims.body) throw new RangeError('a link needs an occurrence and a body');
  const exp = Math.floor(claims.expiresAtMs / 1000);
  if (!Number.isSafeInteger(exp) || exp <= 0) throw new RangeError(`bad link expiry ${claims.expiresAtMs}`);
  const payload = Buffer.from(JSON.stringify([claims.occurrence, claims.action, claims.body, exp]), 'utf8').toString('base64url');
  return `${VERSION}.${payload}.${mac(secret, payload).toString('base64url')}`;
}

function reject(reason: LinkRejection, message: string): LinkVerification {
  return { ok: false, reason, message };
}

/**
 * Checks a token: well-formed, signed with (one of) the secret(s), not expired at `nowMs`.
 * The answer names the reason of a refusal (for the log and the page shown to the user).
 */
export function verifyLink(token: string, secrets: LinkSecret | readonly LinkSecret[], nowMs: number = Date.now()): LinkVerification {
  const keys = Array.isArray(secrets) ? (secrets as readonly LinkSecret[]) : [secrets as LinkSecret];
  if (keys.length === 0) throw new RangeError('no link secret to verify with');
  keys.forEach(checkSecret);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return reject('malformed', 'token missing or too long');
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return reject('malformed', 'not a dondoc v1 link token');
  const [, payload, signature] = parts as [string, string, string];
  if (!B64URL.test(payload) || !B64URL.test(signature)) return reject('malformed', 'token is not base64url');
  const given = Buffer.from(signature, 'base64url');
  // Only the canonical encoding matches: Node decodes leniently (it ignores the unused bits
  // of the last character, and a trailing odd character), so one signature could otherwise
  // be written several ways and a token would have several spellings.
  const canonical = given.toString('base64url') === signature;
  // Every key is tried (no early exit), each comparison in constant time.
  let valid = false;
  for (const key of keys) {
    const expected = mac(key, payload);
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) valid = true;
  }
  if (!valid || !canonical) return reject('bad-signature', 'signature does not match (forged or altered link)');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return reject('malformed', 'payload is not JSON');
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 4 ||
    typeof decoded[0] !== 'string' ||
    !(LINK_ACTIONS as readonly unknown[]).includes(decoded[1]) ||
    typeof decoded[2] !== 'string' ||
    !Number.isSafeInteger(decoded[3])
  ) {
    return reject('malformed', 'payload does not have the expected fields');
  }
  const claims: LinkClaims = { occurrence: decoded[0], action: decoded[1], body: decoded[2], expiresAtMs: decoded[3] * 1000 };
  if (nowMs >= claims.expiresAtMs) return reject('expired', `link expired at ${new Date(claims.expiresAtMs).toISOString()}`);
  return { ok: true, claims };
}

/** `${publicUrl}/a/<token>` (a trailing slash of the base is ignored). */
export function actionUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/a/${token}`;
}

/** The token of an action URL or path (`…/a/<token>`), or undefined. */
export function tokenOfUrl(url: string): string | undefined {
  const m = /\/a\/([A-Za-z0-9_.-]+)\/?(?:[?#].*)?$/.exec(url);
  return m?.[1];
}

/**
 * When the links of an occurrence stop working: at the end (24:00, Vietnam time) of the day
 * `ttlDays` after its due date, so an email can say "dùng được đến hết <that day>".
 */
export function linkExpiry(due: LocalDate, ttlDays: number = DEFAULT_LINK_TTL_DAYS): { lastDay: LocalDate; expiresAtMs: number } {
  const lastDay = addDays(due, ttlDays);
  return { lastDay, expiresAtMs: toInstantMs(addDays(lastDay, 1), '00:00') };
}

export const DEV_SECRET_FILE = 'link-secret';

export interface LinkSecrets {
  /** Signs new links. */
  signing: string;
  /** Verifies links: the signing secret, then the one before a rotation (DONDOC_LINK_SECRET_PREVIOUS). */
  verifying: string[];
  source: 'env' | 'data-dir';
  file?: string;
}

export class LinkSecretError extends Error {}

/**
 * The secrets links are signed and verified with: DONDOC_LINK_SECRET (and, during a rotation,
 * DONDOC_LINK_SECRET_PREVIOUS, which still verifies) when set; otherwise (the outbox-only
 * default run) a random 256-bit secret made once and kept in `<data>/link-secret` (mode 0600),
 * so links stay valid across restarts on this data directory and nowhere else. It is random,
 * not derived from the path: a derived key would be guessable. A file that other users can
 * read is refused, with the command that fixes it.
 */
export function resolveLinkSecret(env: {
  DONDOC_LINK_SECRET?: string | undefined;
  DONDOC_LINK_SECRET_PREVIOUS?: string | undefined;
  dataDir: string;
}): LinkSecrets {
  if (env.DONDOC_LINK_SECRET) {
    const previous = env.DONDOC_LINK_SECRET_PREVIOUS ? [env.DONDOC_LINK_SECRET_PREVIOUS] : [];
    return { signing: env.DONDOC_LINK_SECRET, verifying: [env.DONDOC_LINK_SECRET, ...previous], source: 'env' };
  }
  const file = path.join(env.dataDir, DEV_SECRET_FILE);
  ensurePrivateDir(env.dataDir);
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) {
    throw new LinkSecretError(
      `${file} (the link secret) can be read by other users (mode ${mode.toString(8).padStart(4, '0')}): run \`chmod 600 ${file}\`, or set DONDOC_LINK_SECRET`,
    );
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) throw new LinkSecretError(`${file} holds a link secret shorter than ${MIN_SECRET_LENGTH} characters: delete it to make a new one`);
  return { signing: secret, verifying: [secret], source: 'data-dir', file };
}
