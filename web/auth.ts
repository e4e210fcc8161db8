/**
 * HTTP basic auth for the leadership pages and the codec endpoint, compared in constant time,
 * and the throttle that makes guessing the password slow: after `limit` failed logins from one
 * client address within `windowMs`, that address waits until the window ends.
 */
import * as crypto from 'node:crypto';

export interface BasicAuth {
  user: string;
  password: string;
}

const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();

/** True when the Authorization header carries these credentials. */
export function authorised(header: string | undefined, auth: BasicAuth): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const given = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
  const expected = `${auth.user}:${auth.password}`;
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

export const CHALLENGE = 'Basic realm="dondoc", charset="UTF-8"';

export interface ThrottleOptions {
  /** Failed logins allowed per client address within the window. */
  limit?: number;
  windowMs?: number;
  /** Addresses remembered at most (the oldest are forgotten first), so a flood cannot grow memory. */
  maxClients?: number;
}

/** Failed logins per client address, in fixed windows that start at the first failure. */
export class LoginThrottle {
  readonly limit: number;
  readonly windowMs: number;
  private readonly maxClients: number;
  private readonly failures = new Map<string, { count: number; sinceMs: number }>();

  constructor(opts: ThrottleOptions = {}) {
    this.limit = opts.limit ?? 10;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
    this.maxClients = opts.maxClients ?? 10_000;
  }

  /** How long this address must wait before its next attempt counts, in ms (0: it may try now). */
  waitMs(client: string, nowMs: number): number {
    const f = this.failures.get(client);
    if (!f) return 0;
    const endsMs = f.sinceMs + this.windowMs;
    if (nowMs >= endsMs) {
      this.failures.delete(client);
      return 0;
    }
    return f.count >= this.limit ? endsMs - nowMs : 0;
  }

  failed(client: string, nowMs: number): void {
    const f = this.failures.get(client);
    if (f && nowMs < f.sinceMs + this.windowMs) {
      f.count++;
      return;
    }
    this.failures.delete(client);
    this.failures.set(client, { count: 1, sinceMs: nowMs });
    while (this.failures.size > this.maxClients) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(client: string): void {
    this.failures.delete(client);
  }
}
