/**
 * What an occurrence workflow is started with: everything it needs to run its timeline and
 * judge resolutions, as plain data (ids, dates, instants), never contacts or secrets.
 */
import { addDays, toInstantMs } from './calendar/local-date';
import type { Meeting } from './meetings';
import type { ObligationKind, Resolution, Unit } from './model';
import type { Occurrence, PlanIndex } from './occurrences';
import type { Step } from './timeline';

export interface OccurrenceSpec {
  id: string;
  plan: string;
  obligation: string;
  title: string;
  /** The obligation's short name (`Giao ban`): subjects, calendar entries, lists. */
  shortTitle: string;
  clauseRef: string;
  clauseText: string;
  kind: ObligationKind;
  resolution: Resolution;
  unit: string;
  unitName: string;
  target: string;
  owners: string[];
  participants: string[];
  /**
   * The directory's name of every body the occurrence names (owners, participants, each step's
   * recipients), for what the Temporal UI shows of it; the workflow decides with ids only.
   * Absent from specs made before it (the UI then shows ids).
   */
  bodyNames?: Record<string, string>;
  period: string;
  due: string;
  dueAtMs: number;
  /** From this instant an unresolved occurrence is overdue (see Occurrence.overdueFromMs). */
  overdueFromMs: number;
  opensOn: string;
  /** Lateness under which a notice found late is still sent as it is (see domain/catch-up.ts). */
  graceMs: number;
  /**
   * When the unit ends (00:00 after its last day): an open occurrence is then handed over to
   * the successor, or closed (see unitEnd).
   */
  unitEndsAtMs?: number;
  /** How the unit ends, present with unitEndsAtMs. */
  unitEnd?: SpecUnitEnd;
  steps: Step[];
  /**
   * The meeting of a meeting occurrence (at the deadline), or the event an invitation is for
   * (the reception day): what calendar invites and emails show.
   */
  meeting?: Meeting;
}

/**
 * What becomes of an open occurrence when its unit ends: `handover` to the successor (its
 * bodies get the remaining notices), or closed because the unit was `transferred` out of
 * the plan's scope or `abolished`. `on` is the first day without the unit; `reason` the
 * directory's own words where it gives them (vocabulary/console.ts words the rest).
 */
export interface SpecUnitEnd {
  way: 'handover' | 'transferred' | 'abolished';
  on: string;
  successor?: string;
  successorName?: string;
  reason?: string;
}

/** When and how a unit ends, for the spec of one of its occurrences; {} while it lasts. */
export function unitEndOf(index: PlanIndex, unit: Unit | undefined): Pick<OccurrenceSpec, 'unitEndsAtMs' | 'unitEnd'> {
  if (!unit?.validTo) return {};
  const on = addDays(unit.validTo, 1);
  const unitEndsAtMs = toInstantMs(on, '00:00');
  const end = unit.end;
  const reason = end?.reason !== undefined ? { reason: end.reason } : {};
  if (end?.way === 'merged') {
    return { unitEndsAtMs, unitEnd: { way: 'handover', on, successor: end.successor, successorName: index.unitName(end.successor), ...reason } };
  }
  return { unitEndsAtMs, unitEnd: { way: end?.way ?? 'abolished', on, ...reason } };
}

/** The directory's names of the bodies a spec names: its owners, participants and every step's recipients. */
export function bodyNamesOf(index: Pick<PlanIndex, 'bodyName'>, spec: Pick<OccurrenceSpec, 'owners' | 'participants' | 'steps'>): Record<string, string> {
  const ids = new Set([...spec.owners, ...spec.participants, ...spec.steps.flatMap((s) => s.to)]);
  return Object.fromEntries([...ids].map((id) => [id, index.bodyName(id)]));
}

export function specOf(index: PlanIndex, occ: Occurrence): OccurrenceSpec {
  const obligation = index.obligation(occ.obligation);
  const unit = index.units.get(occ.unit);
  return {
    id: occ.id,
    plan: index.config.plan.id,
    obligation: obligation.id,
    title: obligation.title,
    shortTitle: obligation.shortTitle ?? obligation.title,
    clauseRef: obligation.clause.ref,
    clauseText: obligation.clause.text,
    kind: obligation.kind,
    resolution: obligation.resolution,
    unit: occ.unit,
    unitName: index.unitName(occ.unit),
    target: occ.target,
    owners: occ.owners,
    participants: occ.participants,
    bodyNames: bodyNamesOf(index, occ),
    period: occ.period.key,
    due: occ.due,
    dueAtMs: occ.dueAtMs,
    overdueFromMs: occ.overdueFromMs,
    opensOn: occ.opensOn,
    graceMs: index.graceOf(occ.obligation),
    ...unitEndOf(index, unit),
    steps: occ.steps,
    ...(occ.meeting ? { meeting: occ.meeting } : {}),
  };
}

