/** The shipped configuration, loaded once per test file, and variants of it for what-if cases. */
import { loadConfig } from '../../../config/load';
import { WorkingCalendar } from '../../../domain/calendar/working-calendar';
import type { Config, Obligation } from '../../../domain/model';
import { PlanIndex } from '../../../domain/occurrences';

export const shipped = loadConfig();
export const config: Config = shipped.config;
export const calendar = new WorkingCalendar(config.calendar);
export const index = new PlanIndex(config, calendar);

/** The plan's whole period as the tests see it. */
export const PLAN_FROM = '2021-09-01';
export const PLAN_TO = '2025-12-31';

/** A copy of the shipped config (which is frozen) with one obligation changed. */
export function withObligation(id: string, change: (o: Obligation) => Obligation): Config {
  if (!config.plan.obligations.some((o) => o.id === id)) throw new Error(`no obligation ${id} in the shipped plan`);
  return {
    ...config,
    plan: { ...config.plan, obligations: config.plan.obligations.map((o) => (o.id === id ? change(o) : o)) },
  };
}

/** A PlanIndex over a variant config, on the shipped calendar. */
export function indexOf(variant: Config): PlanIndex {
  return new PlanIndex(variant, calendar);
}
