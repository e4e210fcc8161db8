/**
 * What an occurrence workflow is started with: everything it needs to run its timeline and
 * judge resolutions, as plain data (ids, dates, instants), never contacts or secrets.
 */
import { addDays, toInstantMs } from './calendar/local-date';
import type { ObligationKind, Resolution } from './model';
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
  period: string;
  due: string;
  dueAtMs: number;
  /** From this instant an unresolved occurrence is overdue (see Occurrence.overdueFromMs). */
  overdueFromMs: number;
  opensOn: string;
  /** Lateness under which a notice found late is still sent as it is (see domain/catch-up.ts). */
  graceMs: number;
  /** When the unit ceases to exist (00:00 after its last day): an open occurrence closes then. */
  unitEndsAtMs?: number;
  /** How the unit ends: handed over to a successor, transferred out of the plan's scope, abolished. */
  unitEnd?: UnitEnd;
  steps: Step[];
}

export interface UnitEnd {
  way: 'handover' | 'transferred' | 'abolished';
  successor?: string;
  successorName?: string;
  /** In Vietnamese, for status, board and report. */
  reason: string;
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
    period: occ.period.key,
    due: occ.due,
    dueAtMs: occ.dueAtMs,
    overdueFromMs: occ.overdueFromMs,
    opensOn: occ.opensOn,
    graceMs: index.graceOf(occ.obligation),
    ...(unit?.validTo ? { unitEndsAtMs: toInstantMs(addDays(unit.validTo, 1), '00:00') } : {}),
    steps: occ.steps,
  };
}

