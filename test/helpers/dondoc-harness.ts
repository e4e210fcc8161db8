/**
 * A dondoc worker on a time-skipping test server, for the workflow tests and for
 * test/helpers/record-histories.ts: the real activities over the shipped plan, a capturing
 * notifier that a test can reset or make fail, and small handles that run one occurrence
 * (or planner) of a 2024 plan on today's server through `timeOffsetMs`.
 *
 * No vitest import here: the recording script runs it with plain tsx.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { captureNotifier, type CapturedNotification, type Notifier } from '../../activities/notify';
import { staticPlanSource } from '../../config/plan-source';
import type { CalendarInput, NotifyInput, StartOccurrenceInput } from '../../activities/types';
import { loadConfig } from '../../config/load';
import { toInstantMs } from '../../domain/calendar/local-date';
import type { Config } from '../../domain/model';
import { PlanIndex } from '../../domain/occurrences';
import { specOf, type OccurrenceSpec } from '../../domain/spec';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { stateQuery, type OccurrenceState } from '../../workflows/messages';
import type { PlannerInput, PlannerResult } from '../../workflows/planner';
import { startOccurrence, startPlanner } from '../../client/start';

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

let shipped: { config: Config; index: PlanIndex } | undefined;
/** The shipped plan, loaded once per process. */
export function shippedPlan(): { config: Config; index: PlanIndex } {
  if (!shipped) {
    const { config } = loadConfig();
    shipped = { config, index: PlanIndex.fromConfig(config) };
  }
  return shipped;
}

/** The spec of an occurrence of the shipped plan by its id, e.g. `occ/quarterly-briefing/huyen/2024-Q3`. */
export function specById(id: string): OccurrenceSpec {
  const { config, index } = shippedPlan();
  const [, obligation, unit] = id.split('/');
  const occ = index
    .occurrencesBetween(config.plan.period.from, config.plan.period.to, { obligation, unit })
    .find((o) => o.id === id);
  if (!occ) throw new Error(`the shipped plan has no occurrence ${id}`);
  return specOf(index, occ);
}

/** A logical instant in Vietnam: `at('2024-09-30', '12:00')`. */
export const at = (date: string, time = '00:00') => toInstantMs(date, time);

/** Event type names of a fetched history, e.g. `EVENT_TYPE_TIMER_FIRED` → `TimerFired`. */
export function eventTypeName(e: HistoryEvent): string {
  const name = temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType);
  return name
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

export interface StartOccurrenceLog {
  id: string;
  /** Logical time (offset applied) at which the planner asked for the start. */
  logicalAtMs: number;
  started: boolean;
}

export interface DondocHarness {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Notices captured since the last `resetNotices()`. */
  readonly notices: CapturedNotification[];
  /** A fresh capture (the capturing notifier remembers (occurrence, step) pairs it has seen). */
  resetNotices(): void;
  /** Makes the notify activity fail for matching notices (captured first, then thrown). */
  failNotices(rule?: (n: CapturedNotification) => Error | undefined): void;
  /** Runs inside the notify activity for each new notice (like the simulator's responder); a throw fails it. */
  onNotice(hook?: (n: CapturedNotification) => Promise<void> | void): void;
  /** Answers matching notices as queued in the named morning digest (a mailbox id), as the email notifier with digests does. */
  queueNotices(rule?: (n: NotifyInput) => string | undefined): void;
  /** Calendar changes the occurrences asked for (cancellations, updates), in order. */
  readonly calendarChanges: CalendarInput[];
  /** Every call of the startOccurrence activity, in order. */
  readonly starts: StartOccurrenceLog[];
  /** Offset that makes the server's clock read `logicalMs` now. */
  offsetFor(logicalMs: number): Promise<number>;
  startOccurrence(spec: OccurrenceSpec, opts?: { startAtMs?: number; workflowId?: string }): Promise<OccurrenceRun>;
  startPlanner(input: Omit<PlannerInput, 'timeOffsetMs' | 'plan'>, opts: { startAtMs: number; workflowId?: string }): Promise<PlannerRun>;
  /** Moves the server clock forward to a logical instant (no-op when already past it). */
  advanceTo(logicalMs: number, offset: number): Promise<void>;
  /** Shuts the worker down (an outage): workflow tasks wait for `startWorker()`. */
  stopWorker(): Promise<void>;
  /** A new worker on the same task queue, as after a restart. */
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface OccurrenceRun {
  spec: OccurrenceSpec;
  handle: WorkflowHandleWithFirstExecutionRunId;
  offset: number;
  /** Logical now. */
  now(): Promise<number>;
  advanceTo(logicalMs: number): Promise<void>;
  state(): Promise<OccurrenceState>;
  result(): Promise<OccurrenceState>;
  history(): Promise<HistoryEvent[]>;
  /** Captured notices of this occurrence, in capture order. */
  notices(): CapturedNotification[];
  /**
   * An outage (needs a `restartable` harness): the worker stops now and comes back at the
   * logical instant `untilMs`; the timers that fire meanwhile wait for it, as on a real server.
   */
  outage(untilMs: number): Promise<void>;
}

export interface PlannerRun {
  handle: WorkflowHandleWithFirstExecutionRunId;
  offset: number;
  advanceTo(logicalMs: number): Promise<void>;
  result(): Promise<PlannerResult>;
  /** Every run of the planner, first to last, following continue-as-new. */
  runs(): Promise<{ runId: string; events: HistoryEvent[] }[]>;
}

/**
 * Starts a worker on `env` (which the caller owns, and `close()` tears down) running the
 * workflow bundle at `workflowBundlePath` with dondoc's activities over the shipped plan.
 * `restartable`: the worker can be stopped and started again (an outage); see `outage()`.
 */
export async function dondocHarness(
  env: TestWorkflowEnvironment,
  workflowBundlePath: string,
  opts: { restartable?: boolean } = {},
): Promise<DondocHarness> {
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  const { config } = shippedPlan();
  const taskQueue = `dondoc-test-${randomUUID()}`;

  let capture = captureNotifier();
  let hook: ((n: CapturedNotification) => Promise<void> | void) | undefined;
  const resetNotices = () => {
    capture = captureNotifier((n) => hook?.(n));
  };
  resetNotices();
  let queueRule: ((n: NotifyInput) => string | undefined) | undefined;
  const calendarChanges: CalendarInput[] = [];
  const notifier: Notifier = {
    deliver: async (input) => {
      const result = await capture.deliver(input);
      const digest = queueRule?.(input);
      return digest ? { delivered: [], failed: [], queued: [{ digest, bodies: input.step.to }] } : result;
    },
    deliverDigest: (input) => capture.deliverDigest(input),
    updateCalendar: async (input) => {
      calendarChanges.push(input);
      return capture.updateCalendar(input);
    },
    sentBefore: (input) => capture.sentBefore(input),
  };

  const activities = createActivities({ plan: staticPlanSource(config), notifier, client: env.client, taskQueue });
  const starts: StartOccurrenceLog[] = [];
  // Every start a planner makes, on either path: `startOccurrence`, or `openOccurrence` (a start and the next).
  const logStart = async <R>(input: StartOccurrenceInput, run: () => Promise<R>, started: (r: R) => boolean) => {
    const logicalAtMs = (await env.currentTimeMs()) + (input.timeOffsetMs ?? 0);
    const result = await run();
    starts.push({ id: input.spec.id, logicalAtMs, started: started(result) });
    return result;
  };
  const { startOccurrence: startActivity, openOccurrence: openActivity } = activities;
  activities.startOccurrence = (input) => logStart(input, () => startActivity(input), (started) => started);
  activities.openOccurrence = (input) => logStart(input.start, () => openActivity(input), (r) => r.started);

  let worker: Worker | undefined;
  let running: Promise<void> = Promise.resolve();
  let connection: NativeConnection | undefined;
  const startWorker = async () => {
    if (worker) return;
    // A restarted worker gets a connection of its own, as a new process would.
    connection = connection ? await NativeConnection.connect({ address: env.address }) : env.nativeConnection;
    worker = await Worker.create({
      connection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle: { codePath: workflowBundlePath },
      // No sticky cache where workers restart: the test server keeps sending a cached
      // workflow's tasks to the stopped worker's sticky queue.
      ...(opts.restartable ? { maxCachedWorkflows: 0 } : {}),
      activities,
    });
    running = worker.run();
    running.catch(() => undefined); // surfaced by stopWorker() and close()
  };
  const stopWorker = async () => {
    worker?.shutdown();
    worker = undefined;
    await running;
    if (connection && connection !== env.nativeConnection) await connection.close();
  };
  await startWorker();

  const offsetFor = async (logicalMs: number) => logicalMs - (await env.currentTimeMs());
  const advanceTo = async (logicalMs: number, offset: number) => {
    const ahead = logicalMs - ((await env.currentTimeMs()) + offset);
    if (ahead > 0) await env.sleep(ahead);
  };
  const historyOf = async (handle: WorkflowHandle) => (await handle.fetchHistory()).events ?? [];

  /**
   * The time-skipping server stops skipping while a workflow task waits for a worker (it holds
   * a lock on time skipping until the task completes), so a stopped worker would freeze its
   * clock. Here the clock moves on: once the workflow's timer has fired and its task waits, one
   * external unlock lets time skip to `untilServerMs`; one lock after it restores the balance
   * (the task's own lock is released when the new worker completes it). One workflow at a time.
   */
  const outage = async (handle: WorkflowHandle, untilServerMs: number) => {
    if (!opts.restartable) throw new Error('outage() needs dondocHarness(…, { restartable: true })');
    await stopWorker();
    const test = env.connection.testService!;
    let slept = false;
    const sleeping = env.sleep(untilServerMs - (await env.currentTimeMs())).then(() => (slept = true));
    for (;;) {
      if (slept) break; // nothing fired before the end of the outage
      const last = (await historyOf(handle)).at(-1);
      if (last && eventTypeName(last) === 'WorkflowTaskScheduled') {
        await test.unlockTimeSkipping({});
        await sleeping;
        await test.lockTimeSkipping({});
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await startWorker();
  };

  return {
    env,
    taskQueue,
    get notices() {
      return capture.captured;
    },
    resetNotices,
    failNotices(rule) {
      hook = rule
        ? (n) => {
            const err = rule(n);
            if (err) throw err;
          }
        : undefined;
      resetNotices();
    },
    onNotice(h) {
      hook = h;
      resetNotices();
    },
    queueNotices(rule) {
      queueRule = rule;
    },
    calendarChanges,
    starts,
    offsetFor,
    advanceTo,

    async startOccurrence(spec, opts = {}) {
      const offset = await offsetFor(opts.startAtMs ?? at(spec.opensOn));
      const handle = await startOccurrence(env.client, spec, {
        taskQueue,
        timeOffsetMs: offset,
        workflowId: opts.workflowId ?? `${spec.id}#${randomUUID().slice(0, 8)}`,
      });
      return {
        spec,
        handle,
        offset,
        now: async () => (await env.currentTimeMs()) + offset,
        advanceTo: (ms) => advanceTo(ms, offset),
        state: () => handle.query(stateQuery),
        result: () => handle.result() as Promise<OccurrenceState>,
        history: () => historyOf(handle),
        notices: () => capture.captured.filter((n) => n.occurrence.id === spec.id),
        outage: (untilMs) => outage(handle, untilMs - offset),
      };
    },

    async startPlanner(input, opts) {
      const offset = await offsetFor(opts.startAtMs);
      const full: PlannerInput = { plan: config.plan.id, ...input, timeOffsetMs: offset };
      const handle = await startPlanner(env.client, shippedPlan().index, full, {
        taskQueue,
        workflowId: opts.workflowId ?? `planner/${input.obligation}/${input.target}#${randomUUID().slice(0, 8)}`,
      });
      return {
        handle,
        offset,
        advanceTo: (ms) => advanceTo(ms, offset),
        result: () => handle.result() as Promise<PlannerResult>,
        async runs() {
          const out: { runId: string; events: HistoryEvent[] }[] = [];
          let runId: string | undefined = handle.firstExecutionRunId;
          while (runId) {
            const events = await historyOf(env.client.workflow.getHandle(handle.workflowId, runId));
            out.push({ runId, events });
            const last = events[events.length - 1];
            runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
            if (out.length > 500) throw new Error('runaway continue-as-new chain');
          }
          return out;
        },
      };
    },

    stopWorker,
    startWorker,
    close: stopWorker,
  };
}
