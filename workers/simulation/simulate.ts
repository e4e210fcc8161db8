/**
 * `dondoc simulate`: the real planner and occurrence workflows for the plan, run by dondoc's
 * worker (workers/worker.ts) on the time-skipping test server, with a capturing notifier and a
 * seeded responder. The administrator's "what will happen this year", and dondoc's end-to-end
 * proof. It is a process like workers/main.ts, composed for a simulated year: hence workers/.
 */
import type { Client } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import { installRuntime } from '../../platform/runtime';
import { addDays, localDate, parts, toInstantMs } from '../../domain/calendar/local-date';
import type { Config } from '../../domain/model';
import { PlanIndex, type Occurrence } from '../../domain/occurrences';
import type { Target } from '../../domain/targets';
import { plannedOccurrences } from '../../domain/planning';
import { withSendWindow } from '../../domain/send-window';
import { isoInstant, type StepKind } from '../../domain/timeline';
import type { StatusCode } from '../../domain/status';
import { createActivities } from '../../activities';
import { captureNotifier, type CapturedNotification } from '../../activities/notify';
import { staticPlanSource } from '../../config/plan-source';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { startTimeSkippingEnv } from '../../platform/test-server';
import { SIMULATION_PRELOADED_MODULES } from '../../platform/workflow-bundle';
import { createDondocWorker } from '../worker';
import type { OccurrenceState } from '../../workflows/messages';
import type { PlannerInput } from '../../workflows/planner';
import { sendUpdate } from '../../client/occurrence-actions';
import { startPlanner } from '../../client/start';
import { answerFor, answersAt, behaviourOf, type RespondPattern } from './responder';

export interface SimulateOptions {
  config: Config;
  from: string;
  months: number;
  respond: RespondPattern;
  seed?: number;
  unit?: string;
  obligation?: string;
  /**
   * Every notice of a morning at its ladder's sending time (07:30 in the shipped plan), not at
   * its unit's second of the send window: the same days, statuses and recipients, and far fewer
   * instants for the time-skipping server to stop at (one a morning instead of one a unit).
   * Off by default.
   */
  morningAtOnce?: boolean;
  /** Threads that run workflow code (the SDK's `workflowThreadPoolSize`); default 2, one per core here. */
  workflowThreads?: number;
  /**
   * The planners split into this many groups, each run with the occurrences it opens on a
   * time-skipping server of its own, one after the other; by default one server for each
   * {@link PLANNERS_PER_SERVER} planners (a district: one; a ten-district province: ten). The
   * workflows of a simulation never talk to each other, so the result is the same; and the Java
   * test server spends more on each timer the more its run has done (it keeps every lock event
   * of the run in a list that it scans at each timer: bench/RESULTS.md), so that smaller runs
   * cost less in all, once they are large enough to repay a server's start.
   */
  shards?: number;
  /** Called as workflows finish: for a progress bar. */
  progress?: (done: number, total: number) => void;
  /** A pre-built workflow bundle (tests: one made with SIMULATION_PRELOADED_MODULES); otherwise workflows/ is bundled so. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /**
   * Called once every outcome is in, while the server and the worker still run, with a
   * client and the logical instant the last occurrence ended (the server's own clock has
   * skipped far ahead by then): e.g. to draft the annual report from the finished workflows.
   */
  inspect?: (client: Client, lastEndedMs: number) => Promise<void>;
}

/** Planners per time-skipping server when a simulation is split (`SimulateOptions.shards`): a district's 557 run on one. */
export const PLANNERS_PER_SERVER = 600;

/** How many time-skipping servers a simulation of `planners` planners runs on by default. */
export function defaultShards(planners: number): number {
  return Math.max(1, Math.ceil(planners / PLANNERS_PER_SERVER));
}

/**
 * The worker settings of a simulation of `workflows` planners and occurrences. The cache: large
 * enough to hold every open one (a workflow evicted from the cache is replayed from its history
 * at each wake), within what the SDK's default heap takes at ≈0.3 MB a workflow; a ten-district
 * province opens ≈3,300 planners and up to a few thousand occurrences at once.
 */
export function simulationTuning(workflows: number, workflowThreads = 2) {
  return {
    maxCachedWorkflows: Math.min(8000, Math.max(2000, workflows)),
    maxConcurrentWorkflowTaskExecutions: 100,
    maxConcurrentLocalActivityExecutions: 200,
    workflowThreadPoolSize: workflowThreads,
  };
}

export interface SimNotification {
  at: string;
  occurrence: string;
  obligation: string;
  unit: string;
  period: string;
  kind: Exclude<StepKind, 'close'>;
  to: string[];
}

export interface SimOutcome {
  occurrence: string;
  obligation: string;
  unit: string;
  period: string;
  due: string;
  status: StatusCode;
  resolvedAt: string | null;
  /** The successor unit the occurrence was handed over to when its own unit merged into it. */
  handedTo?: string;
}

export interface SimulationResult {
  from: string;
  until: string;
  notifications: SimNotification[];
  outcomes: SimOutcome[];
  /** Wall time of the simulation itself, server start included. */
  wallMs: number;
  /** Time-skipping servers it ran on, one after the other (`SimulateOptions.shards`). */
  shards: number;
}

/** The day before the same day `months` later: the last day of the window. */
export function windowEnd(from: string, months: number): string {
  const { year, month, day } = parts(from);
  const m = month - 1 + months;
  return addDays(localDate(year + Math.floor(m / 12), (m % 12) + 1, day), -1);
}

function toNotification(n: CapturedNotification): SimNotification {
  return {
    at: n.step.at,
    occurrence: n.occurrence.id,
    obligation: n.occurrence.obligation,
    unit: n.occurrence.unit,
    period: n.occurrence.period,
    kind: n.step.kind as SimNotification['kind'],
    to: n.step.to,
  };
}

function toOutcome(state: OccurrenceState): SimOutcome {
  const closeStep = state.steps.find((s) => s.kind === 'close' && s.state === 'sent');
  const resolvedMs = state.resolution?.atMs ?? closeStep?.sentAtMs;
  return {
    occurrence: state.spec.id,
    obligation: state.spec.obligation,
    unit: state.spec.unit,
    period: state.spec.period,
    due: state.spec.due,
    status: state.status,
    resolvedAt: resolvedMs === undefined ? null : isoInstant(resolvedMs),
    ...(state.handedOver ? { handedTo: state.handedOver.to } : {}),
  };
}

export async function simulate(opts: SimulateOptions): Promise<SimulationResult> {
  const t0 = Date.now();
  const until = windowEnd(opts.from, opts.months);
  const config = opts.morningAtOnce ? withSendWindow(opts.config, '0s') : opts.config;
  const index = PlanIndex.fromConfig(config);
  const fromMs = toInstantMs(opts.from, '00:00');
  const window = { notDueBeforeMs: fromMs, until };
  const planned = config.plan.obligations
    .filter((o) => !opts.obligation || o.id === opts.obligation)
    .flatMap((o) => index.targets(o.id))
    .filter((t) => !opts.unit || t.unit === opts.unit)
    .map((target) => ({ target, occurrences: plannedOccurrences(index, target, window) }));
  const shards = Math.max(1, Math.min(opts.shards ?? (opts.inspect ? 1 : defaultShards(planned.length)), planned.length));
  if (opts.inspect && shards > 1) throw new RangeError('simulate: inspect reads the whole run from one server, so it needs shards: 1');

  installRuntime('ERROR');
  const order = new Map(planned.flatMap((p) => p.occurrences).map((occ, i) => [occ.id, i]));
  const total = planned.length + order.size;
  let done = 0;
  const progress = () => opts.progress?.(++done, total);
  const notifications: SimNotification[] = [];
  const outcomes: SimOutcome[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const part = await simulateShard(opts, { config, index, fromMs, until, progress }, planned.filter((_, i) => i % shards === shard));
    notifications.push(...part.notifications);
    outcomes.push(...part.outcomes);
  }
  notifications.sort((a, b) => a.at.localeCompare(b.at) || a.occurrence.localeCompare(b.occurrence));
  outcomes.sort((a, b) => order.get(a.occurrence)! - order.get(b.occurrence)!);
  return { from: opts.from, until, notifications, outcomes, wallMs: Date.now() - t0, shards };
}

interface ShardContext {
  config: Config;
  index: PlanIndex;
  fromMs: number;
  until: string;
  /** Called as each workflow's result is read. */
  progress: () => void;
}

/** Some of the planners, and the occurrences they open, on a time-skipping server of their own. */
async function simulateShard(
  opts: SimulateOptions,
  { config, index, fromMs, until, progress }: ShardContext,
  planned: { target: Target; occurrences: Occurrence[] }[],
): Promise<{ notifications: SimNotification[]; outcomes: SimOutcome[] }> {
  const seed = opts.seed ?? 1;
  const env = await startTimeSkippingEnv();
  try {
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
    const timeOffsetMs = fromMs - (await env.currentTimeMs());
    // An answer is an Update to the workflow whose notice is being delivered. Sending it from
    // inside the (local) activity would wait for that workflow task to end; instead the answer
    // is queued, and time skipping is held until it lands, so it is recorded at the notice's time.
    const answers: Promise<void>[] = [];
    const testService = env.connection.testService!;
    const notifier = captureNotifier(async (n) => {
      if (process.env.DONDOC_SIM_TRACE && notifier.captured.length % 200 === 0) console.error(`[trace] ${notifier.captured.length} notices, logical ${n.step.at}`);
      const drawn = behaviourOf(opts.respond, n.occurrence.id, n.occurrence.resolution, seed);
      // A ladder with nothing after the due date (a duty Party leadership owns, which Ban Dân vận
      // records after the meeting) is answered late on its last notice, the due day's.
      const after = index.ladderOf(n.occurrence.obligation).escalations.length > 0;
      const behaviour = drawn === 'late' && !after ? 'on-time' : drawn;
      if (!answersAt(behaviour, n.step.kind)) return;
      const answer = answerFor(behaviour, n.occurrence.resolution, n.occurrence.owners[0] ?? 'mô phỏng');
      await testService.lockTimeSkipping({});
      answers.push(
        new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => sendUpdate(env.client, n.occurrence.id, answer))
          .then(
            () => undefined,
            () => undefined, // already resolved by an earlier answer: the validator says so
          )
          .finally(() => testService.unlockTimeSkipping({})),
      );
    });
    const expected = planned.flatMap((p) => p.occurrences);
    const worker = await createDondocWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: 'dondoc-simulation',
      workflowBundle: opts.workflowBundle,
      preloadModules: SIMULATION_PRELOADED_MODULES,
      tuning: simulationTuning(planned.length + expected.length, opts.workflowThreads),
      activities: createActivities({ plan: staticPlanSource(config), notifier, client: env.client, taskQueue: 'dondoc-simulation' }),
    });

    const outcomes: SimOutcome[] = [];
    await worker.runUntil(async () => {
      const planners = await Promise.all(
        planned.map(({ target: t }) => {
          const input: PlannerInput = {
            plan: config.plan.id,
            obligation: t.obligation,
            target: t.key,
            notDueBeforeMs: fromMs,
            until,
            timeOffsetMs,
          };
          return startPlanner(env.client, index, input, { taskQueue: 'dondoc-simulation' });
        }),
      );
      // One result at a time: time skipping is global to the server, and every workflow
      // advances while any result is awaited. (Read sixteen at a time, a district year stalled
      // with both processes idle — the time-skipping client unlocks and relocks the server's
      // clock around each read — so they stay one at a time; the reads after the year are quick.)
      for (const p of planners) {
        await p.result();
        progress();
      }
      for (const occ of expected) {
        const state = (await env.client.workflow.getHandle(occ.id).result()) as OccurrenceState;
        outcomes.push(toOutcome(state));
        progress();
      }
      if (opts.inspect) await opts.inspect(env.client, Math.max(fromMs, ...outcomes.map((o) => (o.resolvedAt ? Date.parse(o.resolvedAt) : fromMs))));
    });
    await Promise.all(answers);
    return { notifications: notifier.captured.map(toNotification), outcomes };
  } finally {
    await env.teardown();
  }
}
