/**
 * Due dates and timelines of the shipped plan, computed by hand from the official calendar
 * (config/calendar/vn-official.yaml) and the `standard` ladder (−5, −1, 0, +1, +2, +3, +7,
 * +12, +17 working days, closed at +20), at the unit's second of the ladder's send window
 * 07:00–07:30 (huyện's: 07:15:12).
 */
import { describe, expect, it } from 'vitest';
import { localDateOfInstant, weekday } from '../../../domain/calendar/local-date';
import { dueDateIn } from '../../../domain/due-dates';
import type { DueRule } from '../../../domain/model';
import type { Occurrence } from '../../../domain/occurrences';
import { periodContaining } from '../../../domain/periods';
import { calendar, config, index, indexOf, withObligation } from './shipped';
import { formatViLong } from '../../../vocabulary';

const DISTRICT_ORGANISATIONS = ['mttq-huyen', 'ldld-huyen', 'hnd-huyen', 'hccb-huyen', 'hlhpn-huyen', 'huyen-doan'];

function only(list: Occurrence[], id: string): Occurrence {
  const found = list.filter((o) => o.id === id);
  expect(found.map((o) => o.id)).toEqual([id]);
  return found[0]!;
}

/** The day of the event an occurrence invites to (the chair's citizen reception). */
function receptionDay(occ: Occurrence): string {
  expect(occ.meeting?.onDueDate).toBe(false);
  return localDateOfInstant(occ.meeting!.startAtMs);
}

/** `[kind, local date-time]` of each step, to compare with hand-written timelines. */
function timeline(occ: Occurrence): Array<[string, string]> {
  return occ.steps.map((s) => [s.kind, s.at.slice(0, 19)]);
}

describe('quarterly-briefing, huyện Lục Ngạn, quý III/2024', () => {
  const occ = only(index.occurrencesBetween('2024-07-01', '2024-12-31', { unit: 'huyen', obligation: 'quarterly-briefing' }), 'occ/quarterly-briefing/huyen/2024-Q3');

  it('is due on the last working day of September 2024: Monday 30/09, at 08:00', () => {
    expect(weekday('2024-09-30')).toBe(1);
    expect(formatViLong('2024-09-30')).toBe('thứ Hai, ngày 30/9/2024');
    expect(calendar.lastWorkingDayOfQuarter(2024, 3)).toBe('2024-09-30');
    expect(occ.due).toBe('2024-09-30');
    expect(occ.dueAt).toBe('2024-09-30T08:00:00+07:00');
    expect(occ.period).toMatchObject({ key: '2024-Q3', start: '2024-07-01', end: '2024-09-30' });
    expect(occ.owners).toEqual(['tt-huyen-uy']);
    expect(occ.participants).toEqual(DISTRICT_ORGANISATIONS);
  });

  it('is prepared, not chased: one note ten working days before (Mon 16/09) to Thường trực and Ban Dân vận, one to Ban Dân vận on the day, nothing after', () => {
    // Quốc khánh 02–03/09/2024 lies before the window: no effect.
    expect(timeline(occ)).toEqual([
      ['reminder', '2024-09-16T07:15:12'], // −10: 17 … 20, 23 … 27, 30
      ['due', '2024-09-30T07:15:12'],
      ['close', '2024-10-28T07:15:12'], // +20: the result can be recorded until then
    ]);
    expect(occ.steps[0]!.to).toEqual(['tt-huyen-uy', 'ban-dan-van']);
    // Ban Dân vận records the giao ban; Thường trực answers to no one here.
    expect(occ.steps[1]!.to).toEqual(['ban-dan-van']);
    expect(occ.opensOn).toBe('2024-07-01');
  });
});

describe('holidays inside a timeline', () => {
  it('Tết 2024 pushes the invitations to the February citizen reception a week before it', () => {
    // Off Thu 08/02 – Wed 14/02/2024 (5 Tết days + 2 compensatory days).
    for (const d of ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']) {
      expect(calendar.isWorkingDay(d), d).toBe(false);
    }
    const occ = only(
      index.occurrencesBetween('2024-02-01', '2024-02-29', { unit: 'huyen', obligation: 'citizen-reception-invite' }),
      'occ/citizen-reception-invite/huyen/2024-02',
    );
    // The reception on Thursday 15/02, a working day (`adjust` does not act); the invitations
    // two working days before it: 07/02, 06/02 (without Tết: 13/02).
    expect(receptionDay(occ)).toBe('2024-02-15');
    expect(occ.due).toBe('2024-02-06');
    expect(timeline(occ).slice(0, 5)).toEqual([
      ['reminder', '2024-01-30T07:15:12'], // −5: 31/01, 01, 02, 05, 06
      ['reminder', '2024-02-05T07:15:12'],
      ['due', '2024-02-06T07:15:12'],
      ['overdue', '2024-02-07T07:15:12'],
      ['overdue', '2024-02-15T07:15:12'], // +2: after Tết
    ]);
    expect(occ.opensOn).toBe('2024-01-30');
  });

  it("Giỗ Tổ and the 30/4 swap of 2025 move the escalations of the Q1 working session of the district's chair", () => {
    // Giỗ Tổ Hùng Vương Mon 07/04/2025 off; Sat 26/04/2025 worked (swap for Fri 02/05).
    expect(calendar.isWorkingDay('2025-04-07')).toBe(false);
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    const occ = only(index.occurrencesBetween('2025-03-31', '2025-03-31', { unit: 'huyen' }), 'occ/chair-working-session/huyen/2025-Q1');
    expect(occ.due).toBe('2025-03-31');
    expect(timeline(occ).slice(5)).toEqual([
      ['escalation', '2025-04-03T07:15:12'], // +3
      ['escalation', '2025-04-10T07:15:12'], // +7: 1, 2, 3, 4, 8, 9, 10 (07/04 off)
      ['escalation', '2025-04-17T07:15:12'], // +12
      ['escalation', '2025-04-24T07:15:12'], // +17
      ['close', '2025-04-28T07:15:12'], // +20: 25, Saturday 26 (worked), 28
    ]);
  });
});

describe('adjust: a due date on a day off moves to a working day', () => {
  const reception = config.plan.obligations.find((o) => o.id === 'citizen-reception-invite')!;

  it('the shipped reception day, the 15th, moves to the next working day; the invitations are due two working days before', () => {
    expect(reception.schedules[0]!.due).toMatchObject({ rule: 'before-event', workingDays: 2, event: { rule: 'day-of-month', day: 15, adjust: 'next' } });
    const occs = index.occurrencesBetween('2024-09-01', '2024-09-30', { obligation: 'citizen-reception-invite' });
    expect(occs.length).toBeGreaterThan(20);
    expect(new Set(occs.map(receptionDay))).toEqual(new Set(['2024-09-16'])); // Sunday 15/09 → Monday 16/09, every unit
    expect(new Set(occs.map((o) => o.due))).toEqual(new Set(['2024-09-12'])); // Thursday: 13/09 (1), 12/09 (2)
  });

  it('a reception day on Quốc khánh moves past both days off, and one on 30/4 past the whole break', () => {
    // What-if: bien-son receives citizens on the 2nd, the district on the 30th.
    const variant = withObligation('citizen-reception-invite', (o) => {
      const due = o.schedules[0]!.due as Extract<DueRule, { rule: 'before-event' }>;
      return { ...o, schedules: [{ ...o.schedules[0]!, due: { ...due, event: { rule: 'day-of-month', day: 15, adjust: 'next', unitOverrides: { 'bien-son': 2, huyen: 30 } } } }] };
    });
    const what = indexOf(variant);
    const occ = (unit: string, period: string) =>
      only(what.occurrencesBetween('2024-08-01', '2025-06-30', { obligation: 'citizen-reception-invite', unit }), `occ/citizen-reception-invite/${unit}/${period}`);
    // 02/09/2024 (Mon, Quốc khánh) and 03/09 (Tue, ngày liền kề) off → Wed 04/09.
    expect(receptionDay(occ('bien-son', '2024-09'))).toBe('2024-09-04');
    // Other units keep the 15th (Sunday → Monday 16/09).
    expect(receptionDay(occ('cam-son', '2024-09'))).toBe('2024-09-16');
    // 30/04/2025 (Wed) … 02/05 (swapped day off), 03–04/05 weekend → Mon 05/05: April's
    // reception falls in May, next to May's own (Fri 30/05).
    expect(receptionDay(occ('huyen', '2025-04'))).toBe('2025-05-05');
    expect(receptionDay(occ('huyen', '2025-05'))).toBe('2025-05-30');
    // The invitations, always two working days before: across the break, 29/04 (1), 28/04 (2).
    expect(occ('huyen', '2025-04').due).toBe('2025-04-28');
    for (const o of [occ('bien-son', '2024-09'), occ('cam-son', '2024-09'), occ('huyen', '2025-05')]) {
      expect(o.due, o.id).toBe(calendar.addWorkingDays(receptionDay(o), -2));
    }
  });

  it('adjust previous moves the other way', () => {
    const dueOn = (rule: DueRule, d: string, unit = 'huyen') => dueDateIn(rule, periodContaining('monthly', d), unit, calendar);
    expect(dueOn({ rule: 'day-of-month', day: 2, adjust: 'previous' }, '2024-09-01')).toBe('2024-08-30');
    expect(dueOn({ rule: 'day-of-month', day: 2, adjust: 'next' }, '2024-09-01')).toBe('2024-09-04');
    const annual = (rule: DueRule, year: number) => dueDateIn(rule, periodContaining('annual', `${year}-01-01`), 'huyen', calendar);
    expect(annual({ rule: 'day-of-year', month: 4, day: 30, adjust: 'previous' }, 2025)).toBe('2025-04-29');
    expect(annual({ rule: 'day-of-year', month: 4, day: 30, adjust: 'next' }, 2025)).toBe('2025-05-05');
    // Tết Nguyên đán 2025 (Mon 27/01 – Fri 31/01) with its weekends.
    expect(annual({ rule: 'day-of-year', month: 1, day: 29, adjust: 'previous' }, 2025)).toBe('2025-01-24');
    expect(annual({ rule: 'day-of-year', month: 1, day: 29, adjust: 'next' }, 2025)).toBe('2025-02-03');
  });

  it('per-unit reception days of the shipped plan, if any, are honoured', () => {
    for (const o of config.plan.obligations) {
      for (const s of o.schedules) {
        if (s.due.rule !== 'day-of-month' || !s.due.unitOverrides) continue;
        for (const [unit, day] of Object.entries(s.due.unitOverrides)) {
          const [occ] = index.occurrencesBetween('2024-03-01', '2024-03-31', { unit, obligation: o.id }).filter((x) => x.period.key === '2024-03');
          if (!occ) continue; // the unit did not exist then
          const natural = `2024-03-${String(Math.min(day, 31)).padStart(2, '0')}`;
          expect(occ.due).toBe(s.due.adjust === 'next' ? calendar.onOrAfter(natural) : calendar.onOrBefore(natural));
        }
      }
    }
  });

  it('day-of-year deadlines on a weekend move to the Friday before (adjust: previous, the default)', () => {
    // 31/03/2024 is a Sunday → Friday 29/03; each district organisation registers its own activity.
    const registrations = index.occurrencesBetween('2024-03-01', '2024-03-31', { unit: 'huyen', obligation: 'creative-activity-registration' });
    expect(registrations.map((o) => o.due)).toEqual(Array(6).fill('2024-03-29'));
    expect(registrations.map((o) => o.id).sort()).toEqual(
      ['doan-tn', 'hccb', 'hlhpn', 'hnd', 'ldld', 'mttq'].map((k) => `occ/creative-activity-registration/huyen/2024/${k}`),
    );
    expect(registrations.map((o) => o.owners.join()).sort()).toEqual([...DISTRICT_ORGANISATIONS].sort());
    // 18/11/2023 is a Saturday → Friday 17/11 for every commune's Front.
    const unityDay = index.occurrencesBetween('2023-11-01', '2023-11-30', { obligation: 'great-unity-day' });
    expect(unityDay).toHaveLength(29);
    expect(new Set(unityDay.map((o) => o.due))).toEqual(new Set(['2023-11-17']));
  });
});

describe('chair-working-session: a quarterly and an annual schedule', () => {
  it('gives two occurrences in Q4 with different ids, both due on the last working day of the year', () => {
    for (const unit of ['huyen', 'bien-son']) {
      const q4 = index.occurrencesBetween('2024-10-01', '2024-12-31', { unit, obligation: 'chair-working-session' });
      expect(q4.map((o) => [o.id, o.schedule, o.period.key, o.due])).toEqual([
        [`occ/chair-working-session/${unit}/2024`, 'annual', '2024', '2024-12-31'],
        [`occ/chair-working-session/${unit}/2024-Q4`, 'quarterly', '2024-Q4', '2024-12-31'],
      ]);
      expect(q4[0]!.owners).toEqual([`ubnd-${unit}`]);
    }
    // Other quarters have the quarterly session only.
    const q3 = index.occurrencesBetween('2024-07-01', '2024-09-30', { unit: 'huyen', obligation: 'chair-working-session' });
    expect(q3.map((o) => o.id)).toEqual(['occ/chair-working-session/huyen/2024-Q3']);
  });
});

describe('one-off duties', () => {
  it('fan out to every unit existing on the due date', () => {
    const regulation = index.occurrencesBetween('2021-12-01', '2021-12-31', { obligation: 'coordination-regulation' });
    expect(regulation).toHaveLength(30); // the district and its 29 communes of 2021
    expect(new Set(regulation.map((o) => o.due))).toEqual(new Set(['2021-12-31']));
    expect(only(regulation, 'occ/coordination-regulation/huyen/2021-12-31').owners).toEqual(['hdnd-huyen', 'ubnd-huyen']);
    // IV.2: six district organisations and the Party committee of every commune, each its own.
    const plans = index.occurrencesBetween('2021-09-30', '2021-09-30', { obligation: 'implementation-plans' });
    expect(plans).toHaveLength(6 + 29);
    expect(plans.map((o) => o.id)).toContain('occ/implementation-plans/bien-son/2021-09-30/dang-uy');
    expect(plans.map((o) => o.id)).toContain('occ/implementation-plans/huyen/2021-09-30/mttq');
  });
});
