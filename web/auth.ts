/**
 * Optional HTTP basic auth for the leadership pages, compared in constant time.
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
