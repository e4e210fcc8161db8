/**
 * The web server as configured by the environment, for `npm start` and the compose service.
 */
import type { Client } from '@temporalio/client';
import type { PlanSource } from '../config/plan-source';
import type { Clock } from '../platform/clock';
import type { Env } from '../platform/env';
import { resolveLinkSecret } from '../platform/links';
import { startWebServer, type RunningWeb } from './server';

/** `clock`: the service's clock (platform/clock.ts): the board's current period, link expiry. */
export async function startWebFromEnv(env: Env, client: Client, plan: PlanSource, clock: Pick<Clock, 'nowMs'>): Promise<RunningWeb> {
  const { secret } = resolveLinkSecret(env);
  return startWebServer({
    client,
    plan,
    linkSecrets: [secret],
    now: clock.nowMs,
    auth: env.DONDOC_WEB_USER && env.DONDOC_WEB_PASSWORD ? { user: env.DONDOC_WEB_USER, password: env.DONDOC_WEB_PASSWORD } : undefined,
    host: env.DONDOC_WEB_HOST,
    port: env.DONDOC_WEB_PORT,
  });
}
