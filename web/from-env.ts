/**
 * The web server as configured by the environment, for `npm start` and the compose service:
 * checked before anything starts (pages reachable beyond this machine need authentication;
 * the link secret file must be private), with one line for the start banner.
 */
import type { Client } from '@temporalio/client';
import type { PlanSource } from '../config/plan-source';
import type { Clock } from '../platform/clock';
import { AesGcmCodec, describeEncryption } from '../platform/codec';
import { EnvError, webExposureProblem, type Env } from '../platform/env';
import { resolveLinkSecret } from '../platform/links';
import { startWebServer, type RunningWeb, type WebOptions } from './server';

export type WebSettings = Omit<WebOptions, 'client' | 'plan'> & { host: string; port: number };

/**
 * The settings of the pages, or EnvError with the line that says what to set (a non-loopback
 * address without authentication); LinkSecretError for a link secret file others can read.
 */
export function webSettingsFromEnv(env: Env): WebSettings {
  const problem = webExposureProblem(env);
  if (problem) throw new EnvError([problem]);
  const secrets = resolveLinkSecret(env);
  const keys = env.DONDOC_PAYLOAD_KEYS;
  return {
    linkSecrets: secrets.verifying,
    ...(env.webAuth ? { auth: env.webAuth } : {}),
    ...(env.DONDOC_WEB_TRUST_PROXY ? { trustProxy: env.DONDOC_WEB_TRUST_PROXY } : {}),
    undoMinutes: env.DONDOC_UNDO_MINUTES,
    ...(keys?.length ? { codec: { codec: new AesGcmCodec(keys), origins: env.codecOrigins } } : {}),
    host: env.DONDOC_WEB_HOST,
    port: env.DONDOC_WEB_PORT,
  };
}

/** Where the Temporal UI finds the codec endpoint, when the pages serve one (payload keys and basic auth set). */
export function codecEndpointOf(env: Env): string | undefined {
  return env.DONDOC_PAYLOAD_KEYS?.length && env.webAuth ? `${env.DONDOC_PUBLIC_URL}/codec` : undefined;
}

/** What the banner says of the pages: who can read them, and whether the Temporal UI can decode payloads through them. */
export function describeWeb(env: Env): string[] {
  const where = `${env.DONDOC_WEB_HOST}:${env.DONDOC_WEB_PORT}`;
  const auth = env.webAuth
    ? `basic auth (DONDOC_WEB_USER ${env.webAuth.user}), failed logins throttled per address`
    : env.webAuthByProxy
      ? 'authentication left to the proxy in front (DONDOC_WEB_AUTH_PROXY=true)'
      : `AUTHENTICATION OFF: anyone who reaches ${where} reads the board (loopback only; set DONDOC_WEB_USER and DONDOC_WEB_PASSWORD)`;
  const keys = env.DONDOC_PAYLOAD_KEYS;
  const endpoint = codecEndpointOf(env);
  const codec = !keys?.length
    ? undefined
    : endpoint
      ? `codec endpoint ${endpoint} for the Temporal UI at ${env.codecOrigins.join(', ')}`
      : 'codec endpoint off (it needs DONDOC_WEB_USER and DONDOC_WEB_PASSWORD)';
  return [auth, `payload encryption ${describeEncryption(keys)}`, ...(codec ? [codec] : [])];
}

/** `clock`: the service's clock (platform/clock.ts): the board's current period, link expiry. */
export async function startWebFromEnv(
  env: Env,
  client: Client,
  plan: PlanSource,
  clock: Pick<Clock, 'nowMs'>,
  settings: WebSettings = webSettingsFromEnv(env),
): Promise<RunningWeb> {
  return startWebServer({ ...settings, client, plan, now: clock.nowMs });
}
