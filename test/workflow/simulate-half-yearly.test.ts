/**
 * A half-yearly obligation ("sơ kết 6 tháng", due 15/6 and 15/12) run by the real planner and
 * occurrence workflows under time skipping: the annual report of the shipped plan made
 * half-yearly, for 2024, nobody answering.
 */
import { describe, expect, inject, it } from 'vitest';
import { toInstantMs } from '../../domain/calendar/local-date';
import type { Config } from '../../domain/model';
import { PlanIndex } from '../../domain/occurrences';
import { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { plannedOccurrences } from '../../domain/planning';
import { simulate, windowEnd } from '../../workers/simulation/simulate';
import { shippedPlan } from '../helpers/dondoc-harness';

const shipped = shippedPlan().config;
const config: Config = {
  ...shipped,
  plan: {
    ...shipped.plan,
    obligations: shipped.plan.obligations.map((o) =>
      o.id === 'annual-implementation-report'
        ? { ...o, schedules: [{ recurrence: 'half-yearly', due: { rule: 'day-of-half', h1: { month: 6, day: 15 }, h2: { month: 12, day: 15 }, adjust: 'previous' } }] }
        : o,
    ),
  },
};
const index = new PlanIndex(config, new WorkingCalendar(config.calendar));
const FROM = '2024-01-01';

describe('simulate: a half-yearly report, 2024', () => {
  it('opens one occurrence a half-year, due 14/6 and 13/12 (15/6 and 15/12 fall on a weekend), with the whole ladder', async () => {
    const result = await simulate({ config, from: FROM, months: 12, obligation: 'annual-implementation-report', respond: 'never', workflowBundle: { codePath: inject('simulationBundlePath') } });
    expect(result.outcomes.map((o) => [o.occurrence, o.period, o.due, o.status])).toEqual([
      ['occ/annual-implementation-report/huyen/2024-H1', '2024-H1', '2024-06-14', 'overdue'],
      ['occ/annual-implementation-report/huyen/2024-H2', '2024-H2', '2024-12-13', 'overdue'],
    ]);
    const planned = index
      .targets('annual-implementation-report')
      .flatMap((t) => plannedOccurrences(index, t, { notDueBeforeMs: toInstantMs(FROM, '00:00'), until: windowEnd(FROM, 12) }));
    for (const occ of planned) {
      const want = occ.steps.filter((s) => s.kind !== 'close').map((s) => ({ at: s.at, kind: s.kind, to: s.to }));
      const got = result.notifications.filter((n) => n.occurrence === occ.id).map((n) => ({ at: n.at, kind: n.kind, to: n.to }));
      expect(got, occ.id).toEqual(want);
    }
    expect(new Set(result.notifications.map((n) => n.period))).toEqual(new Set(['2024-H1', '2024-H2']));
  }, 120_000);
});
