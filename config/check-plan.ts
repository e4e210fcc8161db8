/**
 * Checks that need only the plan file: duplicate ids, ladders that exist and make sense,
 * due rules that fit their recurrence, dates inside the plan's period, schedule keys, and
 * indicator obligations with an indicator resolution.
 */
import type { Recurrence } from '../domain/model';
import { dateProblem, dayOfYearProblem } from './schema/common';
import { forEachDuplicate } from './duplicates';
import type { Path, Problem } from './errors';
import type { PlanFile } from './schema/plan';

type Ladder = PlanFile['ladders'][number];
type Obligation = PlanFile['obligations'][number];
type DueRuleName = Obligation['schedules'][number]['due']['rule'];

/** The due rules each recurrence accepts. */
const RULES_FOR: Record<Recurrence, readonly DueRuleName[]> = {
  once: ['date'],
  monthly: ['end-of-period', 'day-of-month'],
  quarterly: ['end-of-period'],
  'half-yearly': ['end-of-period', 'day-of-half'],
  annual: ['end-of-period', 'day-of-year'],
};

/** The recurrence a due rule is made for, to say so in messages. */
const RULE_IS_FOR: Record<DueRuleName, string> = {
  'end-of-period': 'monthly, quarterly, half-yearly or annual schedules',
  'day-of-month': 'monthly schedules',
  'day-of-year': 'annual schedules',
  'day-of-half': 'half-yearly schedules',
  date: 'once schedules',
};

function checkLadder(ladder: Ladder, path: Path, problems: Problem[]): void {
  if (ladder.measure === 'plain' && ladder.stepDuration === undefined) {
    problems.push({ path, message: `ladder "${ladder.id}" has measure plain, so it needs stepDuration (e.g. "1m")` });
  }
  if (ladder.measure === 'working-days' && ladder.stepDuration !== undefined) {
    problems.push({ path: [...path, 'stepDuration'], message: 'stepDuration applies only to measure plain; working-days ladders count working days' });
  }
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

function checkSchedules(o: Obligation, path: Path, period: PlanFile['period'], problems: Problem[]): void {
  forEachDuplicate(o.schedules, (s) => s.key, (i, first, key) =>
    problems.push({ path: [...path, 'schedules', i, 'key'], message: `duplicate schedule key "${key}": schedules[${first}] already has it` }));
  o.schedules.forEach((s, i) => {
    const at: Path = [...path, 'schedules', i];
    const allowed = RULES_FOR[s.recurrence];
    if (!allowed.includes(s.due.rule)) {
      problems.push({
        path: [...at, 'due', 'rule'],
        message: `due rule "${s.due.rule}" is for ${RULE_IS_FOR[s.due.rule]}, but this schedule's recurrence is "${s.recurrence}" (it accepts ${allowed.join(' or ')})`,
      });
    }
    if (s.due.rule === 'day-of-year') {
      const problem = dayOfYearProblem(s.due.month, s.due.day);
      if (problem) problems.push({ path: [...at, 'due', 'day'], message: problem });
    }
    if (s.due.rule === 'day-of-half') {
      for (const [half, first, last] of [['h1', 1, 6], ['h2', 7, 12]] as const) {
        const { month, day } = s.due[half];
        if (month < first || month > last) {
          problems.push({ path: [...at, 'due', half, 'month'], message: `${half} is a day of months ${first} to ${last} (the ${half === 'h1' ? 'first' : 'second'} half of the year), found month ${month}` });
        } else {
          const problem = dayOfYearProblem(month, day);
          if (problem) problems.push({ path: [...at, 'due', half, 'day'], message: problem });
        }
      }
    }
    // A date that is not real, or a reversed period, is reported already.
    if (s.due.rule === 'date' && !dateProblem(s.due.date) && period.from <= period.to) {
      const from = o.activeFrom ?? period.from;
      const to = o.activeTo ?? period.to;
      if (s.due.date < from || s.due.date > to) {
        const window = o.activeFrom !== undefined || o.activeTo !== undefined ? "the obligation's active window" : "the plan's period";
        problems.push({ path: [...at, 'due', 'date'], message: `due date ${s.due.date} is outside ${window} ${from} to ${to}` });
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

export function checkPlan(file: PlanFile): Problem[] {
  const problems: Problem[] = [];
  const ladders = new Set(file.ladders.map((l) => l.id));
  forEachDuplicate(file.ladders, (l) => l.id, (i, first, id) =>
    problems.push({ path: ['ladders', i, 'id'], message: `duplicate ladder id "${id}": ladders[${first}] already has it` }));
  file.ladders.forEach((ladder, i) => checkLadder(ladder, ['ladders', i], problems));
  if (file.defaultLadder !== undefined && !ladders.has(file.defaultLadder)) {
    problems.push({ path: ['defaultLadder'], message: `unknown ladder "${file.defaultLadder}"; defined ladders: ${[...ladders].join(', ')}` });
  }
  forEachDuplicate(file.obligations, (o) => o.id, (i, first, id) =>
    problems.push({ path: ['obligations', i, 'id'], message: `duplicate obligation id "${id}": obligations[${first}] already has it` }));
  file.obligations.forEach((o, i) => checkObligation(o, ['obligations', i], file, ladders, problems));
  return problems;
}
