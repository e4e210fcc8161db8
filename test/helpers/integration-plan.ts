/**
 * Test plans and drill-like occurrences for the integration tests on the shared dev server.
 *
 * The shipped plan ended on 2025-12-31: against the real clock its planners finish at once.
 * `testConfig` makes a modified copy that is live now: a unique plan id, a period around
 * today, every unit and body valid for good, a few obligations (optionally renamed, since
 * planner ids `planner/<obligation>/<target>` do not name the plan and the server is shared)
 * and optionally a ladder of the test's own.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Notifier } from '../../activities/notify';
import type { NotifyInput } from '../../activities/types';
import { startDrill as startDrillNow } from '../../client/start';
import { drillTail } from '../../platform/drill-tail';
import { loadConfig } from '../../config/load';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import type { Config, Ladder } from '../../domain/model';
import { PlanIndex } from '../../domain/occurrences';

/** A short tag unique to this process and call: `t3kx9a1b2`. */
export function uniqueTag(prefix = 't'): string {
  return `${prefix}${Date.now().toString(36)}${randomUUID().slice(0, 6)}`;
}

/**
 * A ladder that goes overdue and then stays open: a reminder one working day before the due
 * date, the due-day notice, one escalation a working day after, and the close 120 working
 * days later. Drill-like specs (`drillSpec`, which counts its steps in `stepMs` whatever the
 * ladder's measure) put the due instant two steps after "now", overdue from the third step;
 * a real occurrence of the last month is overdue and still open.
 */
export const HOLD_LADDER: Ladder = {
  id: 'itest-hold',
  measure: 'working-days',
  sendAt: '07:30',
  reminders: [{ before: 1, to: ['owner'] }],
  onDue: { to: ['owner'] },
  escalations: [{ after: 1, to: ['owner', { supervisor: 1 }] }],
  closeAfter: 120,
};

export interface TestConfigOptions {
  tag: string;
  /** Ids of shipped obligations to keep, in this order. */
  obligations: string[];
  /** Suffix `-<tag>` to each kept obligation's id (planner and occurrence ids name it). */
  renameObligations?: boolean;
  /** Plan id; default `itest-<tag>`. */
  planId?: string;
  /** Default: 1 January of last year to 31 December of next year (around the real today). */
  period?: { from: string; to: string };
  /** Give every kept obligation this ladder (a shipped ladder id, or a new ladder). */
  ladder?: string | Ladder;
}

/** A mutable copy of the shipped config, live around today (see the module comment). */
export function testConfig(opts: TestConfigOptions): Config {
  const config = structuredClone(loadConfig().config) as Config;
  const year = Number(localDateOfInstant(Date.now()).slice(0, 4));
  const plan = config.plan as { -readonly [K in keyof Config['plan']]: Config['plan'][K] };
  plan.id = opts.planId ?? `itest-${opts.tag}`;
  plan.period = opts.period ?? { from: `${year - 1}-01-01`, to: `${year + 1}-12-31` };
  for (const unit of config.directory.units) {
    delete (unit as { validTo?: string }).validTo;
    delete (unit as { end?: unknown }).end;
  }
  for (const body of config.directory.bodies) delete (body as { validTo?: string }).validTo;
  const ladder = opts.ladder;
  let ladderId: string | undefined;
  if (typeof ladder === 'string') ladderId = ladder;
  else if (ladder) {
    plan.ladders = [...plan.ladders.filter((l) => l.id !== ladder.id), structuredClone(ladder)];
    ladderId = ladder.id;
  }
  plan.obligations = opts.obligations.map((id) => {
    const o = plan.obligations.find((x) => x.id === id);
    if (!o) throw new Error(`no obligation ${id} in the shipped plan`);
    const copy = { ...o } as { -readonly [K in keyof typeof o]: (typeof o)[K] };
    if (opts.renameObligations) copy.id = `${o.id}-${opts.tag}`;
    if (ladderId) copy.ladder = ladderId;
    delete copy.activeFrom;
    delete copy.activeTo;
    return copy;
  });
  return config;
}

export function planIndex(config: Config): PlanIndex {
  return PlanIndex.fromConfig(config);
}

/** Starts a spec as `dondoc drill` and the planners' activity do (under a workflow id of the test's own). */
export { startOccurrence } from '../../client/start';

/** `drillSpec` started at once (client/start.ts), as `dondoc drill` does: its first step comes `stepMs` from now. */
export function startDrill(
  client: Client,
  index: PlanIndex,
  opts: { obligation: string; unit: string; stepMs: number; workflowId: string; taskQueue: string },
): ReturnType<typeof startDrillNow> {
  return startDrillNow(client, index, { ...opts, nowMs: Date.now(), tail: drillTail() });
}

export interface NoticeRecord {
  occurrence: string;
  step: number;
  kind: string;
  /** Wall clock when the notifier was called. */
  atMs: number;
  input: NotifyInput;
}

/**
 * A notifier that records every call, without the capture notifier's de-duplication, so a
 * notice sent twice shows twice. `failFirst(occurrence, step)` makes the first attempt for
 * that step throw a plain (retryable) Error before anything is delivered.
 */
export function recordingNotifier(onDeliver?: (n: NoticeRecord) => void): Notifier & {
  delivered: NoticeRecord[];
  attempts: NoticeRecord[];
  failFirst(occurrence: string, step: number): void;
  of(occurrence: string): NoticeRecord[];
} {
  const delivered: NoticeRecord[] = [];
  const attempts: NoticeRecord[] = [];
  const failing = new Set<string>();
  return {
    delivered,
    attempts,
    failFirst(occurrence, step) {
      failing.add(`${occurrence}#${step}`);
    },
    of(occurrence) {
      return delivered.filter((n) => n.occurrence === occurrence);
    },
    async deliver(input) {
      const n: NoticeRecord = { occurrence: input.occurrence.id, step: input.step.index, kind: input.step.kind, atMs: Date.now(), input };
      attempts.push(n);
      const key = `${n.occurrence}#${n.step}`;
      if (failing.delete(key)) throw new Error(`transient failure delivering ${key}`);
      delivered.push(n);
      onDeliver?.(n);
      return { delivered: input.step.to, failed: [] };
    },
    async sentBefore(input) {
      return input.steps.flatMap((step) => {
        const n = delivered.find((d) => d.occurrence === input.occurrence.id && d.step === step.index);
        return n ? step.to.filter((b) => n.input.step.to.includes(b)).map((body) => ({ index: step.index, body, atMs: n.atMs })) : [];
      });
    },
    // Nothing is queued in a digest here, and calendar changes are not recorded.
    deliverDigest: async (input) => ({ outcomes: input.items.map(() => ({ outcome: 'deferred' as const, reason: 'no digests here' })) }),
    updateCalendar: async () => ({ sent: [], failed: [] }),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls `probe` every `intervalMs` until `done(value)` or `timeoutMs`; returns the last value
 * either way, so the caller's `expect` shows what was seen when it did not converge.
 */
export async function pollUntil<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 200 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() >= deadline) return value;
    await sleep(intervalMs);
  }
}

/** Terminates workflows the test left running; a finished or missing one is fine. */
export async function terminateAll(client: Client, ids: Iterable<string>): Promise<void> {
  await Promise.all(
    [...ids].map((id) =>
      client.workflow
        .getHandle(id)
        .terminate('test cleanup')
        .catch(() => undefined),
    ),
  );
}
