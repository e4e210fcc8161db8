/**
 * One occurrence of an obligation: walks its notification timeline on durable timers and
 * ends with an honest status. Resolved through Updates whose validators reject what the
 * obligation does not allow, before anything is written to history.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { SearchAttributePair } from '@temporalio/common';
import type { DondocActivities } from '../activities/types';
import { addDays, isValidLocalDate, localDateOfInstant } from '../domain/calendar/local-date';
import { INPUT_LIMITS } from '../domain/input-limits';
import type { OccurrenceSpec } from '../domain/spec';
import { completionStatus, type StatusCode } from '../domain/status';
import {
  closeUpdate,
  completeUpdate,
  extendUpdate,
  OCCURRENCE_HISTORY_VERSION,
  recordUpdate,
  stateQuery,
  waiveUpdate,
  type OccurrenceState,
  type Resolution,
  type StepState,
} from './messages';
import { SA } from './search-attributes';
import { formatVi, occurrenceSummary, statusLabel } from '../vocabulary';

export interface OccurrenceInput {
  spec: OccurrenceSpec;
  /** Added to the server clock: simulations run a past or future term on today's server. */
  timeOffsetMs?: number;
  /**
   * The versioning gate of this workflow's commands, read from the input (recorded in the
   * start event, so it adds no event of its own, unlike `patched()`). Absent or 0: exactly the
   * commands of the histories recorded before it (occurrences already running, the replay
   * fixtures) — leave that path alone. 1 ({@link OCCURRENCE_HISTORY_VERSION}, set for new
   * occurrences by activities/start-occurrence.ts): the same notices, statuses and Updates
   * with fewer events — no `patched()` markers, search attributes upserted only when their
   * value changes (one upsert per change), no TimerCanceled when a resolution ends the run.
   * A further change of commands takes the next number and keeps every older path.
   */
  historyVersion?: number;
}

// A local activity: one marker event per notice instead of three events and a workflow task.
// Retries wait on durable timers, so an SMTP outage of hours loses nothing; permanent
// rejections are non-retryable.
const { notify } = proxyLocalActivities<DondocActivities>({
  startToCloseTimeout: '2 minutes',
  // Below the first retry interval: every retry waits on a durable timer, so a failing
  // notice never holds the workflow task (and the other steps, and Updates) while it waits.
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '15 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});
const { retimeOccurrence } = proxyActivities<DondocActivities>({ startToCloseTimeout: '1 minute' });

const LIMITS = INPUT_LIMITS;
/**
 * An extension moves the due date by at most this many days. Without a bound a date such as
 * 9999-12-31 passed the validator, its new timeline could not be computed, and the Update,
 * accepted, waited for ever on a failing activity.
 */
const MAX_EXTENSION_DAYS = 366;

function checkText(value: unknown, field: keyof typeof LIMITS, required: boolean, what: string): void {
  if (value === undefined || value === null || value === '') {
    if (required) throw new Error(`Thiếu ${what}.`);
    return;
  }
  if (typeof value !== 'string') throw new Error(`${what} phải là văn bản.`);
  if (required && value.trim() === '') throw new Error(`Thiếu ${what}.`);
  if (value.length > LIMITS[field]) throw new Error(`${what} dài quá ${LIMITS[field]} ký tự.`);
}

export async function occurrenceWorkflow(input: OccurrenceInput): Promise<OccurrenceState> {
  const offset = input.timeOffsetMs ?? 0;
  const now = () => Date.now() + offset;
  const { steps: initialSteps, ...spec } = input.spec;
  // The gate (see OccurrenceInput.historyVersion): `lean` code paths exist only for it.
  const lean = (input.historyVersion ?? 0) >= 1;
  const state: OccurrenceState = {
    spec,
    status: 'open',
    statusLabel: statusLabel('open'),
    final: false,
    extensions: [],
    steps: initialSteps.map((s) => ({ ...s, state: 'pending' })),
  };
  // Started late (a planner catching up after a pause, a plan applied mid-term): of the
  // notices already due, only the latest goes out; the earlier ones would all arrive at once,
  // stale. The condition depends only on input and start time, so histories recorded without
  // it replay unchanged, and an occurrence started on time records no marker.
  const stale = state.steps.filter((s) => s.kind !== 'close' && s.atMs <= now()).slice(0, -1);
  if (stale.length > 0 && (lean || patched('late-start-sends-latest-step'))) {
    for (const s of stale) s.state = 'skipped';
  }
  let timelineVersion = 0;
  const notifications = new CancellationScope();
  const inFlight: Promise<void>[] = [];
  /** Lean path: ends the current wait early (a resolution, a new timeline). */
  let poke: (() => void) | undefined;

  /** `also`: further attributes changed at the same moment (lean path: one upsert for all). */
  const setStatus = (status: StatusCode, final: boolean, also: SearchAttributePair[] = []) => {
    const shown = state.status; // what DondocStatus says: `open` from the start options, then each change
    state.status = status;
    state.statusLabel = statusLabel(status);
    state.final = final;
    if (!lean) {
      upsertSearchAttributes([
        { key: SA.status, value: status },
        ...(final ? [{ key: SA.resolvedAt, value: new Date(now()) }] : []),
      ]);
      return;
    }
    // Only what changes: closing an occurrence already overdue sets DondocResolvedAt alone.
    const pairs: SearchAttributePair[] = [
      ...also,
      ...(shown !== status ? [{ key: SA.status, value: status }] : []),
      ...(final ? [{ key: SA.resolvedAt, value: new Date(now()) }] : []),
    ];
    if (pairs.length > 0) upsertSearchAttributes(pairs);
  };

  const resolve = (resolution: Omit<Resolution, 'atMs'>, status: StatusCode): OccurrenceState => {
    state.resolution = { ...resolution, atMs: now() };
    for (const s of state.steps) if (s.state === 'pending') s.state = 'skipped';
    setStatus(status, true);
    poke?.();
    return state;
  };

  const mustBeOpen = () => {
    if (state.final) throw new Error(`Kỳ này đã kết thúc với trạng thái «${state.statusLabel}»; không thể thay đổi.`);
  };

  setHandler(stateQuery, () => state);

  setHandler(
    completeUpdate,
    (req) => resolve({ action: 'complete', by: req.by, note: req.note, evidence: req.evidence }, completionStatus(spec.due, spec.overdueFromMs, now())),
    {
      validator: (req) => {
        mustBeOpen();
        checkText(req?.by, 'by', true, 'người báo cáo');
        checkText(req.note, 'note', false, 'ghi chú');
        if (spec.resolution.type === 'indicator') {
          throw new Error(`Nhiệm vụ này báo cáo bằng số liệu «${spec.resolution.label}»: dùng thao tác ghi nhận số liệu (record).`);
        }
        if (spec.resolution.type === 'evidence') checkText(req.evidence, 'evidence', true, spec.resolution.evidenceLabel);
        else checkText(req.evidence, 'evidence', false, 'minh chứng');
      },
    },
  );

  setHandler(waiveUpdate, (req) => resolve({ action: 'waive', by: req.by, reason: req.reason }, 'waived'), {
    validator: (req) => {
      mustBeOpen();
      if (spec.resolution.type !== 'waivable') throw new Error('Nhiệm vụ này không được ghi «không phát sinh».');
      checkText(req?.by, 'by', true, 'người báo cáo');
      checkText(req.reason, 'reason', true, 'lý do không phát sinh');
    },
  });

  setHandler(
    recordUpdate,
    (req) => {
      const r = spec.resolution;
      const met = r.type === 'indicator' && r.target !== undefined ? (r.comparison === '>=' ? req.value >= r.target : req.value <= r.target) : undefined;
      return resolve({ action: 'record', by: req.by, value: req.value, note: req.note, met }, completionStatus(spec.due, spec.overdueFromMs, now()));
    },
    {
      validator: (req) => {
        mustBeOpen();
        if (spec.resolution.type !== 'indicator') throw new Error('Nhiệm vụ này không báo cáo bằng số liệu.');
        checkText(req?.by, 'by', true, 'người báo cáo');
        if (typeof req.value !== 'number' || !Number.isFinite(req.value)) throw new Error('Số liệu phải là một số.');
        checkText(req.note, 'note', false, 'ghi chú');
      },
    },
  );

  setHandler(closeUpdate, (req) => resolve({ action: 'close', by: req.by, reason: req.reason }, 'closed'), {
    validator: (req) => {
      mustBeOpen();
      checkText(req?.by, 'by', true, 'người thực hiện');
      checkText(req.reason, 'reason', true, 'lý do đóng');
    },
  });

  setHandler(
    extendUpdate,
    async (req) => {
      const retimed = await retimeOccurrence({ occurrence: spec, newDue: req.newDue });
      mustBeOpen(); // resolved while the new timeline was computed
      state.extensions.push({ by: req.by, from: spec.due, to: retimed.due, reason: req.reason, atMs: now() });
      Object.assign(spec, { due: retimed.due, dueAtMs: retimed.dueAtMs, overdueFromMs: retimed.overdueFromMs });
      if (lean || patched('memo-follows-extension')) {
        upsertMemo({ summary: occurrenceSummary(spec) });
      }
      const done = state.steps.filter((s) => s.state !== 'pending');
      const t = now();
      // New steps get fresh indexes: an index names a step for good (e.g. in Message-IDs).
      const base = Math.max(-1, ...state.steps.map((s) => s.index)) + 1;
      const upcoming = retimed.steps.filter((s) => s.atMs > t);
      state.steps = [...done, ...upcoming.map((s, i): StepState => ({ ...s, index: base + i, state: 'pending' }))];
      const due: SearchAttributePair = { key: SA.due, value: new Date(retimed.dueAtMs) };
      const reopens = state.status === 'overdue' && t < retimed.overdueFromMs;
      if (lean) {
        if (reopens) setStatus('open', false, [due]);
        else upsertSearchAttributes([due]);
      } else {
        upsertSearchAttributes([due]);
        if (reopens) setStatus('open', false);
      }
      timelineVersion++;
      poke?.();
      return state;
    },
    {
      validator: (req) => {
        mustBeOpen();
        checkText(req?.by, 'by', true, 'người gia hạn');
        checkText(req.reason, 'reason', true, 'lý do gia hạn');
        if (!isValidLocalDate(req.newDue)) throw new Error(`Hạn mới «${String(req.newDue)}» không phải ngày hợp lệ (YYYY-MM-DD).`);
        if (req.newDue <= spec.due) throw new Error(`Hạn mới phải sau hạn hiện tại ${formatVi(spec.due)}.`);
        if (req.newDue > addDays(spec.due, MAX_EXTENSION_DAYS)) {
          throw new Error(`Hạn mới không được quá ${MAX_EXTENSION_DAYS} ngày sau hạn hiện tại ${formatVi(spec.due)}.`);
        }
        const today = localDateOfInstant(now());
        if (req.newDue < today) throw new Error(`Hạn mới không được trước hôm nay (${formatVi(today)}).`);
      },
    },
  );

  /** One notice through the local activity; the step records how it went. */
  const deliver = async (step: StepState): Promise<void> => {
    try {
      const result = await notify({ occurrence: spec, step: { ...step }, logicalAtMs: now() });
      step.state = 'sent';
      step.sentAtMs = now();
      if (result.failed.length) step.failures = result.failed;
    } catch (err) {
      if (isCancellation(err)) {
        step.state = 'skipped'; // resolved while the notice was still being retried
        return;
      }
      step.state = 'failed';
      step.failures = step.to.map((body) => ({ body, reason: err instanceof ApplicationFailure ? err.message : String(err) }));
    }
  };

  /**
   * Lean path: waits `ms` or until poked (resolution, extension). A resolution ends the run, so
   * its pending timer is left alone (no CancelTimer command: one TimerCanceled event fewer); a
   * new timeline cancels it as before; a fired timer needs no command. One promise for the
   * poke instead of `condition()`'s scope, race and `.then` wrappers.
   */
  const wait = async (ms: number): Promise<void> => {
    const timerScope = new CancellationScope();
    const timer = timerScope.run(() => sleep(ms));
    await Promise.race([timer, new Promise<void>((wake) => (poke = wake))]);
    poke = undefined;
    if (!state.final) timerScope.cancel();
  };

  const send = (step: StepState) => {
    step.state = 'sending'; // before the loop looks for the next pending step
    // The same commands on both paths (one local activity): only the promises differ.
    inFlight.push(notifications.run(() => deliver(step)));
  };

  // Walk the timeline. Each wait also wakes on a resolution or a new timeline (extend).
  while (!state.final) {
    const next = state.steps.find((s) => s.state === 'pending');
    const wakes = [next?.atMs, state.status === 'open' ? spec.overdueFromMs : undefined, spec.unitEndsAtMs].filter(
      (t): t is number => t !== undefined,
    );
    if (wakes.length === 0) break; // unreachable: the timeline always ends with `close`
    const wakeAt = Math.min(...wakes);
    const version = timelineVersion;
    if (wakeAt > now()) {
      if (lean) await wait(wakeAt - now());
      else await condition(() => state.final || timelineVersion !== version, wakeAt - now());
    }
    if (state.final || timelineVersion !== version || now() < wakeAt) continue;

    if (spec.unitEndsAtMs !== undefined && now() >= spec.unitEndsAtMs) {
      resolve({ action: 'close', by: 'dondoc', reason: `${spec.unitName} không còn tồn tại` }, 'closed');
    } else if (state.status === 'open' && now() >= spec.overdueFromMs) {
      setStatus('overdue', false);
    } else if (next && now() >= next.atMs) {
      if (next.kind === 'close') {
        next.state = 'sent';
        next.sentAtMs = now();
        setStatus('overdue', true);
      } else {
        send(next);
      }
    }
  }
  // A resolved occurrence sends nothing more: stop retrying notices still in flight.
  if (state.resolution) notifications.cancel();
  await Promise.all(inFlight);
  await condition(allHandlersFinished);
  return state;
}
