/**
 * One occurrence of an obligation: walks its notification timeline on durable timers and
 * ends with an honest status. Resolved through Updates whose validators (domain/resolution.ts)
 * refuse what the obligation does not allow, before anything is written to history.
 *
 * Whenever it wakes it decides what is due with one rule (domain/catch-up.ts): after a late
 * start, a worker or server outage or an SMTP outage, each recipient gets only the latest
 * notice that is still true, and the rest is recorded as skipped.
 *
 * A result sent from an action link can be undone from the same link for a while
 * (`undoMinutes`): the run waits that long after it before it ends, and the monitor can reopen
 * it meanwhile (`reopen`); either way the walk resumes. A finished occurrence is reopened by a
 * new run under the same id that carries the previous state (`OccurrenceInput.reopen`,
 * client/occurrence-actions.ts).
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DondocActivities } from '../activities/types';
import { catchUp } from '../domain/catch-up';
import { refusalOf, meetsTarget, undoDeadline, withdrawalRefusal, type Action, type Request, type Withdrawal } from '../domain/resolution';
import type { OccurrenceSpec } from '../domain/spec';
import { completionStatus } from '../domain/status';
import { noticeSummary, refusalMessage, statusLabel, unitEndWords } from '../vocabulary';
import {
  closeUpdate,
  completeUpdate,
  digestOutcomeSignal,
  withdrawNoticeSignal,
  extendUpdate,
  recordUpdate,
  reopenUpdate,
  stateQuery,
  undoUpdate,
  waiveUpdate,
  type LinkOrigin,
  type OccurrenceState,
  type ReopenInput,
  type Reporter,
  type Resolution,
  type StepState,
} from './messages';
import { OccurrenceRecord } from './occurrence-record';

export interface OccurrenceInput {
  spec: OccurrenceSpec;
  /** Added to the server clock: a replay clock or a simulation runs a past or future term. */
  timeOffsetMs?: number;
  /** A finished occurrence reopened by the monitor: this run goes on from its state, its result withdrawn. */
  reopen?: ReopenInput & { previous: OccurrenceState };
}

/** Marks the runs that wait, after a result sent from a link, for the window in which the link can undo it. */
export const UNDO_WINDOW_PATCH = 'undo-window';

/**
 * One notice, one marker event, one attempt: a notice that failed for a while is tried again on
 * a durable timer (below), after the catch-up rule has weighed it against what came due since.
 */
const NOTICE_OPTIONS = { startToCloseTimeout: '2 minutes', retry: { maximumAttempts: 1 } } as const;
const { notify, sentBefore } = proxyLocalActivities<DondocActivities>(NOTICE_OPTIONS);
const { retimeOccurrence, handOverOccurrence } = proxyActivities<DondocActivities>({ startToCloseTimeout: '1 minute' });
/** A calendar change is an ordinary activity, retried by the server while SMTP is down (about 8 hours in all). */
const { updateCalendar } = proxyActivities<DondocActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '15 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 12 },
});

/** Commands added after the replay fixtures of 07/12/2026 were recorded (issue 16). */
const CALENDAR_UPDATES = 'calendar-cancel-and-update';
const DIGEST_WITHDRAWAL = 'digest-withdrawal';
/** Runs that wait for a wake's notices before their next wait (the timers numbered the same on replay). */
const NOTICES_BEFORE_NEXT_WAIT = 'notices-before-next-wait';

/** Waits between attempts of a notice that failed for a while (SMTP down): 15 s, doubling, at most an hour. */
const retryDelayMs = (attempt: number) => Math.min(15_000 * 2 ** (attempt - 1), 60 * 60_000);

/** A local activity's failure arrives as its cause (ApplicationFailure), an activity's wrapped in ActivityFailure. */
const causeOf = (err: unknown) => (err instanceof ActivityFailure && err.cause ? err.cause : err);
const isPermanent = (err: unknown) => {
  const cause = causeOf(err);
  return cause instanceof ApplicationFailure && cause.nonRetryable;
};

export async function occurrenceWorkflow(input: OccurrenceInput): Promise<OccurrenceState> {
  const now = () => Date.now() + (input.timeOffsetMs ?? 0);
  const occ = input.reopen ? OccurrenceRecord.resume(input.reopen.previous, now) : OccurrenceRecord.start(input.spec, now, input.timeOffsetMs);
  const { state, spec } = occ;
  let notices = new CancellationScope();
  const inFlight: Promise<void>[] = [];
  /** True while the run waits after a result for its undo window: only then can a result be withdrawn. */
  let lingering = false;
  if (input.reopen) occ.withdraw({ how: 'reopen', by: input.reopen.by, reason: input.reopen.reason });

  /** Runs a validator: the rule's refusal, in Vietnamese, before anything reaches history. */
  const accept = (action: Action) => (req: Request | undefined) => {
    if (state.final) throw new Error(refusalMessage(action, { code: 'final', status: statusLabel(state.status) }));
    const refusal = refusalOf(action, spec, req, now());
    if (refusal) throw new Error(refusalMessage(action, refusal));
  };
  const doneStatus = () => completionStatus(spec.due, spec.overdueFromMs, now());
  /** The link a result came from, and until when it can undo it. */
  const origin = (r: LinkOrigin) => {
    const until = undoDeadline(r, now());
    return { ...(r.body ? { body: r.body } : {}), ...(until !== undefined ? { undoUntilMs: until } : {}) };
  };
  /** Who reported: the name, and the post when given (data in the state only: no command changes). */
  const reporter = (r: Reporter) => ({ by: r.by, ...(r.position?.trim() ? { position: r.position.trim() } : {}) });
  const withdrawable = (how: Withdrawal) => (req: Request | undefined) => {
    // Only a run that waits after its result can withdraw it (a finished one is reopened by a new run).
    if (!lingering) throw new Error(refusalMessage(how, state.final ? { code: 'final', status: statusLabel(state.status) } : { code: 'not-resolved' }));
    const refusal = withdrawalRefusal(how, state, req, now());
    if (refusal) throw new Error(refusalMessage(how, refusal));
  };

  /** A meeting that is off or moved: METHOD:CANCEL or an updated REQUEST to everyone who received its invite. */
  const changeCalendar = (method: 'CANCEL' | 'REQUEST', occurrence: typeof spec) => {
    if (!occurrence.meeting || !patched(CALENDAR_UPDATES)) return;
    const sequence = occ.reviseCalendar();
    inFlight.push(
      updateCalendar({ occurrence: { ...occurrence }, method, sequence, logicalAtMs: now() }).then(
        () => undefined,
        (err: unknown) => log.warn('calendar change not sent', { occurrence: spec.id, method, error: (err as Error).message }),
      ),
    );
  };
  /** Resolves; a meeting waived or closed is taken out of its invitees' calendars. */
  const resolve = (resolution: Omit<Resolution, 'atMs'>, status: Parameters<typeof occ.resolve>[1]) => {
    const result = occ.resolve(resolution, status);
    if (resolution.action === 'waive' || resolution.action === 'close') changeCalendar('CANCEL', spec);
    return result;
  };

  setHandler(stateQuery, () => state);
  setHandler(digestOutcomeSignal, (report) => occ.digestReport(report, input.timeOffsetMs ?? 0, (attempts) => now() + retryDelayMs(attempts)));
  setHandler(completeUpdate, (r) => resolve({ action: 'complete', ...reporter(r), note: r.note, evidence: r.evidence, ...origin(r) }, doneStatus()), {
    validator: accept('complete'),
  });
  setHandler(waiveUpdate, (r) => resolve({ action: 'waive', ...reporter(r), reason: r.reason, ...origin(r) }, 'waived'), { validator: accept('waive') });
  setHandler(
    recordUpdate,
    (r) => resolve({ action: 'record', ...reporter(r), value: r.value, note: r.note, met: meetsTarget(spec.resolution, r.value), ...origin(r) }, doneStatus()),
    { validator: accept('record') },
  );
  setHandler(undoUpdate, (r) => occ.withdraw({ how: 'undo', by: r.by }), { validator: withdrawable('undo') });
  setHandler(reopenUpdate, (r) => occ.withdraw({ how: 'reopen', by: r.by, reason: r.reason }), { validator: withdrawable('reopen') });
  setHandler(closeUpdate, (r) => resolve({ action: 'close', by: r.by, reason: r.reason }, 'closed'), { validator: accept('close') });
  setHandler(
    extendUpdate,
    async (r) => {
      const retimed = await retimeOccurrence({ occurrence: spec, newDue: r.newDue });
      if (state.final) throw new Error(refusalMessage('extend', { code: 'final', status: statusLabel(state.status) }));
      const before = spec.meeting ? { ...spec.meeting } : undefined;
      const extended = occ.extend(r, retimed);
      const after = spec.meeting;
      if (before && after && (before.startAtMs !== after.startAtMs || before.minutes !== after.minutes)) changeCalendar('REQUEST', spec);
      return extended;
    },
    { validator: accept('extend') },
  );

  /** One notice through the local activity; the step records how it went. */
  const deliver = async (step: StepState, to: string[]): Promise<void> => {
    const { index, kind, atMs, at, offset, level } = step;
    try {
      const options = { ...NOTICE_OPTIONS, summary: noticeSummary(spec, step, to) };
      const notice = {
        occurrence: spec,
        step: { index, kind, atMs, at, offset, to, level },
        logicalAtMs: now(),
        ...(input.timeOffsetMs ? { timeOffsetMs: input.timeOffsetMs } : {}),
        ...(state.calendarSequence ? { calendarSequence: state.calendarSequence } : {}),
      };
      occ.sent(step, await notify.executeWithOptions(options, [notice]));
    } catch (err) {
      if (isCancellation(err)) occ.skip(step, 'resolved'); // resolved while the notice was still out
      else if (isPermanent(err)) occ.failed(step, to, (causeOf(err) as Error).message);
      else occ.retryLater(step, to, now() + retryDelayMs((step.attempts ?? 0) + 1));
    } finally {
      occ.changed();
    }
  };

  for (;;) {
    await walk();
    // A resolved occurrence sends nothing more: stop retrying notices still in flight, and take
    // its notices still waiting in a morning digest out of it.
    if (state.resolution) notices.cancel();
    await withdrawFromDigests();
    await Promise.all(inFlight.splice(0));
    // A result sent from a link can be undone from it for a while: wait for that, unless it is withdrawn first.
    const wake = occ.nextWake();
    if (!state.resolution || !wake || wake.atMs <= now() || !patched(UNDO_WINDOW_PATCH)) break;
    lingering = true;
    occ.report();
    await occ.waitUntil(wake);
    lingering = false;
    if (state.final) break;
    notices = new CancellationScope();
  }
  await condition(allHandlersFinished);
  return state;

  /**
   * Walks the timeline; once closed as overdue, only the notices still owed (an SMTP outage).
   * Each wait also ends early on a resolution, an extension, or a notice to try again.
   */
  async function walk(): Promise<void> {
    while (occ.walking()) {
      const next = occ.nextWake();
      if (!next) await occ.waitForChange(); // closed, notices in flight: wait for them
      else if (next.atMs > now()) await occ.waitUntil(next);
      if (state.resolution) break;
      const t = now();
      if (!state.final && spec.unitEndsAtMs !== undefined && t >= spec.unitEndsAtMs) {
        if (spec.unitEnd?.way === 'handover') {
          // The successor carries the open work on: its bodies get the notices still owed.
          const handed = await handOverOccurrence({ occurrence: spec, steps: occ.owedSteps() });
          if (!state.final) {
            const before = { ...spec };
            occ.handOver(handed, t);
            changeCalendar('CANCEL', before); // the ending unit's invitees; the successor's get invites of their own
          }
          continue;
        }
        resolve({ action: 'close', by: 'dondoc', reason: unitEndWords(spec) }, 'closed');
        break;
      }
      if (!state.final && state.status === 'open' && t >= spec.overdueFromMs) occ.setStatus('overdue', false);
      const decision = catchUp(occ.dueSteps(t), t, spec);
      // A notice being sent when a worker or the server failed may have gone out with its result
      // lost: the notifier's record says so, and it is then recorded as sent, not skipped.
      const already = decision.skip.length
        ? await sentBefore.executeWithOptions({ ...NOTICE_OPTIONS, summary: 'Kiểm tra thông báo đã gửi trước khi gián đoạn' }, [
            { occurrence: { id: spec.id, plan: spec.plan }, steps: decision.skip.map(({ index, to }) => ({ index, to })) },
          ])
        : [];
      if (state.resolution) break;
      const { skipped, reasons } = occ.applySkips(decision.skip, already);
      // A warning, so the worker's log shows it at its default level: the monitor learns what was
      // not sent, and why (superseded by a later notice, or a reminder whose deadline had passed).
      if (skipped > 0) log.warn('notices skipped after a late wake', { occurrence: spec.id, skipped, reasons, total: state.skippedNotices });
      const sends = decision.send.map(({ index, to }) => {
        const step = occ.step(index);
        occ.sending(step, to);
        return notices.run(() => deliver(step, to));
      });
      inFlight.push(...sends);
      if (!state.final) occ.closeIfDue(t);
      // The wake's notices are out before the next wait starts its timer. A timer started and
      // cancelled within one workflow task leaves no event but takes a number; with notices in
      // flight, each result woke the wait (a timer more) as it came, and a replay, given the
      // results together, numbered the timers differently: nondeterminism after an outage.
      const sendsBeforeWait = sends.length > 0 && patched(NOTICES_BEFORE_NEXT_WAIT);
      if (sendsBeforeWait) await Promise.all(sends);
      occ.report(); // the UI's current details, once the wake's notices are out (no command: replay-safe)
    }
  }

  /** The notices a resolution took out of morning digests: a mailbox that has sent (or ended) cannot take them back. */
  async function withdrawFromDigests(): Promise<void> {
    const withdrawn = occ.takeWithdrawals();
    if (withdrawn.length === 0 || !patched(DIGEST_WITHDRAWAL)) return;
    const { workflowId } = workflowInfo();
    await Promise.all(withdrawn.map(({ digest, step }) => getExternalWorkflowHandle(digest).signal(withdrawNoticeSignal, { workflowId, step }).catch(() => undefined)));
  }
}
