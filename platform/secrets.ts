/**
 * What makes a secret acceptable, for the settings that hold one: the link secret (and the
 * one before a rotation) and the keys of the payload codec. No I/O, no Temporal: platform/env.ts
 * checks the environment with these before anything starts.
 */

/** Fewer distinct characters than this in a link secret is a pattern, not randomness. */
export const MIN_DISTINCT_CHARACTERS = 10;
/** Fewer distinct bytes than this in a 32-byte key is not random (random keys have ≈30). */
export const MIN_DISTINCT_KEY_BYTES = 16;

const HOW = 'use random bytes, e.g. `openssl rand -base64 48`';

/** The shortest p such that the text is its first p characters repeated (the text's length when none). */
function period(text: string): number {
  for (let p = 1; p <= text.length / 2; p++) {
    let repeats = true;
    for (let i = p; i < text.length && repeats; i++) repeats = text[i] === text[i - p];
    if (repeats) return p;
  }
  return text.length;
}

/** Why a secret is too regular to be one, or undefined when it is acceptable. */
export function secretProblem(secret: string): string | undefined {
  const distinct = new Set(secret).size;
  if (distinct === 1) return `is one character repeated: ${HOW}`;
  if (distinct < MIN_DISTINCT_CHARACTERS) return `is too regular (${distinct} distinct characters, at least ${MIN_DISTINCT_CHARACTERS} expected): ${HOW}`;
  const p = period(secret);
  if (p < secret.length) return `repeats a pattern of ${p} characters: ${HOW}`;
  return undefined;
}

export interface PayloadKey {
  /** Written in each payload's metadata, so a payload names the key that opens it. */
  id: string;
  /** 32 bytes: an AES-256 key. */
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * `DONDOC_PAYLOAD_KEYS`: `id:base64[,id:base64…]`, each key 32 random bytes
 * (`openssl rand -base64 32`). The first encrypts; every key listed decrypts. Returns the
 * keys, or what is wrong (never quoting a key).
 */
export function parsePayloadKeys(text: string): PayloadKey[] | string {
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return 'expected id:base64-key[,id:base64-key…], e.g. 2025-06:<output of `openssl rand -base64 32`>';
  const keys: PayloadKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const nth = `key ${i + 1}`;
    if (!KEY_ID.test(id)) return `${nth} must start with its id and a colon (id: letters, digits, . _ -), e.g. 2025-06:<base64 key>`;
    const encoded = entry.slice(colon + 1);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) return `key ${id} is not base64`;
    const key = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length !== 32) return `key ${id} is ${key.length} bytes; AES-256 needs 32 (\`openssl rand -base64 32\`)`;
    if (new Set(key).size < MIN_DISTINCT_KEY_BYTES) return `key ${id} is too regular to be random: ${HOW.replace('48', '32')}`;
    if (keys.some((k) => k.id === id)) return `key id ${id} is listed twice`;
    keys.push({ id, key });
  }
  return keys;
}
