import * as path from 'node:path';
import { z } from 'zod';
import { CLOCK_SETTING_HELP, parseClockSetting, type ClockSetting } from './clock';
import { parsePayloadKeys, secretProblem } from './secrets';

/**
 * dondoc's settings, all from the environment, validated once at start-up.
 * A bad value stops the process with one line naming the variable, the value and what was
 * expected (see `formatEnvError`), never a stack trace.
 */

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):([0-9]{1,5})$/;

const hostPort = z.string().refine((v) => {
  const m = HOST_PORT.exec(v);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535;
}, 'expected host:port with a port from 1 to 65535, e.g. localhost:7233 or my-namespace.a1b2c.tmprl.cloud:7233');

const port = z.coerce
  .number({ error: 'expected a port number' })
  .int('expected a whole number')
  .min(1, 'expected a port between 1 and 65535')
  .max(65535, 'expected a port between 1 and 65535');

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const emptyIsUnset = (v: unknown) => (v === '' ? undefined : v);
const flag = z.preprocess(emptyIsUnset, z.enum(['true', 'false', '1', '0'], { error: 'expected true or false' }).optional());
const isOn = (v: string | undefined) => v === 'true' || v === '1';

/** A link secret: long enough and not too regular to be guessed (platform/secrets.ts). */
const linkSecret = z
  .string()
  .min(32, 'must be at least 32 characters, e.g. the output of `openssl rand -base64 48`')
  .superRefine((v, ctx) => {
    const problem = v.length >= 32 ? secretProblem(v) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`);

/** Loopback names and addresses: what only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** `10.0.0.2`, `172.30.56.0/24`, `::1`: the addresses of a reverse proxy. */
const PROXY_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]+)(?:\/\d{1,3})?$/;

/** `smtp://` or `smtps://` with a host; user and password, when needed, in the URL. */
const smtpUrl = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
  } catch {
    return false;
  }
}, 'expected smtp://[user:password@]host[:port] or smtps://… (user and password URL-encoded)');

/** `Name <user@host>` or `user@host`. */
const mailbox = z
  .string()
  .trim()
  .regex(/^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'expected an address such as dondoc@example.org or "Đôn đốc <dondoc@example.org>"');

const publicUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, 'expected an http(s) URL without query, e.g. https://dondoc.example.org')
  .transform((v) => v.replace(/\/+$/, ''));

export const envSchema = z
  .object({
    /** An existing Temporal server or cluster; absent → dondoc runs its own embedded dev server. */
    TEMPORAL_ADDRESS: hostPort.optional(),
    TEMPORAL_NAMESPACE: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, 'expected a namespace name such as default or dondoc.a1b2c')
      .default('default'),
    /** mTLS client certificate and key (PEM files), for a remote cluster or Temporal Cloud. */
    TEMPORAL_TLS_CERT: nonEmpty.optional(),
    TEMPORAL_TLS_KEY: nonEmpty.optional(),
    /** CA bundle (PEM) to trust instead of the system roots. */
    TEMPORAL_TLS_CA: nonEmpty.optional(),
    TEMPORAL_TLS_SERVER_NAME: nonEmpty.optional(),
    /** Force TLS without client certificates (e.g. an API key or a TLS-terminating proxy). */
    TEMPORAL_TLS: flag,
    /** Temporal Cloud API key; implies TLS. */
    TEMPORAL_API_KEY: nonEmpty.optional(),
    DONDOC_TASK_QUEUE: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'expected letters, digits, . _ -').default('dondoc'),
    DONDOC_DATA_DIR: nonEmpty.default('data'),
    /** The service's clock (platform/clock.ts): `real`, or the instant a replay clock starts at. */
    DONDOC_CLOCK: z.preprocess(
      emptyIsUnset,
      z
        .string()
        .transform((v, ctx): ClockSetting => {
          const setting = parseClockSetting(v);
          if (!setting) ctx.addIssue({ code: 'custom', message: CLOCK_SETTING_HELP });
          return setting ?? { kind: 'real', text: v };
        })
        .optional(),
    ),
    /**
     * Workflows the worker keeps in memory between their tasks (≈0.3 MB each). A workflow not in
     * the cache is replayed from its history when it next wakes (CPU instead of memory).
     */
    DONDOC_WORKFLOW_CACHE: wholeNumber(1, 100_000).default(1000),
    /** Ports of the embedded dev server (ignored with TEMPORAL_ADDRESS). */
    DONDOC_TEMPORAL_PORT: port.default(7233),
    DONDOC_UI_PORT: port.default(8233),
    /** Mail: SMTP server (TLS with smtps://, auth in the URL); unset → complete .eml files in <data>/outbox/. */
    SMTP_URL: smtpUrl.optional(),
    MAIL_FROM: mailbox.default('dondoc <dondoc@localhost>'),
    /** Replaces the monitoring body's contact as Reply-To. */
    MAIL_REPLY_TO: mailbox.optional(),
    /** HMAC key of action links; required with SMTP_URL (outbox runs make one in <data>/link-secret). */
    DONDOC_LINK_SECRET: linkSecret.optional(),
    /** The secret before a rotation: links signed with it keep working (nothing is signed with it). */
    DONDOC_LINK_SECRET_PREVIOUS: z.preprocess(emptyIsUnset, linkSecret.optional()),
    /** Days after the due date an action link keeps working. */
    DONDOC_LINK_DAYS: wholeNumber(1, 366).default(60),
    /** Minutes during which a result sent from a link can be undone from the same link (0: never). */
    DONDOC_UNDO_MINUTES: wholeNumber(0, 24 * 60).default(30),
    /** Seconds a morning digest waits after its first notice for the others of the morning. */
    DONDOC_DIGEST_WINDOW: z.coerce
      .number({ error: 'expected a number of seconds' })
      .int('expected a whole number of seconds')
      .min(1, 'expected at least 1 second')
      .max(3600, 'expected at most 3600 seconds (an hour)')
      .default(30),
    /** Base of the links in emails: `${DONDOC_PUBLIC_URL}/a/<token>`. */
    DONDOC_PUBLIC_URL: publicUrl.default('http://localhost:8080'),
    /** Allows http:// links with real mail (they carry tokens in clear over the network). */
    DONDOC_ALLOW_HTTP_LINKS: flag,
    /** The web pages (action links, status board): served by `npm start` unless off. */
    DONDOC_WEB: z.enum(['on', 'off'], { error: 'expected on or off' }).default('on'),
    DONDOC_WEB_HOST: nonEmpty.default('127.0.0.1'),
    DONDOC_WEB_PORT: port.default(8080),
    /** Basic auth for the status board and detail pages (action pages are authorised by their signed link). */
    // Empty means unset here (docker-compose passes `${DONDOC_WEB_USER:-}` as "").
    DONDOC_WEB_USER: z.preprocess(emptyIsUnset, z.string().trim().min(1).regex(/^[^:]*$/, 'must not contain ":"').optional()),
    DONDOC_WEB_PASSWORD: z.preprocess(emptyIsUnset, z.string().min(12, 'must be at least 12 characters').optional()),
    /** The pages sit behind a proxy that authenticates every request: no basic auth of dondoc's own needed. */
    DONDOC_WEB_AUTH_PROXY: flag,
    /** Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs). */
    DONDOC_WEB_TRUST_PROXY: z.preprocess(
      emptyIsUnset,
      z
        .string()
        .transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean))
        .refine((list) => list.length > 0 && list.every((a) => PROXY_ADDRESS.test(a)), 'expected addresses or CIDRs separated by commas, e.g. 172.30.56.10')
        .optional(),
    ),
    /**
     * Keys of the payload codec (platform/codec.ts): `id:base64,id:base64`, each 32 random bytes;
     * the first encrypts, every one listed decrypts. Unset: payloads are not encrypted.
     */
    DONDOC_PAYLOAD_KEYS: z.preprocess(
      emptyIsUnset,
      z
        .string()
        .transform((v, ctx) => {
          const parsed = parsePayloadKeys(v);
          if (typeof parsed === 'string') {
            ctx.addIssue({ code: 'custom', message: parsed });
            return z.NEVER;
          }
          return parsed;
        })
        .optional(),
    ),
    /** Origins allowed to call the codec endpoint from a browser (the Temporal UI's); default the embedded UI's. */
    DONDOC_CODEC_CORS_ORIGINS: z.preprocess(
      emptyIsUnset,
      z
        .string()
        .transform((v) => v.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean))
        .refine((list) => list.length > 0 && list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'expected origins such as http://localhost:8233, separated by commas')
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_URL && !env.DONDOC_LINK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['DONDOC_LINK_SECRET'],
        message: 'must be set when SMTP_URL is set (real mail carries signed links): at least 32 random characters, e.g. `openssl rand -base64 48`',
      });
    }
    if (env.SMTP_URL && !isOn(env.DONDOC_ALLOW_HTTP_LINKS) && new URL(env.DONDOC_PUBLIC_URL).protocol !== 'https:' && !isLoopbackHost(new URL(env.DONDOC_PUBLIC_URL).hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DONDOC_PUBLIC_URL'],
        message:
          'must be https:// when SMTP_URL sends real mail (the links carry their tokens): put the pages behind HTTPS, or set DONDOC_ALLOW_HTTP_LINKS=true to accept links in clear',
      });
    }
    if (env.DONDOC_LINK_SECRET_PREVIOUS && !env.DONDOC_LINK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['DONDOC_LINK_SECRET_PREVIOUS'], message: 'is the secret before a rotation: set the new one as DONDOC_LINK_SECRET too' });
    }
    if (Boolean(env.DONDOC_WEB_USER) !== Boolean(env.DONDOC_WEB_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.DONDOC_WEB_USER ? 'DONDOC_WEB_PASSWORD' : 'DONDOC_WEB_USER'],
        message: 'DONDOC_WEB_USER and DONDOC_WEB_PASSWORD go together: set both (basic auth on the board) or neither',
      });
    }
    if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'],
        message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both or neither',
      });
    }
    const remoteOnly = ['TEMPORAL_TLS_CERT', 'TEMPORAL_API_KEY', 'TEMPORAL_TLS_CA'] as const;
    for (const key of remoteOnly) {
      if (env[key] && !env.TEMPORAL_ADDRESS) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} is for a remote server: set TEMPORAL_ADDRESS too (the embedded dev server needs no credentials)`,
        });
      }
    }
  });

export type Env = z.infer<typeof envSchema> & {
  /** Absolute data directory. */
  dataDir: string;
  /** True when dondoc must start its own dev server. */
  embedded: boolean;
  tls: boolean;
  /** Basic auth of the board, the detail pages and the codec endpoint, when configured. */
  webAuth?: { user: string; password: string };
  /** True when an authenticating proxy in front of the pages does the authentication. */
  webAuthByProxy: boolean;
  /** Origins allowed to call the codec endpoint (the Temporal UI's). */
  codecOrigins: string[];
};

export class EnvError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  const s = String(value);
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}

// SMTP_URL may carry a password.
const SECRET = /KEY|SECRET|PASSWORD|TOKEN|^SMTP_URL$/;

/** Parses and checks the environment; throws EnvError with one line per bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = SECRET.test(name) ? '(hidden)' : show(source[name]);
      return `${name}=${value} is not valid: ${issue.message}`;
    });
    throw new EnvError(lines);
  }
  const env = result.data;
  return {
    ...env,
    dataDir: path.resolve(cwd, env.DONDOC_DATA_DIR),
    embedded: env.TEMPORAL_ADDRESS === undefined,
    tls: isOn(env.TEMPORAL_TLS) || Boolean(env.TEMPORAL_TLS_CERT || env.TEMPORAL_API_KEY || env.TEMPORAL_TLS_CA),
    ...(env.DONDOC_WEB_USER && env.DONDOC_WEB_PASSWORD ? { webAuth: { user: env.DONDOC_WEB_USER, password: env.DONDOC_WEB_PASSWORD } } : {}),
    webAuthByProxy: isOn(env.DONDOC_WEB_AUTH_PROXY),
    codecOrigins: env.DONDOC_CODEC_CORS_ORIGINS ?? [`http://localhost:${env.DONDOC_UI_PORT}`, `http://127.0.0.1:${env.DONDOC_UI_PORT}`],
  };
}

/**
 * Why the web pages must not start as configured, in one line naming the variables, or
 * undefined: pages reachable beyond this machine need authentication (basic auth, or an
 * authenticating proxy declared with DONDOC_WEB_AUTH_PROXY).
 */
export function webExposureProblem(env: Env): string | undefined {
  if (env.webAuth || env.webAuthByProxy || isLoopbackHost(env.DONDOC_WEB_HOST)) return undefined;
  return (
    `DONDOC_WEB_HOST=${env.DONDOC_WEB_HOST} serves the pages beyond this machine without authentication: ` +
    'set DONDOC_WEB_USER and DONDOC_WEB_PASSWORD (basic auth), or DONDOC_WEB_AUTH_PROXY=true when a proxy in front authenticates every request'
  );
}

/** The address to connect to: the configured one, or the embedded server's. */
export function temporalAddress(env: Env): string {
  return env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.DONDOC_TEMPORAL_PORT}`;
}
