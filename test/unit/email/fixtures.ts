/** The shipped plan for the email tests, a variant with real-looking addresses, and occurrences from it. */
import { withRealContacts as realContacts } from '../../helpers/contacts';
import { staticPlanSource, type PlanSource } from '../../../config/plan-source';
import type { NotifyInput } from '../../../activities/types';
import { loadConfig } from '../../../config/load';
import type { Config } from '../../../domain/model';
import { PlanIndex } from '../../../domain/occurrences';
import { specOf, type OccurrenceSpec } from '../../../domain/spec';
import type { Step, StepKind } from '../../../domain/timeline';

export const shipped: Config = loadConfig().config;
export const shippedIndex = PlanIndex.fromConfig(shipped);

export const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
export const LINKS = { secret: SECRET, publicUrl: 'https://dondoc.lucngan.test' };
export const FROM = 'Đôn đốc Lục Ngạn <dondoc@lucngan.test>';

/** Every body of `base` with one real (non-placeholder) contact `<body id>@lucngan.test`, or as `override` says. */
export function withRealContacts(override: Record<string, string> = {}, base: Config = shipped): Config {
  return realContacts(base, override);
}

export function indexOf(config: Config): PlanIndex {
  return PlanIndex.fromConfig(config);
}

/** A plan source whose config can be swapped (a directory edited while running). */
export function mutablePlan(config: Config): PlanSource & { set(c: Config): void } {
  let index = indexOf(config);
  return { current: () => index, set: (c) => (index = indexOf(c)) };
}

export { staticPlanSource };

export function spec(id: string, from: string, to: string, index: PlanIndex = shippedIndex): OccurrenceSpec {
  const [, obligation, unit] = id.split('/');
  const occ = index.occurrencesBetween(from, to, { obligation: obligation!, unit: unit! }).find((o) => o.id === id);
  if (!occ) throw new Error(`no occurrence ${id}`);
  return specOf(index, occ);
}

/** Thường trực's giao ban: a duty Party leadership owns, prepared by Ban Dân vận, never chased. */
export const BRIEFING = () => spec('occ/quarterly-briefing/huyen/2024-Q3', '2024-09-01', '2024-09-30');
/** The district chair's working session: a meeting UBND huyện convenes, the district organisations invited. */
export const SESSION = () => spec('occ/chair-working-session/huyen/2024-Q3', '2024-07-01', '2024-09-30');
export const RECEPTION = () => spec('occ/citizen-reception-invite/bien-son/2024-07', '2024-07-01', '2024-07-31');
export const REGISTRATION = () => spec('occ/creative-activity-registration/bien-son/2024/mttq', '2024-01-01', '2024-12-31');
export const VETERANS = () => spec('occ/veterans-chair-indicator/huyen/2024', '2024-01-01', '2024-12-31');

export function stepOf(s: OccurrenceSpec, kind: StepKind, offset?: number): Step {
  const step = s.steps.find((st) => st.kind === kind && (offset === undefined || st.offset === offset));
  if (!step) throw new Error(`${s.id} has no ${kind} step${offset === undefined ? '' : ` at ${offset}`}`);
  return step;
}

/** The notify input the workflow would send for a step. */
export function inputFor(s: OccurrenceSpec, step: Step): NotifyInput {
  const { steps: _steps, ...occurrence } = s;
  return { occurrence, step, logicalAtMs: step.atMs };
}
