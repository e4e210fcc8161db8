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

/** Occurrences of a target in the order a planner opens them: by opening day, then id. */
function candidates(index: PlanIndex, target: Target, window: PlannerWindow, after?: PlannerCursor): Occurrence[] {
  const plan = index.config.plan;
  // An occurrence due before its opening day does not exist, so the cursor's day bounds the search.
  const from = after?.opensOn ?? (window.notDueBeforeMs !== undefined ? localDateOfInstant(window.notDueBeforeMs) : plan.period.from);
  return index
    .occurrencesOf(target, from, plan.period.to)
    .filter((o) => window.notDueBeforeMs === undefined || o.dueAtMs >= window.notDueBeforeMs)
    .filter((o) => !after || byOpening(o, after) > 0)
    .sort(byOpening);
}

export function nextOccurrence(index: PlanIndex, target: Target, window: PlannerWindow, after?: PlannerCursor): NextStep {
  const next = candidates(index, target, window, after)[0];
  if (next && (!window.until || compareDates(next.opensOn, window.until) <= 0)) return { occurrence: next };
  if (next) return { reason: 'until-reached' };
  const unit = index.units.get(target.unit);
  if (unit?.validTo && compareDates(unit.validTo, index.config.plan.period.to) < 0) return { reason: 'unit-ended' };
  return { reason: 'plan-ended' };
}

/** Every occurrence a planner for `target` opens over the window, in order. */
export function plannedOccurrences(index: PlanIndex, target: Target, window: PlannerWindow): Occurrence[] {
  return candidates(index, target, window).filter((o) => !window.until || compareDates(o.opensOn, window.until) <= 0);
}
