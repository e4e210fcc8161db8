/**
 * Mornings for the benchmarks (issue 19, point 3): which morning of a year is the busiest (the
 * most emails due that morning, every notice to every recipient, nobody answering), and that
 * morning's occurrences as specs that start just before it, for bench/burst.ts --morning.
 */
import { localDateOfInstant, toInstantMs } from '../../domain/calendar/local-date';
import { durationMs } from '../../domain/durations';
import type { PlanIndex } from '../../domain/occurrences';
import type { OccurrenceSpec } from '../../domain/spec';
import { yearSpecs } from './specs';

export interface MorningLoad {
  day: string;
  /** Notices (one local activity each: a step of an occurrence) and emails (a notice to each recipient). */
  notices: number;
  emails: number;
  addresses: number;
  /** The recipients that get the most notices that morning, with how many. */
  busiestRecipients: [string, number][];
}

/** The notices (step, recipients) of each day of the year, by day. */
function noticesByDay(specs: OccurrenceSpec[], year: string): Map<string, { spec: OccurrenceSpec; to: string[] }[]> {
  const byDay = new Map<string, { spec: OccurrenceSpec; to: string[] }[]>();
  for (const spec of specs) {
    for (const step of spec.steps) {
      if (step.kind === 'close' || step.to.length === 0 || !step.at.startsWith(year)) continue;
      const day = localDateOfInstant(step.atMs);
      byDay.set(day, [...(byDay.get(day) ?? []), { spec, to: step.to }]);
    }
  }
  return byDay;
}

function loadOf(day: string, notices: { to: string[] }[]): MorningLoad {
  const per = new Map<string, number>();
  for (const n of notices) for (const b of n.to) per.set(b, (per.get(b) ?? 0) + 1);
  return {
    day,
    notices: notices.length,
    emails: notices.reduce((a, n) => a + n.to.length, 0),
    addresses: per.size,
    busiestRecipients: [...per.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5),
  };
}

/** The mornings of a year, busiest first (by emails, then notices). */
export function mornings(index: PlanIndex, year = '2024'): MorningLoad[] {
  const byDay = noticesByDay(yearSpecs(index, `${year}-01-01`, `${year}-12-31`), year);
  return [...byDay.entries()].map(([day, n]) => loadOf(day, n)).sort((a, b) => b.emails - a.emails || b.notices - a.notices);
}

/**
 * The occurrences with a notice on `day`, as specs that begin with that notice: earlier steps are
 * left out (they would be caught up at the start, before the morning) and the rest renumbered.
 */
export function morningSpecs(index: PlanIndex, day: string): OccurrenceSpec[] {
  const year = day.slice(0, 4);
  const from = toInstantMs(day, '00:00');
  return yearSpecs(index, `${year}-01-01`, `${year}-12-31`)
    .filter((s) => s.steps.some((st) => st.kind !== 'close' && st.to.length > 0 && localDateOfInstant(st.atMs) === day))
    .map((s) => ({ ...s, steps: s.steps.filter((st) => st.atMs >= from).map((st, i) => ({ ...st, index: i })) }));
}

/** The send window of the ladder of `obligation` on `day`: its start and end instants. */
export function sendWindowOn(index: PlanIndex, obligation: string, day: string): { startMs: number; endMs: number } {
  const ladder = index.ladderOf(obligation);
  const endMs = toInstantMs(day, ladder.sendAt);
  return { startMs: endMs - (ladder.sendWindow ? durationMs(ladder.sendWindow) : 0), endMs };
}
