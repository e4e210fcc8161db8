/**
 * The annual report as data: counts per obligation and per unit, the overdue items with
 * their working days late, indicators against targets, and the registered activities
 * (evidence of the obligations that require it). Pure: facts and the plan in, a model out.
 */
import { groupBy } from '../domain/group-by';
import { compareDates, localDateOfInstant, parts } from '../domain/calendar/local-date';
import type { HandedOver } from '../domain/handover';
import type { Recurrence, Resolution } from '../domain/model';
import { isGraded, relationContext } from '../domain/relation';
import type { PlanIndex } from '../domain/occurrences';
import { meetsTarget } from '../domain/resolution';
import type { StatusCode } from '../domain/status';
import { tally } from '../domain/tally';
import { expectedOccurrences, type FactStatus, type OccurrenceFact, type ReportScope } from './facts';
import { planCitationOf } from '../vocabulary';

export interface Counts {
  /** Every occurrence the plan expects in the scope and year. */
  expected: number;
  onTime: number;
  late: number;
  /** Overdue and unresolved, whether still chased or already closed as overdue. */
  overdue: number;
  waived: number;
  /** Open and not yet overdue. */
  open: number;
  /** Closed because the unit ceased to exist. */
  closed: number;
  /** No workflow yet, its opening day still to come. */
  notOpened: number;
  /** No workflow although it should have opened (e.g. the plan was applied later). */
  notStarted: number;
  /** (on time + late) / (on time + late + overdue); null when none of these. */
  completionRate: number | null;
  /** on time / (on time + late + overdue); null when none of these. */
  onTimeRate: number | null;
}

const COUNTED: Record<FactStatus, Exclude<keyof Counts, 'expected' | 'completionRate' | 'onTimeRate'>> = {
  'done-on-time': 'onTime',
  'done-late': 'late',
  overdue: 'overdue',
  waived: 'waived',
  open: 'open',
  closed: 'closed',
  'not-opened': 'notOpened',
  'not-started': 'notStarted',
};

export function countFacts(facts: readonly OccurrenceFact[]): Counts {
  const c: Counts = { expected: 0, onTime: 0, late: 0, overdue: 0, waived: 0, open: 0, closed: 0, notOpened: 0, notStarted: 0, completionRate: null, onTimeRate: null };
  for (const f of facts) {
    c.expected++;
    c[COUNTED[f.status]]++;
  }
  // The rate as the status board takes it (domain/tally.ts); occurrences without a workflow are outside it.
  const t = tally(facts.flatMap((f) => (f.status === 'not-opened' || f.status === 'not-started' ? [] : [f.status as StatusCode])));
  if (t.completionRate !== undefined) {
    c.completionRate = t.completionRate;
    c.onTimeRate = t.counts['done-on-time'] / t.due;
  }
  return c;
}

export interface Named {
  id: string;
  name: string;
}

export interface OverdueItem {
  id: string;
  obligation: Named;
  unit: Named;
  owners: string[];
  /** The owners' body ids (`owners` are their names). */
  ownerIds: string[];
  periodLabel: string;
  due: string;
  /** Working days from the due date to the report's date (as of). */
  workingDaysLate: number;
  /** True when its ladder ended (closed as overdue): no more reminders go out. */
  closed: boolean;
  /** Handed over to the successor of its unit (merged). */
  handedOver?: HandedOver;
}

export type IndicatorVerdict = 'met' | 'not-met' | 'no-target' | 'not-reported';

export interface IndicatorRow {
  id: string;
  obligation: Named;
  label: string;
  /** `%`. */
  measure: string;
  comparison: '>=' | '<=';
  target?: number;
  value?: number;
  verdict: IndicatorVerdict;
  status: FactStatus;
  owners: string[];
  due: string;
}

export interface RegisteredItem {
  id: string;
  obligation: Named;
  unit: Named;
  owner: string;
  /** The evidence: the registered activity's title. */
  title: string;
  registeredOn: string;
  onTime: boolean;
}

/**
 * A duty Party leadership owns (Thường trực's giao ban): not graded, said as what happened —
 * held in `held` of the `due` periods that have come, `waived` not held, `unknown` without
 * news of it.
 */
export interface MaintainedRow {
  obligation: Named & { clauseRef: string };
  /** The recurrence of its periods, to name them (`quý`). */
  recurrence: Recurrence;
  held: number;
  due: number;
  waived: number;
  unknown: number;
}

export interface AnnualReport {
  year: number;
  /** The report of one unit, when asked for one. */
  unit?: Named;
  asOfMs: number;
  asOf: string;
  plan: { id: string; title: string; document: string; issuedBy: string; ends: string };
  monitor: string;
  /** How wide the year's work was: obligations with occurrences, their owner bodies, units. */
  reach: { obligations: number; owners: number; units: number };
  /** The occurrences the plan expects the next year, when the plan still runs then. */
  nextYear?: { year: number; expected: number };
  /** The graded occurrences: every one but those of duties Party leadership owns. */
  totals: Counts;
  byObligation: { obligation: Named & { clauseRef: string }; counts: Counts }[];
  /** The duties Party leadership owns, said as what happened (not in totals, byObligation, byUnit or overdue). */
  maintained: MaintainedRow[];
  byUnit: { unit: Named; counts: Counts }[];
  overdue: OverdueItem[];
  indicators: IndicatorRow[];
  /** Registrations (obligations of kind registration, their evidence what was registered), with what was registered. */
  registrations: { obligation: Named & { evidenceLabel: string }; items: RegisteredItem[] }[];
  /** The facts themselves, in due order (CSV, appendices). */
  facts: OccurrenceFact[];
}


/**
 * Working days late: to the report's date for an occurrence still overdue, to the day it
 * was done for one done late; undefined otherwise.
 */
export function workingDaysLate(index: PlanIndex, fact: OccurrenceFact, asOf: string): number | undefined {
  const end = fact.status === 'overdue' ? asOf : fact.status === 'done-late' && fact.endedAtMs !== undefined ? localDateOfInstant(fact.endedAtMs) : undefined;
  if (end === undefined) return undefined;
  return compareDates(end, fact.due) > 0 ? index.calendar.workingDaysBetween(fact.due, end) : 0;
}

/** The verdict the occurrence recorded when its value was reported, else the plan's rule on its value. */
function verdictOf(value: number | undefined, met: boolean | undefined, resolution: Resolution): IndicatorVerdict {
  if (value === undefined) return 'not-reported';
  const m = met ?? meetsTarget(resolution, value);
  return m === undefined ? 'no-target' : m ? 'met' : 'not-met';
}

export function aggregate(index: PlanIndex, scope: ReportScope, all: readonly OccurrenceFact[]): AnnualReport {
  const asOf = localDateOfInstant(scope.asOfMs);
  const plan = index.config.plan;
  // A commission does not grade the duties Party leadership owns (domain/relation.ts, isGraded).
  const ctx = relationContext(index);
  const facts = all.filter((f) => isGraded(f.owners, ctx));
  const maintained = plan.obligations.flatMap((o): MaintainedRow[] => {
    const of = all.filter((f) => f.obligation === o.id && !isGraded(f.owners, ctx));
    if (of.length === 0) return [];
    const c = countFacts(of);
    return [{ obligation: { id: o.id, name: o.title, clauseRef: o.clause.ref }, recurrence: o.schedules[0]!.recurrence, held: c.onTime + c.late, due: c.onTime + c.late + c.overdue + c.waived + c.notStarted, waived: c.waived, unknown: c.overdue + c.notStarted }];
  });
  const unitName = (id: string) => index.unitName(id);
  const bodyName = (id: string) => index.bodyName(id);
  const obligationOf = (id: string) => {
    const o = index.obligations.get(id);
    return { id, name: o?.title ?? id };
  };

  const byObligationFacts = groupBy(facts, (f) => f.obligation);
  const byObligation = plan.obligations
    .filter((o) => byObligationFacts.has(o.id))
    .map((o) => ({ obligation: { id: o.id, name: o.title, clauseRef: o.clause.ref }, counts: countFacts(byObligationFacts.get(o.id)!) }));

  const byUnitFacts = groupBy(facts, (f) => f.unit);
  const byUnit = index.config.directory.units
    .filter((u) => byUnitFacts.has(u.id))
    .map((u) => ({ unit: { id: u.id, name: u.name }, counts: countFacts(byUnitFacts.get(u.id)!) }));

  const overdue = facts
    .filter((f) => f.status === 'overdue')
    .map(
      (f): OverdueItem => ({
        id: f.id,
        obligation: obligationOf(f.obligation),
        unit: { id: f.unit, name: unitName(f.unit) },
        owners: f.owners.map(bodyName),
        ownerIds: f.owners,
        periodLabel: f.periodLabel,
        due: f.due,
        workingDaysLate: workingDaysLate(index, f, asOf) ?? 0,
        closed: f.endedAtMs !== undefined,
        ...(f.handedOver ? { handedOver: f.handedOver } : {}),
      }),
    )
    .sort((a, b) => b.workingDaysLate - a.workingDaysLate || compareDates(a.due, b.due) || a.id.localeCompare(b.id));

  const indicators: IndicatorRow[] = [];
  const registrations: AnnualReport['registrations'] = [];
  for (const o of plan.obligations) {
    const list = byObligationFacts.get(o.id);
    if (!list) continue;
    const r = o.resolution;
    if (r.type === 'indicator') {
      for (const f of list) {
        const value = f.resolution?.value;
        indicators.push({
          id: f.id,
          obligation: { id: o.id, name: o.title },
          label: r.label,
          measure: r.unit,
          comparison: r.comparison,
          ...(r.target !== undefined ? { target: r.target } : {}),
          ...(value !== undefined ? { value } : {}),
          verdict: verdictOf(value, f.resolution?.met, r),
          status: f.status,
          owners: f.owners.map(bodyName),
          due: f.due,
        });
      }
    } else if (r.type === 'evidence' && o.kind === 'registration') {
      const items = list
        .filter((f) => (f.status === 'done-on-time' || f.status === 'done-late') && f.resolution?.evidence)
        .map(
          (f): RegisteredItem => ({
            id: f.id,
            obligation: { id: o.id, name: o.title },
            unit: { id: f.unit, name: unitName(f.unit) },
            owner: f.owners.map(bodyName).join(', '),
            title: f.resolution!.evidence!.trim(),
            registeredOn: localDateOfInstant(f.endedAtMs ?? f.resolution!.atMs),
            onTime: f.status === 'done-on-time',
          }),
        );
      registrations.push({ obligation: { id: o.id, name: o.title, evidenceLabel: r.evidenceLabel }, items });
    }
  }

  const next = scope.year + 1;
  const nextExpected = next <= parts(plan.period.to).year ? expectedOccurrences(index, { year: next, unit: scope.unit }).filter((o) => isGraded(o.owners, ctx)).length : 0;

  return {
    year: scope.year,
    ...(scope.unit ? { unit: { id: scope.unit, name: unitName(scope.unit) } } : {}),
    asOfMs: scope.asOfMs,
    asOf,
    plan: { id: plan.id, title: plan.title, document: planCitationOf(index), issuedBy: plan.source.issuedBy, ends: plan.period.to },
    monitor: plan.monitor,
    reach: { obligations: byObligation.length + maintained.length, owners: new Set(all.flatMap((f) => f.owners)).size, units: byUnit.length },
    ...(nextExpected > 0 ? { nextYear: { year: next, expected: nextExpected } } : {}),
    totals: countFacts(facts),
    byObligation,
    maintained,
    byUnit,
    overdue,
    indicators,
    registrations,
    facts: [...all],
  };
}
