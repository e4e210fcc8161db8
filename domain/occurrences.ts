/**
 * Occurrences: one obligation, for one target (unit, owner), in one period — with its due
 * date and notification timeline. The single answer to "when is it due and who gets what,
 * when" for the workflows, `preview`, `simulate` and the tests.
 */
import { WorkingCalendar } from './calendar/working-calendar';
import { addDays, compareDates, localDateOfInstant, toInstantMs } from './calendar/local-date';
import { dueDateIn, eventDayIn, onceDate } from './due-dates';
import { meetingOf, type Meeting } from './meetings';
import type { Body, Config, Ladder, LocalDate, Obligation, Schedule, Unit } from './model';
import { nextPeriod, oncePeriod, periodContaining, type Period } from './periods';
import { targetsOf, type Target } from './targets';
import { sendLeadMs } from './send-window';
import { buildTimeline, isoInstant, plainClock, workingDayClock, type Recipients, type Step, type StepClock } from './timeline';
import { durationMs } from './durations';

export interface Occurrence {
  /** Workflow id: `occ/quarterly-briefing/huyen/2026-Q3`, `occ/creative-activity-registration/chu/2026/mttq`. */
  id: string;
  obligation: string;
  /** Present when the obligation has several schedules (`quarterly`, `annual`). */
  schedule?: string;
  unit: string;
  /** The planner's target key: `huyen`, `chu/mttq`. */
  target: string;
  owners: string[];
  participants: string[];
  period: Period;
  /** Due date (a working day) and the deadline instant at the schedule's time. */
  due: LocalDate;
  dueAt: string;
  dueAtMs: number;
  /**
   * From this instant an unresolved occurrence counts as overdue (quá hạn): the start of
   * the first working day after the due date, at the ladder's sending time (the unit's second
   * of its send window) — when the first overdue notice goes out. (Done late is still judged by date: after the due date.)
   */
  overdueFromMs: number;
  /** The day the occurrence opens (its workflow starts): the period start, or the first reminder if earlier. */
  opensOn: LocalDate;
  steps: Step[];
  /** The meeting (or the event invited to), for calendars; absent when there is none. */
  meeting?: Meeting;
}

function within(d: LocalDate, from?: LocalDate, to?: LocalDate): boolean {
  return (!from || compareDates(d, from) >= 0) && (!to || compareDates(d, to) <= 0);
}

/** Read-only indexes over a config, built once and shared by every query. */
export class PlanIndex {
  readonly units: ReadonlyMap<string, Unit>;
  readonly bodies: ReadonlyMap<string, Body>;
  readonly obligations: ReadonlyMap<string, Obligation>;
  private readonly targetCache = new Map<string, Target[]>();
  private notifiedUnits?: Map<string, Set<string>>;

  constructor(
    readonly config: Config,
    readonly calendar: WorkingCalendar,
  ) {
    this.units = new Map(config.directory.units.map((u) => [u.id, u]));
    this.bodies = new Map(config.directory.bodies.map((b) => [b.id, b]));
    this.obligations = new Map(config.plan.obligations.map((o) => [o.id, o]));
  }

  /** The index of a loaded config, with its working calendar. */
  static fromConfig(config: Config): PlanIndex {
    return new PlanIndex(config, new WorkingCalendar(config.calendar));
  }

  /** A body's name as the directory writes it; the id when the directory has no such body. */
  bodyName(id: string): string {
    return this.bodies.get(id)?.name ?? id;
  }

  /** A unit's name as the directory writes it (`xã Biên Sơn`); the id when unknown. */
  unitName(id: string): string {
    return this.units.get(id)?.name ?? id;
  }

  obligation(id: string): Obligation {
    const o = this.obligations.get(id);
    if (!o) throw new RangeError(`unknown obligation ${id}`);
    return o;
  }

  targets(obligationId: string): Target[] {
    let t = this.targetCache.get(obligationId);
    if (!t) {
      t = targetsOf(this.obligation(obligationId), this.config.directory);
      this.targetCache.set(obligationId, t);
    }
    return t;
  }

  target(obligationId: string, key: string): Target {
    const t = this.targets(obligationId).find((x) => x.key === key);
    if (!t) throw new RangeError(`obligation ${obligationId} has no target ${key}`);
    return t;
  }

  /** Whether the target's unit and owner bodies exist on `d`. */
  existsOn(target: Target, d: LocalDate): boolean {
    const unit = this.units.get(target.unit);
    if (!unit || !within(d, unit.validFrom, unit.validTo)) return false;
    return target.owners.every((id) => {
      const b = this.bodies.get(id);
      return b !== undefined && within(d, b.validFrom, b.validTo);
    });
  }

  recipients(target: Target): Recipients {
    return {
      owners: target.owners,
      participants: target.participants,
      monitor: this.config.plan.monitor,
      supervisorsOf: (id) => this.bodies.get(id)?.supervisors ?? [],
    };
  }

  /**
   * The units whose occurrences notify a body, as their ladders reach it (owner, participant,
   * supervisor, monitor): its own unit alone for a commune's bodies, many for Ban Dân vận or a
   * district body that supervises communes' ones. With a send window, each unit's notices go at
   * their own second, so only a body notified by one unit gets its morning at one instant.
   */
  notifiedByUnits(body: string): ReadonlySet<string> {
    if (!this.notifiedUnits) {
      const map = new Map<string, Set<string>>();
      const anyTime: StepClock = { at: () => 0 };
      for (const obligation of this.config.plan.obligations) {
        for (const target of this.targets(obligation.id)) {
          for (const step of this.timeline(target, anyTime)) {
            for (const b of step.to) map.set(b, (map.get(b) ?? new Set()).add(target.unit));
          }
        }
      }
      this.notifiedUnits = map;
    }
    return this.notifiedUnits.get(body) ?? new Set();
  }

  /** Whether several units' occurrences notify a body: its morning digest gathers across the send window. */
  notifiedBySeveralUnits(body: string): boolean {
    return this.notifiedByUnits(body).size > 1;
  }

  ladderOf(obligationId: string): Ladder {
    const obligation = this.obligation(obligationId);
    const ladder = this.config.plan.ladders.find((l) => l.id === obligation.ladder);
    if (!ladder) throw new RangeError(`obligation ${obligation.id} names unknown ladder ${obligation.ladder}`);
    return ladder;
  }

  /** A target's notification timeline around a due date, on a given clock. */
  timeline(target: Target, clock: StepClock): Step[] {
    return buildTimeline(this.ladderOf(target.obligation), this.recipients(target), clock);
  }

  /**
   * The timeline of a target around a due date: in working days at the target unit's second of
   * the ladder's send window, or — for a `plain` ladder (drills) — in steps of `stepDuration`
   * from the deadline.
   */
  timelineAround(target: Target, due: LocalDate, dueAtMs: number): Step[] {
    const ladder = this.ladderOf(target.obligation);
    return this.timeline(
      target,
      ladder.measure === 'plain' ? plainClock(dueAtMs, stepMs(ladder)) : workingDayClock(this.calendar, due, ladder.sendAt, this.sendLead(ladder, target.unit)),
    );
  }

  /** How long before the ladder's sending time a unit's notices go (domain/send-window.ts, `sendLeadMs`). */
  sendLead(ladder: Ladder, unit: string): number {
    return ladder.sendWindow ? sendLeadMs(durationMs(ladder.sendWindow), unit) : 0;
  }

  /**
   * Lateness under which a notice found late is still sent as it is: the ladder's `grace`, or
   * two hours for working-day ladders and half a step for plain ones.
   */
  graceOf(obligationId: string): number {
    const ladder = this.ladderOf(obligationId);
    if (ladder.grace !== undefined) return durationMs(ladder.grace);
    return ladder.measure === 'plain' ? stepMs(ladder) / 2 : 2 * 3_600_000;
  }

  /**
   * The end of the send window in which a notice of the obligation at `atMs` goes: the ladder's
   * sending time that day. Undefined for a ladder without a window (every notice at one instant).
   */
  sendWindowEnd(obligationId: string, atMs: number): number | undefined {
    const ladder = this.ladderOf(obligationId);
    return ladder.sendWindow && ladder.measure !== 'plain' ? toInstantMs(localDateOfInstant(atMs), ladder.sendAt) : undefined;
  }

  /** See {@link Occurrence.overdueFromMs}: the first overdue notice's instant, in the unit's second of the send window. */
  overdueFrom(obligationId: string, unit: string, due: LocalDate, dueAtMs: number): number {
    const ladder = this.ladderOf(obligationId);
    if (ladder.measure === 'plain') return dueAtMs + stepMs(ladder);
    return toInstantMs(this.calendar.addWorkingDays(due, 1), ladder.sendAt) - this.sendLead(ladder, unit);
  }

  /** The occurrence of one schedule of a target in one period. */
  occurrence(target: Target, schedule: Schedule, period: Period, due: LocalDate): Occurrence {
    const obligation = this.obligation(target.obligation);
    const time = schedule.time ?? this.config.plan.defaultTime;
    const dueAtMs = toInstantMs(due, time);
    const eventDay = eventDayIn(schedule.due, period, target.unit, this.calendar);
    const meeting = meetingOf(obligation.kind, schedule, dueAtMs, eventDay === undefined ? undefined : toInstantMs(eventDay, time));
    const steps = this.timelineAround(target, due, dueAtMs);
    const firstStepDay = steps.length ? localDateOfInstant(steps[0]!.atMs) : period.start;
    const opensOn = compareDates(firstStepDay, period.start) < 0 ? firstStepDay : period.start;
    const ownerSuffix = target.key.includes('/') ? `/${target.key.split('/')[1]}` : '';
    return {
      id: `occ/${obligation.id}/${target.unit}/${period.key}${ownerSuffix}`,
      obligation: obligation.id,
      ...(obligation.schedules.length > 1 && schedule.key ? { schedule: schedule.key } : {}),
      unit: target.unit,
      target: target.key,
      owners: target.owners,
      participants: target.participants,
      period,
      due,
      dueAt: isoInstant(dueAtMs),
      dueAtMs,
      overdueFromMs: this.overdueFrom(obligation.id, target.unit, due, dueAtMs),
      opensOn,
      steps,
      ...(meeting ? { meeting } : {}),
    };
  }

  /**
   * The occurrences of one schedule of a target whose due date is on or after `from`, in
   * period order (which is due-date order), lazily: inside the plan's period and the
   * obligation's active window, and only while the unit and owners exist.
   */
  *scheduleOccurrences(target: Target, schedule: Schedule, from: LocalDate): Generator<Occurrence> {
    const obligation = this.obligation(target.obligation);
    const plan = this.config.plan;
    const lo = latest(from, plan.period.from, obligation.activeFrom);
    const hi = earliest(plan.period.to, obligation.activeTo);
    if (compareDates(lo, hi) > 0) return;
    if (schedule.recurrence === 'once') {
      const date = onceDate(schedule.due);
      if (date === undefined) return;
      const due = dueDateIn(schedule.due, oncePeriod(date, date), target.unit, this.calendar);
      const opens = latest(plan.period.from, obligation.activeFrom);
      if (within(due, lo, hi) && this.existsOn(target, due)) yield this.occurrence(target, schedule, oncePeriod(due, opens), due);
      return;
    }
    // A due date can fall outside its period (adjust across a long break): start a month early.
    const last = addDays(hi, 31);
    for (let p = periodContaining(schedule.recurrence, addDays(lo, -31)); compareDates(p.start, last) <= 0; p = nextPeriod(p)) {
      const due = dueDateIn(schedule.due, p, target.unit, this.calendar);
      if (within(due, lo, hi) && this.existsOn(target, due)) yield this.occurrence(target, schedule, p, due);
    }
  }

  /** Every occurrence of a target whose due date lies in [from, to], sorted by due date. */
  occurrencesOf(target: Target, from: LocalDate, to: LocalDate): Occurrence[] {
    const out: Occurrence[] = [];
    for (const schedule of this.obligation(target.obligation).schedules) {
      for (const occ of this.scheduleOccurrences(target, schedule, from)) {
        if (compareDates(occ.due, to) > 0) break;
        out.push(occ);
      }
    }
    return out.sort((a, b) => a.dueAtMs - b.dueAtMs || a.id.localeCompare(b.id));
  }

  /** Occurrences of the whole plan due in [from, to], optionally for one unit or obligation. */
  occurrencesBetween(from: LocalDate, to: LocalDate, filter: { unit?: string; obligation?: string } = {}): Occurrence[] {
    const out: Occurrence[] = [];
    for (const obligation of this.config.plan.obligations) {
      if (filter.obligation && obligation.id !== filter.obligation) continue;
      for (const target of this.targets(obligation.id)) {
        if (filter.unit && target.unit !== filter.unit) continue;
        out.push(...this.occurrencesOf(target, from, to));
      }
    }
    return out.sort((a, b) => a.dueAtMs - b.dueAtMs || a.id.localeCompare(b.id));
  }
}

function latest(first: LocalDate, ...rest: (LocalDate | undefined)[]): LocalDate {
  return rest.reduce<LocalDate>((acc, d) => (d && compareDates(d, acc) > 0 ? d : acc), first);
}

function earliest(first: LocalDate, ...rest: (LocalDate | undefined)[]): LocalDate {
  return rest.reduce<LocalDate>((acc, d) => (d && compareDates(d, acc) < 0 ? d : acc), first);
}

/** One step of a plain ladder, in ms (a minute when the ladder does not say). */
function stepMs(ladder: Ladder): number {
  return ladder.stepDuration ? durationMs(ladder.stepDuration) : 60_000;
}
