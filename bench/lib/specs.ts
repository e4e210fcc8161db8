/**
 * Occurrence specs for the benchmarks: the plan's real occurrences (every obligation, every
 * unit, one year), cycled with a run prefix in the id to reach any count.
 */
import { withOneAddressPerBody } from '../../config/one-address-per-body';
import { toInstantMs } from '../../domain/calendar/local-date';
import { forEachLimit } from '../../domain/each-limit';
import type { Config } from '../../domain/model';
import { PlanIndex } from '../../domain/occurrences';
import { plannedOccurrences } from '../../domain/planning';
import { specOf, type OccurrenceSpec } from '../../domain/spec';

export function planIndex(config: Config): PlanIndex {
  return PlanIndex.fromConfig(config);
}

/** The year's occurrences of the whole plan, as the planners would open them. */
export function yearSpecs(index: PlanIndex, from = '2024-01-01', until = '2024-12-31'): OccurrenceSpec[] {
  const window = { notDueBeforeMs: toInstantMs(from, '00:00'), until };
  return index.config.plan.obligations
    .flatMap((o) => index.targets(o.id))
    .flatMap((t) => plannedOccurrences(index, t, window))
    .map((o) => specOf(index, o));
}

/** `count` specs cycling through `base`, each with its own id under `prefix`. */
export function cycled(base: OccurrenceSpec[], count: number, prefix: string): OccurrenceSpec[] {
  const out: OccurrenceSpec[] = [];
  for (let i = 0; i < count; i++) {
    const s = base[i % base.length]!;
    out.push({ ...s, id: `${prefix}/${i}/${s.id.replace(/^occ\//, '')}` });
  }
  return out;
}

/** Runs `fn` over `items` with at most `limit` in flight; resolves with each call's duration (ms). */
export async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<number[]> {
  const durations: number[] = new Array(items.length);
  await forEachLimit(items, limit, async (item, i) => {
    const t = performance.now();
    await fn(item, i);
    durations[i] = performance.now() - t;
  });
  return durations;
}

/** Every body gets one non-placeholder address, `<body>@bench.dondoc.vn` (SMTP never gets placeholders). */
export const withRealContacts = (config: Config): Config => withOneAddressPerBody(config, 'bench.dondoc.vn');
