/**
 * The half-yearly recurrence ("6 tháng", sơ kết 6 tháng): periods `2024-H1` (January–June)
 * and `2024-H2` (July–December), their Vietnamese labels, the `day-of-half` due rule
 * ("trước ngày 15/6 và 15/12"), the plan schema, occurrences and `preview`.
 */
import { describe, expect, it } from 'vitest';
import { periodLabelVi } from '../../../vocabulary';
import { runPreview, type PreviewOccurrenceJson } from '../../../cli/commands/preview';
import { weekday } from '../../../domain/calendar/local-date';
import { dueDateIn } from '../../../domain/due-dates';
import type { DueRule, Obligation } from '../../../domain/model';
import { nextPeriod, periodContaining, periodOfKey, periodsOverlapping, recurrenceOfKey } from '../../../domain/periods';
import { loadMini, miniText } from '../config/helpers';
import { calendar, indexOf, shipped, withObligation } from './shipped';

const HALF_15_6_15_12: DueRule = { rule: 'day-of-half', h1: { month: 6, day: 15 }, h2: { month: 12, day: 15 }, adjust: 'previous' };

describe('half-yearly periods', () => {
  it('splits the year at the end of June', () => {
    expect(periodContaining('half-yearly', '2024-06-30')).toEqual({ key: '2024-H1', recurrence: 'half-yearly', start: '2024-01-01', end: '2024-06-30', year: 2024, index: 1 });
    expect(periodContaining('half-yearly', '2024-07-01')).toEqual({ key: '2024-H2', recurrence: 'half-yearly', start: '2024-07-01', end: '2024-12-31', year: 2024, index: 2 });
    expect(nextPeriod(periodContaining('half-yearly', '2024-12-31')).key).toBe('2025-H1');
    expect(periodsOverlapping('half-yearly', '2024-05-01', '2025-07-01').map((p) => p.key)).toEqual(['2024-H1', '2024-H2', '2025-H1', '2025-H2']);
  });

  it('is labelled the way a sơ kết names it', () => {
    expect(periodLabelVi(periodOfKey('2024-H1')!)).toBe('6 tháng đầu năm 2024');
    expect(periodLabelVi(periodOfKey('2024-H2')!)).toBe('6 tháng cuối năm 2024');
  });

  it('is named by the keys 2024-H1 and 2024-H2, and no other H key', () => {
    expect(periodOfKey('2024-H2')).toEqual(periodContaining('half-yearly', '2024-09-01'));
    for (const bad of ['2024-H0', '2024-H3', '2024-h1', '2024-H12']) expect(periodOfKey(bad), bad).toBeUndefined();
  });

  it('is told apart from the other recurrences by the email module', () => {
    expect(recurrenceOfKey('2024-H1')).toBe('half-yearly');
    expect(recurrenceOfKey('2024-Q2')).toBe('quarterly');
  });
});

describe('due rules of a half-yearly schedule', () => {
  it('day-of-half: 15/6 and 15/12, moved back to the Friday when they fall on a weekend', () => {
    // 15/6/2024 is a Saturday, 15/12/2024 a Sunday.
    expect([weekday('2024-06-15'), weekday('2024-12-15')]).toEqual([6, 0]);
    expect(dueDateIn(HALF_15_6_15_12, periodOfKey('2024-H1')!, 'huyen', calendar)).toBe('2024-06-14');
    expect(dueDateIn(HALF_15_6_15_12, periodOfKey('2024-H2')!, 'huyen', calendar)).toBe('2024-12-13');
    expect(dueDateIn({ ...HALF_15_6_15_12, adjust: 'next' }, periodOfKey('2024-H2')!, 'huyen', calendar)).toBe('2024-12-16');
  });

  it('end-of-period: the last working day of June and of December', () => {
    expect(dueDateIn({ rule: 'end-of-period' }, periodOfKey('2024-H1')!, 'huyen', calendar)).toBe('2024-06-28');
    expect(dueDateIn({ rule: 'end-of-period' }, periodOfKey('2024-H2')!, 'huyen', calendar)).toBe('2024-12-31');
  });
});

/** The shipped plan with the annual report made half-yearly ("sơ kết 6 tháng"). */
function halfYearlyReport(o: Obligation): Obligation {
  return { ...o, schedules: [{ recurrence: 'half-yearly', due: HALF_15_6_15_12 }] };
}

describe('occurrences of a half-yearly obligation', () => {
  const index = indexOf(withObligation('annual-implementation-report', halfYearlyReport));

  it('come twice a year with ids by half-year and their due dates', () => {
    const occurrences = index.occurrencesBetween('2024-01-01', '2024-12-31', { obligation: 'annual-implementation-report' });
    expect(occurrences.map((o) => [o.id, o.due])).toEqual([
      ['occ/annual-implementation-report/huyen/2024-H1', '2024-06-14'],
      ['occ/annual-implementation-report/huyen/2024-H2', '2024-12-13'],
    ]);
    expect(occurrences[0]!.owners).toEqual(['ban-dan-van']);
  });

  it('show in preview with their Vietnamese period', () => {
    const load = () => ({ ...shipped, config: withObligation('annual-implementation-report', halfYearlyReport) });
    const options = { from: '2024-06-01', to: '2024-06-30', obligation: 'annual-implementation-report' };
    const json = runPreview({ ...options, json: true }, load);
    expect(json.code).toBe(0);
    const rows = JSON.parse(String(json.out)) as PreviewOccurrenceJson[];
    expect(rows.map((r) => [r.period, r.periodLabel, r.due])).toEqual([['2024-H1', '6 tháng đầu năm 2024', '2024-06-14']]);
    const text = runPreview(options, load);
    expect(text.code).toBe(0);
    expect(text.out).toContain('huyện Lục Ngạn — 6 tháng đầu năm 2024 — hạn 08:00');
  });
});

describe('the plan schema', () => {
  it('accepts a half-yearly schedule with a day in each half', () => {
    const plan = miniText('plan').replace(
      /recurrence: quarterly\n(\s+)due: \{ rule: end-of-period \}/,
      'recurrence: half-yearly\n$1due: { rule: day-of-half, h1: { month: 6, day: 15 }, h2: { month: 12, day: 15 } }',
    );
    expect(plan).toContain('half-yearly');
    const schedule = loadMini({ plan }).config.plan.obligations[0]!.schedules[0]!;
    expect(schedule).toMatchObject({ recurrence: 'half-yearly', due: { ...HALF_15_6_15_12 } });
  });
});
