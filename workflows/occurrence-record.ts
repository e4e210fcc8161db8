/**
 * The record an occurrence workflow keeps of itself: its state (what the `state` query and the
 * result return), how each step went, its status in search attributes, its details in the
 * Temporal UI, and the one wait of its walk. Workflow code (deterministic), but no decisions of
 * its own: the rules are domain/catch-up.ts and domain/resolution.ts.
 */
import { CancellationScope, setCurrentDetails, sleep, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { DigestReport, HandOverResult, NotifyResult, RetimeResult, SentBeforeResult } from '../activities/types';
import type { Step } from '../domain/timeline';
import type { CatchUpDecision, DueStep, SkipReason } from '../domain/catch-up';
import type { OccurrenceSpec } from '../domain/spec';
import type { StatusCode } from '../domain/status';
import {
  handedOverWords,
  occurrenceCurrentDetails,
  occurrenceSummary,
  resolutionLineVi,
  statusLabel,
  stepTimerSummary,
  waitSummary,
} from '../vocabulary';
import { handedOverOf, type ExtendInput, type OccurrenceState, type Resolution, type StepState, type Withdrawn } from './messages';
import { SA } from './search-attributes';

type Spec = OccurrenceState['spec'];

/** An instant the walk waits for, and what the Temporal UI says of it. */
export interface Wake {
  atMs: number;
  summary: string;
}

export class OccurrenceRecord {
  readonly state: OccurrenceState;
  readonly spec: Spec;
  /** Ends the current wait early (a resolution, a new timeline, a notice to retry sooner). */
  private poke: (() => void) | undefined;
  /** Notices left in morning digests by a resolution, for the workflow to withdraw. */
  private withdrawals: { digest: string; step: number }[] = [];

  private constructor(
    state: OccurrenceState,
    private readonly now: () => number,
  ) {
    this.state = state;
    this.spec = state.spec;
  }

  /** A new occurrence: every step pending. `timeOffsetMs` is kept so that a reopened run keeps its clock. */
  static start(input: OccurrenceSpec, now: () => number, timeOffsetMs?: number): OccurrenceRecord {
    const { steps, ...spec } = input;
    return new OccurrenceRecord(
      {
        spec,
        status: 'open',
        statusLabel: statusLabel('open'),
        final: false,
        extensions: [],
        skippedNotices: 0,
        ...(timeOffsetMs ? { timeOffsetMs } : {}),
        steps: steps.map((s) => ({ ...s, state: 'pending' })),
      },
      now,
    );
  }

  /** The record of a finished run, carried on by a new run of the same occurrence (a reopening). */
  static resume(previous: OccurrenceState, now: () => number): OccurrenceRecord {
    return new OccurrenceRecord(previous, now);
  }

  step(index: number): StepState {
    const step = this.state.steps.find((s) => s.index === index);
    if (!step) throw new RangeError(`no step ${index}`);
    return step;
  }

  /** `also`: further attributes changed at the same moment (one upsert for all); only what changes. */
  setStatus(status: StatusCode, final: boolean, also: SearchAttributeUpdatePair[] = []): void {
    const shown = this.state.status; // what DondocStatus says: `open` from the start options, then each change
    Object.assign(this.state, { status, statusLabel: statusLabel(status), final });
    const pairs: SearchAttributeUpdatePair[] = [
      ...also,
      ...(shown !== status ? [{ key: SA.status, value: status }] : []),
      ...(final ? [{ key: SA.resolvedAt, value: new Date(this.now()) }] : []),
    ];
    if (pairs.length > 0) upsertSearchAttributes(pairs);
  }

  resolve(resolution: Omit<Resolution, 'atMs'>, status: StatusCode): OccurrenceState {
    this.state.resolution = { ...resolution, atMs: this.now() };
    for (const s of this.state.steps) {
      if (s.state === 'pending' || s.state === 'retrying') this.skip(s, 'resolved');
      const queued = s.digests?.filter((d) => d.state === 'queued') ?? [];
      if (queued.length === 0) continue;
      for (const d of queued) {
        d.state = 'withdrawn';
        this.withdrawals.push({ digest: d.id, step: s.index });
      }
      this.skip(s, 'resolved');
    }
    this.setStatus(status, true);
    this.report();
    this.changed();
    return this.state;
  }

  /**
   * The result is withdrawn (undone from its link, or reopened by the monitor): it is kept in
   * `withdrawn`, the notices it stopped are owed again (the catch-up rule then decides which
   * still go), and the status is what the clock says: open, or overdue.
   */
  withdraw(w: Pick<Withdrawn, 'how' | 'by' | 'reason'>): OccurrenceState {
    const { state, spec } = this;
    const t = this.now();
    if (!state.resolution) throw new Error(`${spec.id}: no result to withdraw`);
    state.withdrawn = [...(state.withdrawn ?? []), { ...w, atMs: t, resolution: state.resolution, status: state.status }];
    delete state.resolution;
    for (const s of state.steps) {
      if (s.state === 'skipped' && s.skipReason === 'resolved') {
        s.state = 'pending';
        delete s.skipReason;
      }
    }
    this.setStatus(t >= spec.overdueFromMs ? 'overdue' : 'open', false, [{ key: SA.resolvedAt, value: null }]);
    upsertMemo({ withdrawn: state.withdrawn.length });
    this.report();
    this.changed();
    return state;
  }

  /** A new due date and the steps after it; done steps keep their indexes, new ones get fresh ones. */
  extend(req: ExtendInput, retimed: RetimeResult): OccurrenceState {
    const { state, spec } = this;
    const t = this.now();
    state.extensions.push({ by: req.by, from: spec.due, to: retimed.due, reason: req.reason, atMs: t });
    Object.assign(spec, { due: retimed.due, dueAtMs: retimed.dueAtMs, overdueFromMs: retimed.overdueFromMs });
    if (retimed.meeting) spec.meeting = retimed.meeting;
    upsertMemo({ summary: occurrenceSummary(spec) });
    const kept = state.steps.filter((s) => s.state !== 'pending');
    // An index names a step for good (e.g. in Message-IDs).
    const base = Math.max(-1, ...state.steps.map((s) => s.index)) + 1;
    const upcoming = retimed.steps.filter((s) => s.atMs > t);
    state.steps = [...kept, ...upcoming.map((s, i): StepState => ({ ...s, index: base + i, state: 'pending' }))];
    const due: SearchAttributeUpdatePair = { key: SA.due, value: new Date(retimed.dueAtMs) };
    if (state.status === 'overdue' && t < retimed.overdueFromMs) this.setStatus('open', false, [due]);
    else upsertSearchAttributes([due]);
    this.report();
    this.changed();
    return state;
  }

  /**
   * The unit merged into a successor: the occurrence goes on as the successor's (same id, due
   * date and timeline), its owed notices to the successor's bodies; search attributes and memo follow.
   */
  handOver(handed: HandOverResult, t: number): void {
    const { state, spec } = this;
    const from = { from: spec.unit, fromName: spec.unitName, ...(spec.unitEnd ? { on: spec.unitEnd.on } : {}) };
    delete spec.unitEndsAtMs;
    delete spec.unitEnd;
    Object.assign(spec, handed.occurrence);
    for (const s of handed.steps) {
      const step = this.step(s.index);
      step.to = s.to;
      if (step.state === 'retrying') step.owed = s.to;
    }
    state.handedOver = { ...from, to: spec.unit, toName: spec.unitName, atMs: t, unmatched: handed.unmatched };
    upsertSearchAttributes([
      { key: SA.unit, value: spec.unit },
      { key: SA.owner, value: spec.owners },
    ]);
    // The same upsert as before, one field more (no new command): status, board and report read it.
    upsertMemo({ summary: occurrenceSummary(spec), handedOver: handedOverOf(state) });
    this.report();
  }

  // ─── Steps ────────────────────────────────────────────────────────────────

  /** The steps still owed (pending or waiting to be sent again), as timeline steps. */
  owedSteps(): Step[] {
    return this.state.steps
      .filter((s) => s.state === 'pending' || s.state === 'retrying')
      .map(({ index, kind, atMs, at, offset, to, level }) => ({ index, kind, atMs, at, offset, to, ...(level ? { level } : {}) }));
  }

  /** Steps owed at `t`: due and not yet sent, or waiting to be sent again. The close step is not a notice. */
  dueSteps(t: number): DueStep[] {
    return this.state.steps
      .filter((s) => s.kind !== 'close' && s.atMs <= t && (s.state === 'pending' || s.state === 'retrying'))
      .map((s) => ({
        index: s.index,
        kind: s.kind,
        atMs: s.atMs,
        to: s.state === 'retrying' ? s.owed! : s.to,
        ready: s.state === 'pending' || s.retryAtMs! <= t,
      }));
  }

  sending(step: StepState, to: string[]): void {
    Object.assign(step, { state: 'sending', owed: to });
    delete step.retryAtMs;
  }

  /** The notify activity returned: sent (or refused) at once, or queued in morning digests that report back. */
  sent(step: StepState, result: NotifyResult): void {
    const queued = result.queued ?? [];
    if (result.failed.length) step.failures = result.failed;
    if (queued.length === 0) {
      Object.assign(step, { state: 'sent', sentAtMs: this.now() });
      delete step.owed;
      this.settledAfterClose();
      return;
    }
    if (result.delivered.length > 0) step.sentAtMs = this.now();
    step.digests = [...(step.digests ?? []), ...queued.map((q) => ({ id: q.digest, bodies: q.bodies, state: 'queued' as const }))];
    Object.assign(step, { state: 'sending', owed: queued.flatMap((q) => q.bodies) });
  }

  /**
   * A mailbox's report on a queued notice: delivered in its digest (when, and which digest),
   * refused for good, or deferred (sent again on the step's own retry timer, `retryAt(attempt)`).
   * A report on a notice no longer queued (withdrawn, or told twice) changes nothing.
   */
  digestReport(report: DigestReport, offsetMs: number, retryAt: (attempt: number) => number): void {
    const step = this.state.steps.find((s) => s.index === report.step);
    const entry = step?.digests?.find((d) => d.id === report.digest && d.state === 'queued' && d.bodies.join() === report.bodies.join());
    if (!step || !entry) return;
    const { result } = report;
    entry.atMs = report.atMs + offsetMs;
    entry.state = result.outcome;
    if (result.outcome === 'sent') step.sentAtMs ??= entry.atMs;
    if (result.outcome === 'failed') step.failures = [...(step.failures ?? []), ...entry.bodies.map((body) => ({ body, reason: result.reason }))];
    if (step.digests!.some((d) => d.state === 'queued')) return;
    const deferred = step.digests!.filter((d) => d.state === 'deferred' && !d.retried);
    deferred.forEach((d) => (d.retried = true));
    const again = deferred.flatMap((d) => d.bodies);
    if (again.length > 0) this.retryLater(step, again, retryAt((step.attempts ?? 0) + 1));
    else {
      Object.assign(step, { state: 'sent' });
      delete step.owed;
    }
    this.report();
    this.changed();
  }

  /** The notices a resolution took out of morning digests (once). */
  takeWithdrawals(): { digest: string; step: number }[] {
    const out = this.withdrawals;
    this.withdrawals = [];
    return out;
  }

  /** The next revision of the meeting's invite (its SEQUENCE). */
  reviseCalendar(): number {
    this.state.calendarSequence = (this.state.calendarSequence ?? 0) + 1;
    return this.state.calendarSequence;
  }

  failed(step: StepState, to: string[], reason: string): void {
    Object.assign(step, { state: 'failed', failures: to.map((body) => ({ body, reason })) });
    delete step.owed;
    this.settledAfterClose();
  }

  /** Before the close the walk has its own timers; after it, it waits for these notices. */
  private settledAfterClose(): void {
    if (this.state.final) this.changed();
  }

  retryLater(step: StepState, to: string[], atMs: number): void {
    Object.assign(step, { state: 'retrying', owed: to, retryAtMs: atMs, attempts: (step.attempts ?? 0) + 1 });
    this.changed(); // the walk may be waiting for something later
  }

  /** The whole step is not sent (or no more): resolved, or nobody is owed it. */
  skip(step: StepState, reason: SkipReason): void {
    Object.assign(step, { state: step.sentAtMs === undefined ? 'skipped' : 'sent', skipReason: reason });
    delete step.owed;
    delete step.retryAtMs;
  }

  /**
   * Records the recipients a catch-up decided not to send to — except those the notifier had
   * reached already (`sentBefore`: the notice went out, its result lost in an outage), which
   * count as sent; returns how many notices were skipped, and how many for each reason.
   */
  applySkips(decided: CatchUpDecision['skip'], sentBefore: SentBeforeResult): { skipped: number; reasons: Partial<Record<SkipReason, number>> } {
    let count = 0;
    const byReason: Partial<Record<SkipReason, number>> = {};
    for (const index of new Set(decided.map((s) => s.index))) {
      const step = this.step(index);
      const reached = sentBefore.filter((x) => x.index === index);
      const reachedBodies = reached.map((x) => x.body);
      const skips = decided.filter((s) => s.index === index).map((s) => ({ ...s, to: s.to.filter((b) => !reachedBodies.includes(b)) }));
      const skippedBodies = skips.flatMap((s) => s.to);
      for (const { to, reason, by } of skips) {
        step.skipped = [...(step.skipped ?? []), ...to.map((body) => ({ body, reason, ...(by !== undefined ? { by } : {}) }))];
        count += to.length;
        if (to.length) byReason[reason] = (byReason[reason] ?? 0) + to.length;
      }
      if (reached.length) step.sentAtMs = Math.max(step.sentAtMs ?? 0, ...reached.map((x) => x.atMs));
      const owed = (step.state === 'retrying' ? step.owed! : step.to).filter((b) => !skippedBodies.includes(b) && !reachedBodies.includes(b));
      if (owed.length > 0) {
        // The rest of the step still goes now (or at its next attempt).
        if (step.state === 'retrying') step.owed = owed;
        else step.to = [...owed, ...reachedBodies];
      } else if (reached.length > 0) {
        Object.assign(step, { state: 'sent' });
        delete step.owed;
        delete step.retryAtMs;
      } else {
        this.skip(step, skips[0]!.reason);
      }
    }
    if (count > 0) {
      this.state.skippedNotices += count;
      upsertMemo({ skippedNotices: this.state.skippedNotices });
    }
    return { skipped: count, reasons: byReason };
  }

  /** At the end of the ladder an unresolved occurrence is closed as overdue. */
  closeIfDue(t: number): void {
    const close = this.state.steps.find((s) => s.kind === 'close' && s.state === 'pending');
    if (!close || close.atMs > t) return;
    Object.assign(close, { state: 'sent', sentAtMs: t });
    this.setStatus('overdue', true);
  }

  // ─── Waiting ──────────────────────────────────────────────────────────────

  /**
   * Whether the walk goes on: until the occurrence is final, and after a close as overdue while
   * notices are still owed (sending, or waiting to be tried again after an SMTP outage).
   */
  walking(): boolean {
    const { state } = this;
    if (!state.final) return true;
    return !state.resolution && state.steps.some((s) => s.state === 'retrying' || s.state === 'sending');
  }

  /** The next instant the walk has something to do, and what it is; once final, only notices to try again. */
  nextWake(): Wake | undefined {
    const { state, spec } = this;
    const wakes: Wake[] = [];
    if (state.resolution) {
      // Resolved from a link: it waits for the end of the window in which the link can undo it.
      const until = state.resolution.undoUntilMs;
      return until === undefined ? undefined : { atMs: until, summary: waitSummary('undo', until) };
    }
    for (const s of state.steps) {
      if (s.state === 'pending' && !state.final) wakes.push({ atMs: s.atMs, summary: stepTimerSummary(spec, s) });
      if (s.state === 'retrying') wakes.push({ atMs: s.retryAtMs!, summary: waitSummary('retry', s.retryAtMs!, (s.attempts ?? 0) + 1) });
    }
    if (!state.final) {
      if (state.status === 'open') wakes.push({ atMs: spec.overdueFromMs, summary: waitSummary('overdue', spec.overdueFromMs) });
      if (spec.unitEndsAtMs !== undefined) wakes.push({ atMs: spec.unitEndsAtMs, summary: waitSummary('unit-end', spec.unitEndsAtMs) });
    }
    return wakes.reduce<Wake | undefined>((a, b) => (!a || b.atMs < a.atMs ? b : a), undefined);
  }

  /**
   * Waits until `wake`, or until poked. When the run ends (a resolution), its pending timer is
   * left alone (no CancelTimer command); otherwise the timer is cancelled before the next wait.
   */
  async waitUntil(wake: Wake): Promise<void> {
    const timerScope = new CancellationScope();
    const timer = timerScope.run(() => sleep(wake.atMs - this.now(), { summary: wake.summary }));
    await Promise.race([timer, new Promise<void>((resolve) => (this.poke = resolve))]);
    this.poke = undefined;
    if (this.walking()) timerScope.cancel();
  }

  /** Waits until poked: a notice in flight settled. */
  async waitForChange(): Promise<void> {
    await new Promise<void>((resolve) => (this.poke = resolve));
    this.poke = undefined;
  }

  changed(): void {
    this.poke?.();
  }

  /** The current details the Temporal UI shows. */
  report(): void {
    const { state, spec } = this;
    const next = this.nextWake();
    const r = state.resolution;
    const handed = handedOverOf(state);
    setCurrentDetails(
      occurrenceCurrentDetails({
        status: state.status,
        due: spec.due,
        next,
        sent: state.steps.filter((s) => s.state === 'sent' && s.kind !== 'close').length,
        skipped: state.skippedNotices,
        failed: state.steps.filter((s) => s.state === 'failed').length,
        resolution: r ? resolutionLineVi(r) : undefined,
        handedOver: handed && handedOverWords(handed),
      }),
    );
  }
}
