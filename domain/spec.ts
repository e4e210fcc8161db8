/**
 * What an occurrence workflow is started with: everything it needs to run its timeline and
 * judge resolutions, as plain data (ids, dates, instants), never contacts or secrets.
 */
import { addDays, formatVi, toInstantMs } from './calendar/local-date';
import type { Meeting } from './meetings';
import type { ObligationKind, Resolution, Unit } from './model';
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
  /** One Vietnamese line for the memo, emails and lists. */
  summary: string;
}

/**
 * What becomes of an open occurrence when its unit ends: `handover` to the successor (its
 * bodies get the remaining notices), or closed because the unit was `transferred` out of
 * the plan's scope or `abolished`. `reason` is the Vietnamese words for status pages, the
 * board and the report: "chuyển giao cho thị trấn Biển Động từ ngày 01/01/2025", "chuyển
 * về thị xã Chũ từ ngày 01/01/2025 (Nghị quyết 1191/NQ-UBTVQH15)".
 */
export interface SpecUnitEnd {
  way: 'handover' | 'transferred' | 'abolished';
  successor?: string;
  successorName?: string;
  reason: string;
}

/** When and how a unit ends, for the spec of one of its occurrences; {} while it lasts. */
export function unitEndOf(index: PlanIndex, unit: Unit | undefined): Pick<OccurrenceSpec, 'unitEndsAtMs' | 'unitEnd'> {
  if (!unit?.validTo) return {};
  const from = addDays(unit.validTo, 1);
  const unitEndsAtMs = toInstantMs(from, '00:00');
  const end = unit.end;
  if (end?.way === 'merged') {
    const successorName = index.units.get(end.successor)?.name ?? end.successor;
    const reason = end.reason ?? `chuyển giao cho ${successorName} từ ngày ${formatVi(from)}`;
    return { unitEndsAtMs, unitEnd: { way: 'handover', successor: end.successor, successorName, reason } };
  }
  if (end?.way === 'transferred') return { unitEndsAtMs, unitEnd: { way: 'transferred', reason: end.reason } };
  return { unitEndsAtMs, unitEnd: { way: 'abolished', reason: end?.reason ?? `${unit.name} kết thúc hoạt động từ ngày ${formatVi(from)}` } };
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
    ...unitEndOf(index, unit),
    steps: occ.steps,
    ...(occ.meeting ? { meeting: occ.meeting } : {}),
    // A one-off period's label is its due date already: say it once.
    summary: [obligation.title, unit?.name ?? occ.unit, ...(occ.period.recurrence === 'once' ? [] : [periodLabel]), dueWords(occ.due)].join(' — '),
  };
}

const dueWords = (due: string) => `hạn ${formatVi(due)}`;

/** The same summary line in another unit (after a handover). */
export function summaryWithUnit(summary: string, from: string, to: string): string {
  return summary
    .split(' — ')
    .map((part, i) => (i > 0 && part === from ? to : part))
    .join(' — ');
}

/** The same summary line with a new due date (after an extension). */
export function summaryWithDue(summary: string, due: string): string {
  return summary.replace(/hạn \d{2}\/\d{2}\/\d{4}$/, dueWords(due));
}
