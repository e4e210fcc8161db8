import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, toEpochDay } from '../../../domain/calendar/local-date';
import {
  lastDayOfLunarYear,
  leapMonthOf,
  lunarMonthLength,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
  type LunarDate,
} from '../../../domain/calendar/lunar';

/** Published Vietnamese dates of Tết (lunar 1/1) and Giỗ Tổ Hùng Vương (lunar 10/3). */
const PUBLISHED: Record<number, { tet: string; hungKings: string }> = {
  2021: { tet: '2021-02-12', hungKings: '2021-04-21' },
  2022: { tet: '2022-02-01', hungKings: '2022-04-10' },
  2023: { tet: '2023-01-22', hungKings: '2023-04-29' },
  2024: { tet: '2024-02-10', hungKings: '2024-04-18' },
  2025: { tet: '2025-01-29', hungKings: '2025-04-07' },
  2026: { tet: '2026-02-17', hungKings: '2026-04-26' },
  2027: { tet: '2027-02-06', hungKings: '2027-04-16' },
  2028: { tet: '2028-01-26', hungKings: '2028-04-04' },
  2029: { tet: '2029-02-13', hungKings: '2029-04-23' },
  2030: { tet: '2030-02-02', hungKings: '2030-04-12' },
};

const lunar = (year: number, month: number, day: number, leap = false): LunarDate => ({ year, month, day, leap });

describe('Vietnamese lunar calendar', () => {
  it.each(Object.entries(PUBLISHED))('Tết and Giỗ Tổ %s fall on the published dates', (y, expected) => {
    const year = Number(y);
    expect(lunarNewYear(year)).toBe(expected.tet);
    expect(lunarToSolar({ year, month: 3, day: 10 })).toBe(expected.hungKings);
    expect(solarToLunar(expected.tet)).toEqual(lunar(year, 1, 1));
    expect(solarToLunar(expected.hungKings)).toEqual(lunar(year, 3, 10));
  });

  it('computes at UTC+7, where Vietnam differs from China (UTC+8)', () => {
    // Vietnam / China: 21/01/1985 vs 20/02/1985; 17/02/2007 vs 18/02/2007; 02/02/2030 vs 03/02/2030.
    expect(lunarNewYear(1985)).toBe('1985-01-21');
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(2030)).toBe('2030-02-02');
    expect(solarToLunar('1985-02-20')).not.toEqual(lunar(1985, 1, 1));
    expect(solarToLunar('2007-02-18')).toEqual(lunar(2007, 1, 2));
    expect(solarToLunar('2030-02-03')).toEqual(lunar(2030, 1, 2));
  });

  it('matches the lunar dates printed in the official notices', () => {
    expect(solarToLunar('2021-02-10')).toEqual(lunar(2020, 12, 29)); // 29 tháng Chạp Canh Tý
    expect(solarToLunar('2024-02-08')).toEqual(lunar(2023, 12, 29)); // 29 tháng Chạp Quý Mão
    expect(solarToLunar('2025-01-25')).toEqual(lunar(2024, 12, 26)); // 26 tháng Chạp Giáp Thìn
    expect(solarToLunar('2025-02-02')).toEqual(lunar(2025, 1, 5)); // mùng 5 Ất Tỵ
    expect(solarToLunar('2026-02-14')).toEqual(lunar(2025, 12, 27)); // 27 tháng Chạp Ất Tỵ
    expect(solarToLunar('2026-02-16')).toEqual(lunar(2025, 12, 29)); // 29 tháng Chạp Ất Tỵ
    expect(solarToLunar('2026-02-22')).toEqual(lunar(2026, 1, 6)); // mùng 6 Bính Ngọ
    // The worked examples of Hồ Ngọc Đức's article.
    expect(solarToLunar('1983-06-25')).toEqual(lunar(1983, 5, 15));
    expect(solarToLunar('1989-10-30')).toEqual(lunar(1989, 10, 2));
  });

  it('knows the last day of the lunar year (29 or 30 tháng Chạp)', () => {
    expect(lastDayOfLunarYear(2025)).toBe('2026-02-16');
    expect(solarToLunar(lastDayOfLunarYear(2025))).toEqual(lunar(2025, 12, 29));
    expect(lastDayOfLunarYear(2020)).toBe('2021-02-11');
    expect(solarToLunar(lastDayOfLunarYear(2020))).toEqual(lunar(2020, 12, 30));
    expect(lastDayOfLunarYear(2023)).toBe('2024-02-09');
  });

  it.each([
    [2020, 4, '2020-05-23', '2020-06-20'],
    [2023, 2, '2023-03-22', '2023-04-19'],
    [2025, 6, '2025-07-25', '2025-08-22'],
  ])('lunar year %i has leap month %i (starting %s), round-tripping', (year, month, leapStart, leapEnd) => {
    expect(leapMonthOf(year)).toBe(month);
    expect(lunarToSolar({ year, month, day: 1, leap: true })).toBe(leapStart);
    expect(solarToLunar(leapStart)).toEqual(lunar(year, month, 1, true));
    expect(solarToLunar(leapEnd)).toEqual(lunar(year, month, 29, true));
    expect(solarToLunar(addDays(leapStart, -1)).leap).toBe(false);
    expect(solarToLunar(addDays(leapStart, -1)).month).toBe(month);
    expect(solarToLunar(addDays(leapEnd, 1))).toEqual(lunar(year, month + 1, 1));
    // The regular month precedes the leap month of the same number.
    expect(lunarToSolar({ year, month, day: 1 }) < leapStart).toBe(true);
  });

  it('has no leap month in ordinary years and rejects dates that do not exist', () => {
    expect(leapMonthOf(2021)).toBeUndefined();
    expect(leapMonthOf(2024)).toBeUndefined();
    expect(leapMonthOf(2033)).toBe(11); // the "2033 problem" year: leap month 11 at UTC+7
    expect(() => lunarToSolar({ year: 2024, month: 4, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 5, day: 1, leap: true })).toThrow(RangeError);
    expect(lunarMonthLength(2025, 12)).toBe(29);
    expect(() => lunarToSolar({ year: 2025, month: 12, day: 30 })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 1, day: 0 })).toThrow(RangeError);
  });

  const first = toEpochDay('1985-01-01');
  const last = toEpochDay('2035-12-31');
  const dateArb = fc.integer({ min: first, max: last }).map(fromEpochDay);

  it('round-trips solar → lunar → solar and lunar → solar → lunar, 1985–2035 (property)', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const l = solarToLunar(d);
        const back = lunarToSolar(l);
        expect(back).toBe(d);
        expect(solarToLunar(back)).toEqual(l);
      }),
      { numRuns: 2000 },
    );
  });

  it('advances the lunar day correctly on every consecutive day, 1985–2035', () => {
    let previous = solarToLunar(fromEpochDay(first));
    let monthsInYear = 0;
    for (let n = first + 1; n <= last; n += 1) {
      const d = fromEpochDay(n);
      const current = solarToLunar(d);
      if (current.day !== previous.day + 1) {
        // A new month starts: the previous one had 29 or 30 days.
        expect(current.day, d).toBe(1);
        expect([29, 30], d).toContain(previous.day);
        monthsInYear += 1;
        if (current.leap) {
          expect({ month: current.month, year: current.year, prevLeap: previous.leap }, d).toEqual({
            month: previous.month,
            year: previous.year,
            prevLeap: false,
          });
        } else if (previous.month === 12) {
          expect({ month: current.month, year: current.year }, d).toEqual({ month: 1, year: previous.year + 1 });
          // A lunar year has 12 months, or 13 with a leap month (first year seen only partly).
          if (n - first > 400) expect(monthsInYear, d).toBe(leapMonthOf(previous.year) ? 13 : 12);
          monthsInYear = 0;
          // Tết falls between 21/01 and 20/02.
          expect(d >= `${current.year}-01-21` && d <= `${current.year}-02-20`, d).toBe(true);
        } else {
          expect({ month: current.month, year: current.year }, d).toEqual({ month: previous.month + 1, year: previous.year });
        }
      } else {
        expect({ month: current.month, year: current.year, leap: current.leap }, d).toEqual({
          month: previous.month,
          year: previous.year,
          leap: previous.leap,
        });
      }
      previous = current;
    }
  });
});
