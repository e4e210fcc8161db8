/**
 * Checks that need only the plan file: duplicate ids, ladders that exist and make sense,
 * due rules (and the event day of a duty due before an event) that fit their recurrence,
 * dates inside the plan's period, schedule keys, indicator obligations with an indicator
 * resolution, invitations due before an event, and clauses listed as not chased that an
 * obligation chases after all.
 */
import { durationMs } from '../domain/durations';
import type { Recurrence } from '../domain/model';
import { dateProblem, dayOfYearProblem } from './schema/common';
import { forEachDuplicate } from './duplicates';
import type { Path, Problem } from './errors';
import type { PlanFile } from './schema/plan';

type Ladder = PlanFile['ladders'][number];
type Obligation = PlanFile['obligations'][number];
type DueRule = Obligation['schedules'][number]['due'];
type DayRule = Exclude<DueRule, { rule: 'before-event' }>;
type DayRuleName = DayRule['rule'];

/** The day rules each recurrence accepts (for the due date, or the event a duty precedes). */
const RULES_FOR: Record<Recurrence, readonly DayRuleName[]> = {
  once: ['date'],
  monthly: ['end-of-period', 'day-of-month'],
  quarterly: ['end-of-period'],
  'half-yearly': ['end-of-period', 'day-of-half'],
  annual: ['end-of-period', 'day-of-year'],
};

/** The recurrence a day rule is made for, to say so in messages. */
const RULE_IS_FOR: Record<DayRuleName, string> = {
  'end-of-period': 'monthly, quarterly, half-yearly or annual schedules',
  'day-of-month': 'monthly schedules',
  'day-of-year': 'annual schedules',
  'day-of-half': 'half-yearly schedules',
  date: 'once schedules',
};

function checkLadder(ladder: Ladder, path: Path, defaultTime: string, problems: Problem[]): void {
  if (ladder.measure === 'plain' && ladder.stepDuration === undefined) {
    problems.push({ path, message: `ladder "${ladder.id}" has measure plain, so it needs stepDuration (e.g. "1m")` });
  }
  if (ladder.measure === 'working-days' && ladder.stepDuration !== undefined) {
    problems.push({ path: [...path, 'stepDuration'], message: 'stepDuration applies only to measure plain; working-days ladders count working days' });
  }
  if (ladder.sendWindow !== undefined) checkSendWindow(ladder, ladder.sendWindow, [...path, 'sendWindow'], ladder.sendAt ?? defaultTime, problems);
  forEachDuplicate(ladder.reminders, (r) => r.before, (i, first, before) =>
    problems.push({ path: [...path, 'reminders', i, 'before'], message: `reminders[${first}] is already sent ${before} before the due date` }));
  let last = 0;
  ladder.escalations.forEach((e, i) => {
    if (i > 0 && e.after <= (ladder.escalations[i - 1]?.after ?? 0)) {
      problems.push({ path: [...path, 'escalations', i, 'after'], message: `escalations must come in order: after ${e.after} is not later than the previous step's after ${ladder.escalations[i - 1]?.after}` });
    }
    last = Math.max(last, e.after + (e.repeat ? e.repeat.every * e.repeat.times : 0));
  });
  if (ladder.closeAfter <= last) {
    problems.push({ path: [...path, 'closeAfter'], message: `closeAfter ${ladder.closeAfter} must come after the last escalation, which is sent at +${last}` });
  }
}

/** A send window belongs to a working-day ladder and ends at its sending time on the same day. */
function checkSendWindow(ladder: Ladder, window: string, path: Path, sendAt: string, problems: Problem[]): void {
  if (ladder.measure === 'plain') {
    problems.push({ path, message: 'sendWindow applies only to measure working-days; a plain ladder steps from its deadline' });
    return;
  }
  const [h, m] = sendAt.split(':').map(Number) as [number, number];
  const sinceMidnightMs = (h * 60 + m) * 60_000;
  if (durationMs(window) > sinceMidnightMs) {
    problems.push({ path, message: `sendWindow ${window} would start the day before: it ends at the sending time ${sendAt}, so it can last at most ${h}h${m ? `${m}m` : ''}` });
  }
}

/** A day rule fits the schedule's recurrence, names a real day, and a date lies in the obligation's window. */
function checkDayRule(rule: DayRule, recurrence: Recurrence, at: Path, o: Obligation, period: PlanFile['period'], problems: Problem[]): void {
  const allowed = RULES_FOR[recurrence];
  if (!allowed.includes(rule.rule)) {
    problems.push({
      path: [...at, 'rule'],
      message: `due rule "${rule.rule}" is for ${RULE_IS_FOR[rule.rule]}, but this schedule's recurrence is "${recurrence}" (it accepts ${allowed.join(' or ')})`,
    });
  }
  if (rule.rule === 'day-of-year') {
    const problem = dayOfYearProblem(rule.month, rule.day);
    if (problem) problems.push({ path: [...at, 'day'], message: problem });
  }
  if (rule.rule === 'day-of-half') {
    for (const [half, first, last] of [['h1', 1, 6], ['h2', 7, 12]] as const) {
      const { month, day } = rule[half];
      if (month < first || month > last) {
        problems.push({ path: [...at, half, 'month'], message: `${half} is a day of months ${first} to ${last} (the ${half === 'h1' ? 'first' : 'second'} half of the year), found month ${month}` });
      } else {
        const problem = dayOfYearProblem(month, day);
        if (problem) problems.push({ path: [...at, half, 'day'], message: problem });
      }
    }
  }
  // A date that is not real, or a reversed period, is reported already.
  if (rule.rule === 'date' && !dateProblem(rule.date) && period.from <= period.to) {
    const from = o.activeFrom ?? period.from;
    const to = o.activeTo ?? period.to;
    if (rule.date < from || rule.date > to) {
      const window = o.activeFrom !== undefined || o.activeTo !== undefined ? "the obligation's active window" : "the plan's period";
      const what = at.includes('event') ? 'event date' : 'due date';
      problems.push({ path: [...at, 'date'], message: `${what} ${rule.date} is outside ${window} ${from} to ${to}` });
    }
  }
}

function checkSchedules(o: Obligation, path: Path, period: PlanFile['period'], problems: Problem[]): void {
  forEachDuplicate(o.schedules, (s) => s.key, (i, first, key) =>
    problems.push({ path: [...path, 'schedules', i, 'key'], message: `duplicate schedule key "${key}": schedules[${first}] already has it` }));
  o.schedules.forEach((s, i) => {
    const at: Path = [...path, 'schedules', i];
    if (s.due.rule === 'before-event') {
      checkDayRule(s.due.event, s.recurrence, [...at, 'due', 'event'], o, period, problems);
      if (o.kind !== 'invitation') {
        problems.push({ path: [...at, 'due', 'rule'], message: `due rule "before-event" is for invitations to an event (kind invitation), found kind "${o.kind}"` });
      }
    } else {
      checkDayRule(s.due, s.recurrence, [...at, 'due'], o, period, problems);
      if (o.kind === 'invitation') {
        problems.push({ path: [...at, 'due'], message: 'an invitation is due before the event it invites to: {rule: before-event, workingDays: N, event: {rule: ...}}' });
      }
    }
    if (o.schedules.length > 1 && s.key === undefined) {
      problems.push({ path: at, message: 'an obligation with several schedules needs a key on each (e.g. key: quarterly)' });
    }
  });
}

function checkObligation(o: Obligation, path: Path, file: PlanFile, ladders: Set<string>, problems: Problem[]): void {
  const ladder = o.ladder ?? file.defaultLadder;
  if (o.ladder !== undefined && !ladders.has(o.ladder)) {
    problems.push({ path: [...path, 'ladder'], message: `unknown ladder "${o.ladder}"; defined ladders: ${[...ladders].join(', ')}` });
  } else if (ladder === undefined) {
    problems.push({ path, message: 'no ladder: set ladder here or defaultLadder at the top of the plan' });
  }
  checkSchedules(o, path, file.period, problems);
  if (o.activeFrom !== undefined && o.activeTo !== undefined && o.activeTo < o.activeFrom) {
    problems.push({ path: [...path, 'activeTo'], message: `activeTo ${o.activeTo} is before activeFrom ${o.activeFrom}` });
  }
  for (const key of ['activeFrom', 'activeTo'] as const) {
    const date = o[key];
    if (date !== undefined && !dateProblem(date) && file.period.from <= file.period.to && (date < file.period.from || date > file.period.to)) {
      problems.push({ path: [...path, key], message: `${key} ${date} is outside the plan's period ${file.period.from} to ${file.period.to}` });
    }
  }
  const isIndicator = o.resolution.type === 'indicator';
  if (o.kind === 'indicator' && !isIndicator) {
    problems.push({ path: [...path, 'kind'], message: `kind indicator needs resolution {type: indicator, label, unit, ...}, found resolution type "${o.resolution.type}"` });
  } else if (o.kind !== 'indicator' && isIndicator) {
    problems.push({ path: [...path, 'resolution', 'type'], message: `resolution type indicator needs kind indicator, found kind "${o.kind}"` });
  }
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A clause listed as not chased must not be one an obligation chases, nor be listed twice. */
function checkNotChased(file: PlanFile, problems: Problem[]): void {
  const chased = new Map(file.obligations.map((o) => [squash(o.clause.text), o.id]));
  forEachDuplicate(file.notChased, (n) => squash(n.clause.text), (i, first) =>
    problems.push({ path: ['notChased', i, 'clause', 'text'], message: `notChased[${first}] already lists this clause` }));
  file.notChased.forEach((n, i) => {
    const by = chased.get(squash(n.clause.text));
    if (by !== undefined) {
      problems.push({ path: ['notChased', i, 'clause', 'text'], message: `obligation "${by}" chases this clause: remove it from notChased, or the obligation` });
    }
  });
}

export function checkPlan(file: PlanFile): Problem[] {
  const problems: Problem[] = [];
  const ladders = new Set(file.ladders.map((l) => l.id));
  forEachDuplicate(file.ladders, (l) => l.id, (i, first, id) =>
    problems.push({ path: ['ladders', i, 'id'], message: `duplicate ladder id "${id}": ladders[${first}] already has it` }));
  file.ladders.forEach((ladder, i) => checkLadder(ladder, ['ladders', i], file.defaultTime, problems));
  if (file.defaultLadder !== undefined && !ladders.has(file.defaultLadder)) {
    problems.push({ path: ['defaultLadder'], message: `unknown ladder "${file.defaultLadder}"; defined ladders: ${[...ladders].join(', ')}` });
  }
  forEachDuplicate(file.obligations, (o) => o.id, (i, first, id) =>
    problems.push({ path: ['obligations', i, 'id'], message: `duplicate obligation id "${id}": obligations[${first}] already has it` }));
  file.obligations.forEach((o, i) => checkObligation(o, ['obligations', i], file, ladders, problems));
  checkNotChased(file, problems);
  return problems;
}
