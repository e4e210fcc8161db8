import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, fromEpochDay, isWeekend, toEpochDay } from '../../../domain/calendar/local-date';
import { WorkingCalendar } from '../../../domain/calendar/working-calendar';
import { loadOfficial } from './load-official';

const official = loadOfficial();
const cal = new WorkingCalendar(official);
const swapped = new Set(official.flatMap((y) => y.workingDays.map((d) => d.date)));

const dateArb = fc.integer({ min: toEpochDay('2020-01-01'), max: toEpochDay('2031-12-31') }).map(fromEpochDay);
const stepsArb = fc.integer({ min: -40, max: 40 });

describe('WorkingCalendar', () => {
  it('treats the official Tết 2026 break as non-working and 23/2 as working', () => {
    for (let d = '2026-02-14'; d <= '2026-02-22'; d = addDays(d, 1)) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2026-02-13')).toBe(true);
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
    expect(cal.nonWorkingDay('2026-02-17')).toMatchObject({ reason: 'official' });
    expect(cal.nonWorkingDay('2026-02-23')).toBeUndefined();
  });

  it('treats 27/4/2026 as a compensatory day for Giỗ Tổ', () => {
    expect(cal.isWorkingDay('2026-04-27')).toBe(false);
    expect(cal.nonWorkingDay('2026-04-27')).toMatchObject({ reason: 'compensatory', substituteFor: '2026-04-26' });
  });

  it('never works on 30/4 and 1/5', () => {
    for (let year = 2021; year <= 2035; year += 1) {
      expect(cal.isWorkingDay(`${year}-04-30`)).toBe(false);
      expect(cal.isWorkingDay(`${year}-05-01`)).toBe(false);
    }
  });

  it('works on the swapped weekend days only', () => {
    expect(cal.isWorkingDay('2024-05-04')).toBe(true); // Saturday, swapped for 29/4/2024
    expect(cal.isWorkingDay('2024-04-29')).toBe(false);
    expect(cal.isWorkingDay('2025-04-26')).toBe(true); // Saturday, swapped for 2/5/2025
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true); // Saturday, swapped for 2/1/2026
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.swappedWorkingDays(2026).map((d) => d.date)).toEqual(['2026-01-10']);
    expect(new WorkingCalendar().isWorkingDay('2026-01-10')).toBe(false);
  });

  it('adds working days across weekends and holidays', () => {
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
    expect(cal.addWorkingDays('2026-04-24', 1)).toBe('2026-04-28'); // Monday 27/4 is off
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23'); // over Tết
    expect(cal.addWorkingDays('2026-02-23', -1)).toBe('2026-02-13');
    expect(cal.addWorkingDays('2026-04-29', 1)).toBe('2026-05-04'); // over 30/4, 1/5 and the weekend
    expect(cal.addWorkingDays('2024-05-03', 1)).toBe('2024-05-04'); // the swapped Saturday
    expect(cal.addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
    expect(cal.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09'); // from a Saturday
    expect(cal.addWorkingDays('2026-03-07', -1)).toBe('2026-03-06');
    expect(cal.addWorkingDays('2026-03-02', 10)).toBe('2026-03-16');
    expect(() => cal.addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });

  it('counts working days in (a, b]', () => {
    expect(cal.workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1);
    expect(cal.workingDaysBetween('2026-03-09', '2026-03-06')).toBe(-1);
    expect(cal.workingDaysBetween('2026-03-09', '2026-03-09')).toBe(0);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(cal.workingDaysBetween('2026-01-01', '2026-01-31')).toBe(21); // 2/1 off, Sat 10/1 worked
  });

  it('finds the last working day of months, quarters and years', () => {
    expect(cal.lastWorkingDayOfMonth(2026, 4)).toBe('2026-04-29'); // 30/4 is a holiday
    expect(cal.lastWorkingDayOfMonth(2026, 1)).toBe('2026-01-30'); // 31/1 is a Saturday
    expect(cal.lastWorkingDayOfMonth(2025, 8)).toBe('2025-08-29');
    expect(cal.lastWorkingDayOfQuarter(2026, 1)).toBe('2026-03-31');
    expect(cal.lastWorkingDayOfQuarter(2026, 2)).toBe('2026-06-30');
    expect(cal.lastWorkingDayOfQuarter(2026, 3)).toBe('2026-09-30');
    expect(cal.lastWorkingDayOfQuarter(2025, 2)).toBe('2025-06-30');
    expect(cal.lastWorkingDayOfYear(2026)).toBe('2026-12-31');
    expect(cal.lastWorkingDayOfYear(2027)).toBe('2027-12-31');
    expect(cal.lastWorkingDayOfYear(2028)).toBe('2028-12-29'); // 30–31/12/2028 is a weekend
    expect(() => cal.lastWorkingDayOfQuarter(2026, 5)).toThrow(RangeError);
  });

  it('rejects official data listing a year twice', () => {
    const y = official[0]!;
    expect(() => new WorkingCalendar([y, y])).toThrow(RangeError);
  });

  it('onOrBefore / onOrAfter return the nearest working day (property)', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const before = cal.onOrBefore(d);
        const after = cal.onOrAfter(d);
        expect(cal.isWorkingDay(before)).toBe(true);
        expect(cal.isWorkingDay(after)).toBe(true);
        expect(compareDates(before, d)).toBeLessThanOrEqual(0);
        expect(compareDates(after, d)).toBeGreaterThanOrEqual(0);
        if (cal.isWorkingDay(d)) expect([before, after]).toEqual([d, d]);
        for (let x = addDays(before, 1); x < d; x = addDays(x, 1)) expect(cal.isWorkingDay(x)).toBe(false);
        for (let x = addDays(d, 1); x < after; x = addDays(x, 1)) expect(cal.isWorkingDay(x)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('addWorkingDays and workingDaysBetween round-trip (property)', () => {
    fc.assert(
      fc.property(dateArb, stepsArb, (d, n) => {
        const moved = cal.addWorkingDays(d, n);
        if (n !== 0) expect(cal.isWorkingDay(moved)).toBe(true);
        if (n > 0) expect(compareDates(moved, d)).toBeGreaterThan(0);
        if (n < 0) expect(compareDates(moved, d)).toBeLessThan(0);
        if (n >= 0 || cal.isWorkingDay(d)) expect(cal.workingDaysBetween(d, moved)).toBe(n);
        const w = cal.onOrAfter(d);
        expect(cal.workingDaysBetween(w, cal.addWorkingDays(w, n))).toBe(n);
        expect(cal.addWorkingDays(w, cal.workingDaysBetween(w, cal.addWorkingDays(w, n)))).toBe(cal.addWorkingDays(w, n));
      }),
      { numRuns: 1000 },
    );
  });

  it('workingDaysBetween is antisymmetric and additive (property)', () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, a)).toBe(0);
        if (a === b) expect(Object.is(cal.workingDaysBetween(a, b), 0)).toBe(true);
        expect(Object.is(cal.workingDaysBetween('2026-03-08', '2026-03-07'), 0)).toBe(true); // not -0
        expect(cal.workingDaysBetween(a, c)).toBe(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c));
      }),
      { numRuns: 200 },
    );
  });

  it('never works on a Saturday or Sunday unless official data swaps it, nor on a listed day off', () => {
    for (let n = toEpochDay('2020-01-01'); n <= toEpochDay('2031-12-31'); n += 1) {
      const d = fromEpochDay(n);
      if (isWeekend(d)) expect(cal.isWorkingDay(d), d).toBe(swapped.has(d));
      if (cal.nonWorkingDay(d)) expect(cal.isWorkingDay(d), d).toBe(false);
    }
  });
});
