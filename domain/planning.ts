/**
 * The planner's rule, shared by the planner's activity and by simulations: which occurrence
 * of a target comes next, and which the planner will open over a window.
 */
import { compareDates, localDateOfInstant } from './calendar/local-date';
import type { Occurrence, PlanIndex } from './occurrences';
import type { Target } from './targets';

export interface PlannerCursor {
  opensOn: string;
  id: string;
}

export interface PlannerWindow {
  /** Occurrences already past due at this instant are not opened (a planner started mid-term). */
  notDueBeforeMs?: number;
  /** No occurrence opening after this date (simulations). */
  until?: string;
}

export type NextStep =
  | { occurrence: Occurrence }
  | { occurrence?: undefined; reason: 'plan-ended' | 'unit-ended' | 'until-reached' };

function byOpening(a: PlannerCursor, b: PlannerCursor): number {
  return compareDates(a.opensOn, b.opensOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The next occurrence of a target after the cursor, in the order a planner opens them (by
 * opening day, then id). Within one schedule the opening day never decreases from one
 * period to the next (due dates move by days, periods last weeks), so each schedule is
 * walked only until its first candidate.
 */
function firstCandidate(index: PlanIndex, target: Target, window: PlannerWindow, after?: PlannerCursor): Occurrence | undefined {
  const plan = index.config.plan;
  // An occurrence is due on or after its opening day, so the cursor's day bounds the search.
  const from = after?.opensOn ?? (window.notDueBeforeMs !== undefined ? localDateOfInstant(window.notDueBeforeMs) : plan.period.from);
  let best: Occurrence | undefined;
  for (const schedule of index.obligation(target.obligation).schedules) {
    for (const o of index.scheduleOccurrences(target, schedule, from)) {
      if (window.notDueBeforeMs !== undefined && o.dueAtMs < window.notDueBeforeMs) continue;
      if (after && byOpening(o, after) <= 0) continue;
      if (!best || byOpening(o, best) < 0) best = o;
      break;
    }
  }
  return best;
}

export function nextOccurrence(index: PlanIndex, target: Target, window: PlannerWindow, after?: PlannerCursor): NextStep {
  const next = firstCandidate(index, target, window, after);
  if (next && (!window.until || compareDates(next.opensOn, window.until) <= 0)) return { occurrence: next };
  if (next) return { reason: 'until-reached' };
  const unit = index.units.get(target.unit);
  if (unit?.validTo && compareDates(unit.validTo, index.config.plan.period.to) < 0) return { reason: 'unit-ended' };
  return { reason: 'plan-ended' };
}

/** Every occurrence a planner for `target` opens over the window, in order: the planner's walk. */
export function plannedOccurrences(index: PlanIndex, target: Target, window: PlannerWindow): Occurrence[] {
  const out: Occurrence[] = [];
  for (let step = nextOccurrence(index, target, window); step.occurrence; ) {
    out.push(step.occurrence);
    step = nextOccurrence(index, target, window, { opensOn: step.occurrence.opensOn, id: step.occurrence.id });
  }
  return out;
}
