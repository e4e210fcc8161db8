/**
 * Regressions: bugs once found in domain/*.ts, kept as tests.
 */
import { describe, expect, it } from 'vitest';
import { withSupervisors } from '../../helpers/directory';
import { config, indexOf, withObligation } from './shipped';

describe('known bugs in the domain core', () => {
  /*
   * PlanIndex.occurrencesOf widens the query by 7 days on each side to find the periods
   * whose due date may have been moved into the window by `adjust`. A long break moves
   * more than that: with a reception day on the 1st and `adjust: previous`, February
   * 2025's due date is Friday 24/01/2025 (01–02/02 weekend, 27–31/01 Tết, 25–26/01
   * weekend), 8 days before February starts. A window ending before 25/01 never looks at
   * February, so the same occurrence is found for [01/01, 31/01] and lost for [24/01, 24/01].
   * Fix: widen by more than the longest run of days off (e.g. 31 days instead of 7) in
   * occurrencesOf; the `within(due, lo, hi)` filter already drops the extra periods.
   */
  it('occurrencesOf: a due date moved more than 7 days before its period is missed by narrow windows', () => {
    const variant = withObligation('citizen-reception-invite', (o) => ({
      ...o,
      schedules: [{ ...o.schedules[0]!, due: { rule: 'day-of-month', day: 1, adjust: 'previous' } }],
    }));
    const what = indexOf(variant);
    const f = { unit: 'huyen', obligation: 'citizen-reception-invite' };
    const id = 'occ/citizen-reception-invite/huyen/2025-02';
    expect(what.occurrencesBetween('2025-01-01', '2025-01-31', f).map((o) => [o.id, o.due])).toContainEqual([id, '2025-01-24']);
    expect(what.occurrencesBetween('2025-01-24', '2025-01-24', f).map((o) => o.id)).toEqual([id]);
  });

  /*
   * Step.level is documented as "the supervisor level reached (1 = nearest)", but
   * buildTimeline's resolve() takes the level asked for by the ladder even when no owner
   * has a supervisor at that level. With one supervisor only (here Ban Tuyên giáo under Ban
   * Dân vận alone, a what-if), the +7 step reaches level 1 again, yet said level 2.
   * Fix: in resolve(), raise `level` only when `sup` exists:
   *   if (sup) { bodies.push(sup); level = Math.max(level ?? 0, who.supervisor); }
   */
  it('buildTimeline: an escalation reports a supervisor level that no owner has', () => {
    const what = indexOf(withSupervisors(config, { 'ban-tuyen-giao': ['ban-dan-van'] }));
    const [occ] = what.occurrencesBetween('2024-11-29', '2024-11-29', { unit: 'huyen', obligation: 'media-publicity' });
    const plus7 = occ!.steps.find((s) => s.offset === 7)!;
    expect(plus7.to).toEqual(['ban-tuyen-giao', 'ban-dan-van']);
    expect(plus7.level).toBe(1);
  });
});
