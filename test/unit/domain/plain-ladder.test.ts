import { describe, expect, it } from 'vitest';
import { durationMs } from '../../../domain/durations';
import { index, indexOf, withObligation } from './shipped';

describe('plain (drill) ladders', () => {
  const variant = indexOf(withObligation('quarterly-briefing', (o) => ({ ...o, ladder: 'drill' })));
  const [occ] = variant.occurrencesOf(variant.target('quarterly-briefing', 'huyen'), '2024-09-01', '2024-09-30');

  it('measure steps in stepDuration from the deadline, not in working days', () => {
    const ladder = variant.ladderOf('quarterly-briefing');
    expect(ladder.measure).toBe('plain');
    const step = durationMs(ladder.stepDuration ?? '1m');
    for (const s of occ!.steps) expect(s.atMs - occ!.dueAtMs).toBe(s.offset * step);
    expect(occ!.overdueFromMs).toBe(occ!.dueAtMs + step);
  });

  it("leave working-day ladders on working days at the unit's second of the send window", () => {
    const [prod] = index.occurrencesOf(index.target('quarterly-briefing', 'huyen'), '2024-09-01', '2024-09-30');
    expect(prod!.steps.every((s) => s.at.endsWith('T07:15:12+07:00'))).toBe(true);
    expect(prod!.steps.map((s) => s.atMs)).not.toEqual(occ!.steps.map((s) => s.atMs));
  });

  it('reject durations that are not a number and a unit', () => {
    expect(durationMs('90s')).toBe(90_000);
    expect(durationMs('2h')).toBe(7_200_000);
    expect(() => durationMs('5 minutes')).toThrow(/not a duration/);
  });
});
