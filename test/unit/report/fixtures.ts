/**
 * A synthetic year for the report's unit tests: the shipped plan's 2024 occurrences with
 * statuses dealt by the simulation's seeded `mixed` responder, January left unstarted (the
 * plan applied on 1 February), and whatever opens after `asOf` not yet opened.
 */
import { loadConfig } from '../../../config/load';
import { compareDates, localDateOfInstant, toInstantMs } from '../../../domain/calendar/local-date';
import { PlanIndex } from '../../../domain/occurrences';
import { expectedOccurrences, type FactSource, type OccurrenceRecord } from '../../../reporting/facts';
import { behaviourOf } from '../../../workers/simulation/responder';

const { config } = loadConfig();
export const index = PlanIndex.fromConfig(config);

export interface Synthetic {
  records: Map<string, OccurrenceRecord>;
  source: FactSource;
}

/** Records for `year` (all units, or one) as of `asOfMs`: the seeded mix, with evidence and values. */
export function syntheticYear(opts: { year?: number; unit?: string; asOfMs: number; appliedFrom?: string; seed?: number }): Synthetic {
  const year = opts.year ?? 2024;
  const applied = opts.appliedFrom ?? `${year}-02-01`;
  const today = localDateOfInstant(opts.asOfMs);
  const records = new Map<string, OccurrenceRecord>();
  for (const occ of expectedOccurrences(index, { year, unit: opts.unit })) {
    if (compareDates(occ.opensOn, applied) < 0 && compareDates(occ.due, applied) < 0) continue; // never started
    if (compareDates(occ.opensOn, today) > 0) continue; // not opened yet
    const resolution = index.obligation(occ.obligation).resolution;
    const behaviour = behaviourOf('mixed', occ.id, resolution, opts.seed ?? 3);
    const onTimeAt = occ.steps[0]!.atMs;
    const lateAt = occ.overdueFromMs;
    const closeAt = occ.steps.at(-1)!.atMs;
    const by = occ.owners[0]!;
    if (behaviour === 'on-time' && onTimeAt <= opts.asOfMs) {
      records.set(occ.id, resolved('done-on-time', occ.due, onTimeAt, by, resolution.type, occ.id));
    } else if (behaviour === 'waive' && onTimeAt <= opts.asOfMs) {
      records.set(occ.id, { status: 'waived', due: occ.due, endedAtMs: onTimeAt, resolution: { action: 'waive', by, atMs: onTimeAt, reason: 'Không có buổi tiếp.' } });
    } else if (behaviour === 'late' && lateAt <= opts.asOfMs) {
      records.set(occ.id, resolved('done-late', occ.due, lateAt, by, resolution.type, occ.id));
    } else if (occ.overdueFromMs <= opts.asOfMs) {
      records.set(occ.id, { status: 'overdue', due: occ.due, ...(closeAt <= opts.asOfMs ? { endedAtMs: closeAt } : {}) });
    } else {
      records.set(occ.id, { status: 'open', due: occ.due });
    }
  }
  return {
    records,
    source: {
      async records(ids) {
        return new Map(ids.flatMap((id) => (records.has(id) ? [[id, records.get(id)!] as const] : [])));
      },
    },
  };
}

function resolved(status: 'done-on-time' | 'done-late', due: string, atMs: number, by: string, type: string, id: string): OccurrenceRecord {
  if (type === 'indicator') {
    // 60 % meets a ≥ 55 % target; 40 % would not.
    const value = id.includes('veterans') ? 60 : 40;
    return { status, due, endedAtMs: atMs, resolution: { action: 'record', by, atMs, value, ...(id.includes('veterans') ? { met: true } : {}) } };
  }
  const evidence = type === 'evidence' ? `Mô hình “Dân vận khéo” của ${id.split('/').slice(3).join('/')}` : undefined;
  return { status, due, endedAtMs: atMs, resolution: { action: 'complete', by, atMs, ...(evidence ? { evidence } : {}) } };
}

export const END_OF_2024 = toInstantMs('2025-02-15', '12:00');
export const MID_2024 = toInstantMs('2024-07-10', '12:00');
