/**
 * The facts of an annual report: every occurrence the plan expects in the year (from the
 * domain's deterministic ids), each with what Temporal recorded of it — or the fact that
 * nothing was recorded. Pure types and the pure join; the Temporal reading is in client/occurrence-records.ts.
 */
import { compareDates, localDate, localDateOfInstant } from '../domain/calendar/local-date';
import type { HandedOver } from '../domain/handover';
import type { Occurrence, PlanIndex } from '../domain/occurrences';
import type { StatusCode } from '../domain/status';
import { planReportObligation } from '../domain/targets';
import type { Resolution } from '../workflows/messages';
import { periodLabelVi } from '../vocabulary';
import type { OccurrenceRecord } from '../client/occurrence-records';

export type { OccurrenceRecord };

/** Where the records come from: Temporal (`temporalSource`, the reads of client/occurrence-records.ts), or states at hand in tests. */
export interface FactSource {
  /** Records by occurrence id; an id without a workflow is absent from the map. */
  records(ids: readonly string[]): Promise<Map<string, OccurrenceRecord>>;
}

/**
 * The report's status of an occurrence: the workflow's, or one of two for occurrences
 * without a workflow — `not-opened` (its opening day is still to come) and `not-started`
 * (it should have opened, but nothing is recorded: e.g. the plan was applied mid-year).
 */
export type FactStatus = StatusCode | 'not-opened' | 'not-started';

export interface OccurrenceFact {
  id: string;
  obligation: string;
  unit: string;
  owners: string[];
  period: string;
  periodLabel: string;
  /** The plan's due date, and the one in force (after extensions). */
  plannedDue: string;
  due: string;
  status: FactStatus;
  endedAtMs?: number;
  resolution?: Resolution;
  extended: boolean;
  /** Handed over to the successor of its unit (merged): the report says so where it lists or counts it. */
  handedOver?: HandedOver;
}

export interface ReportScope {
  year: number;
  unit?: string;
  /** The instant the figures are taken at (Vietnam time decides the date). */
  asOfMs: number;
}

/**
 * The occurrences the report accounts for in a year: those the plan expects, whose (planned)
 * due date lies in it — but the report's own. A report does not grade itself: what the office
 * has to say about its own timing it writes in section I.
 */
export function expectedOccurrences(index: PlanIndex, scope: Pick<ReportScope, 'year' | 'unit'>): Occurrence[] {
  const own = planReportObligation(index.config.plan)?.id;
  return index.occurrencesBetween(localDate(scope.year, 1, 1), localDate(scope.year, 12, 31), scope.unit ? { unit: scope.unit } : {}).filter((o) => o.obligation !== own);
}

/** Joins the expected occurrences with the records: one fact per expected occurrence, in due order. */
export function joinFacts(expected: readonly Occurrence[], records: ReadonlyMap<string, OccurrenceRecord>, asOfMs: number): OccurrenceFact[] {
  const today = localDateOfInstant(asOfMs);
  return expected.map((occ) => {
    const rec = records.get(occ.id);
    const base = {
      id: occ.id,
      obligation: occ.obligation,
      unit: occ.unit,
      owners: occ.owners,
      period: occ.period.key,
      periodLabel: periodLabelVi(occ.period),
      plannedDue: occ.due,
    };
    if (!rec) {
      const status: FactStatus = compareDates(occ.opensOn, today) > 0 ? 'not-opened' : 'not-started';
      return { ...base, due: occ.due, status, extended: false };
    }
    return {
      ...base,
      due: rec.due ?? occ.due,
      status: rec.status,
      ...(rec.endedAtMs !== undefined ? { endedAtMs: rec.endedAtMs } : {}),
      ...(rec.resolution ? { resolution: rec.resolution } : {}),
      extended: rec.extended ?? (rec.due !== undefined && rec.due !== occ.due),
      ...(rec.handedOver ? { handedOver: rec.handedOver } : {}),
    };
  });
}

/** Expected occurrences of the scope joined with what the source knows of them. */
export async function collectFacts(index: PlanIndex, scope: ReportScope, source: FactSource): Promise<OccurrenceFact[]> {
  const expected = expectedOccurrences(index, scope);
  const records = await source.records(expected.map((o) => o.id));
  return joinFacts(expected, records, scope.asOfMs);
}
