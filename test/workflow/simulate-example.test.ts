/**
 * The two-tier example (config/examples/tinh-vi-du) runs: the real planners and occurrences
 * of a provincial plan over a province and its xã, phường and đặc khu, on a time-skipping
 * server of its own, nobody answering, for the first quarter of 2026.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { localDateOfInstant, toInstantMs } from '../../domain/calendar/local-date';
import { plannedOccurrences } from '../../domain/planning';
import { specOf } from '../../domain/spec';
import { simulate, windowEnd, type SimulationResult } from '../../workers/simulation/simulate';
import { examplePlan } from '../helpers/example-plan';

const { config, index } = examplePlan();
const FROM = '2026-01-01';
const MONTHS = 3;

let run: Promise<SimulationResult>;
beforeAll(() => {
  run = simulate({ config, from: FROM, months: MONTHS, respond: 'never', workflowBundle: { codePath: inject('simulationBundlePath') } });
  run.catch(() => undefined); // a failure shows in the tests below
});

const planned = () => {
  const window = { notDueBeforeMs: toInstantMs(FROM, '00:00'), until: windowEnd(FROM, MONTHS) };
  return config.plan.obligations.flatMap((o) => index.targets(o.id)).flatMap((t) => plannedOccurrences(index, t, window));
};

describe('simulating the two-tier example, nobody answering', () => {
  it('opens every occurrence the plan expects in the province and every grassroots unit, each ending overdue after its whole ladder', async () => {
    const result = await run;
    const expected = planned();
    expect(new Set(expected.map((o) => o.unit))).toEqual(new Set(['tinh', 'an-phu', 'tan-hoa', 'dong-thanh', 'tay-son', 'hon-ngoc']));
    expect(result.outcomes.map((o) => o.occurrence).sort()).toEqual(expected.map((o) => o.id).sort());
    for (const o of result.outcomes) expect(o.status, o.occurrence).toBe('overdue');
    for (const occ of expected) {
      const want = occ.steps.filter((s) => s.kind !== 'close').map((s) => ({ at: s.at, kind: s.kind, to: s.to }));
      const got = result.notifications.filter((n) => n.occurrence === occ.id).map((n) => ({ at: n.at, kind: n.kind, to: n.to }));
      expect(got, occ.id).toEqual(want);
    }
  }, 120_000);

  it("escalates a special zone's and a ward's Front to their own Party committee, the province's to the commission; never the Thường trực's giao ban", async () => {
    const result = await run;
    const escalated = (occurrence: string) => result.notifications.find((n) => n.occurrence === occurrence && n.kind === 'escalation')?.to;
    expect(escalated('occ/creative-activity-registration/hon-ngoc/2026')).toEqual(['mttq-hon-ngoc', 'dang-uy-hon-ngoc']);
    expect(escalated('occ/chair-working-session/dong-thanh/2026-Q1')).toEqual(['ubnd-dong-thanh', 'dang-uy-dong-thanh']);
    expect(escalated('occ/chair-working-session/tinh/2026-Q1')).toEqual(['ubnd-tinh', 'ban-tgdv']);
    // The giao ban of the province's Thường trực is prepared, never chased.
    expect(escalated('occ/quarterly-briefing/tinh/2026-Q1')).toBeUndefined();
    expect(result.notifications.some((n) => n.occurrence === 'occ/quarterly-briefing/tinh/2026-Q1')).toBe(true);
  }, 120_000);

  it("sends the invitations' due notice before the reception day", async () => {
    const result = await run;
    const dues = result.notifications.filter((n) => n.obligation === 'citizen-reception-invite' && n.kind === 'due');
    expect(dues.length).toBe(6 * MONTHS);
    const occurrences = new Map(planned().map((o) => [o.id, o]));
    for (const n of dues) {
      const occ = occurrences.get(n.occurrence)!;
      const reception = localDateOfInstant(specOf(index, occ).meeting!.startAtMs);
      expect(n.at.slice(0, 10) < reception, n.occurrence).toBe(true);
    }
  }, 120_000);
});
