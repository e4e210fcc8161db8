/**
 * What an occurrence workflow is started with: everything it needs to run its timeline and
 * judge resolutions, as plain data (ids, dates, instants), never contacts or secrets.
 */
import { addDays, formatVi, toInstantMs } from './calendar/local-date';
import type { ObligationKind, Resolution } from './model';
import type { Occurrence, PlanIndex } from './occurrences';
import { periodLabelVi } from './periods';
import type { Step } from './timeline';

export interface OccurrenceSpec {
  id: string;
  plan: string;
  obligation: string;
  title: string;
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
  periodLabel: string;
  due: string;
  dueAtMs: number;
  /** From this instant an unresolved occurrence is overdue (see Occurrence.overdueFromMs). */
  overdueFromMs: number;
  opensOn: string;
  /** When the unit ceases to exist (00:00 after its last day): an open occurrence closes then. */
  unitEndsAtMs?: number;
  steps: Step[];
  /** One Vietnamese line for the memo, emails and lists. */
  summary: string;
}

export function specOf(index: PlanIndex, occ: Occurrence): OccurrenceSpec {
  const obligation = index.obligation(occ.obligation);
  const unit = index.units.get(occ.unit);
  const periodLabel = periodLabelVi(occ.period);
  return {
    id: occ.id,
    plan: index.config.plan.id,
    obligation: obligation.id,
    title: obligation.title,
    clauseRef: obligation.clause.ref,
    clauseText: obligation.clause.text,
    kind: obligation.kind,
    resolution: obligation.resolution,
    unit: occ.unit,
    unitName: unit?.name ?? occ.unit,
    target: occ.target,
    owners: occ.owners,
    participants: occ.participants,
    period: occ.period.key,
    periodLabel,
    due: occ.due,
    dueAtMs: occ.dueAtMs,
    overdueFromMs: occ.overdueFromMs,
    opensOn: occ.opensOn,
    ...(unit?.validTo ? { unitEndsAtMs: toInstantMs(addDays(unit.validTo, 1), '00:00') } : {}),
    steps: occ.steps,
    // A one-off period's label is its due date already: say it once.
    summary: [obligation.title, unit?.name ?? occ.unit, ...(occ.period.recurrence === 'once' ? [] : [periodLabel]), dueWords(occ.due)].join(' — '),
  };
}

const dueWords = (due: string) => `hạn ${formatVi(due)}`;

/** The same summary line with a new due date (after an extension). */
export function summaryWithDue(summary: string, due: string): string {
  return summary.replace(/hạn \d{2}\/\d{2}\/\d{4}$/, dueWords(due));
}
