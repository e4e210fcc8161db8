import { describe, expect, it } from 'vitest';
import {
  defaultNationalDayAdjacent,
  defaultTetDays,
  nonWorkingDays,
  swappedWorkingDays,
  type NonWorkingDay,
} from '../../../domain/calendar/holidays';
import { weekday } from '../../../domain/calendar/local-date';
import { lunarNewYear } from '../../../domain/calendar/lunar';
import type { OfficialYear } from '../../../domain/model';
import { loadOfficial, officialYear } from './load-official';

const dates = (list: readonly NonWorkingDay[]) => list.map((d) => d.date);
const find = (list: readonly NonWorkingDay[], date: string) => list.find((d) => d.date === date);

describe('non-working days (Labour Code 2019 art. 111–112)', () => {
  it('Giỗ Tổ 2026 on Sunday 26/4 gives compensatory Monday 27/4', () => {
    for (const list of [nonWorkingDays(2026), nonWorkingDays(2026, officialYear(2026))]) {
      expect(find(list, '2026-04-26')).toMatchObject({ name: 'Giỗ Tổ Hùng Vương', reason: 'holiday' });
      expect(find(list, '2026-04-27')).toMatchObject({
        name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
        reason: 'compensatory',
        substituteFor: '2026-04-26',
      });
      expect(find(list, '2026-04-28')).toBeUndefined();
    }
  });

  it('lists 1/1, 30/4, 1/5 and 2/9 as holidays every year', () => {
    for (let year = 2021; year <= 2035; year += 1) {
      const list = nonWorkingDays(year);
      for (const md of ['01-01', '04-30', '05-01', '09-02']) {
        expect(find(list, `${year}-${md}`)?.reason, `${year}-${md}`).toBe('holiday');
      }
    }
  });

  it('compensates holidays on weekends on the next free working day', () => {
    // 2022: 1/1 Sat → 3/1; Giỗ Tổ 10/4 Sun → 11/4; 30/4 Sat and 1/5 Sun → 2/5 and 3/5.
    const y2022 = nonWorkingDays(2022, officialYear(2022)).filter((d) => d.reason === 'compensatory');
    expect(y2022.map((d) => [d.date, d.substituteFor])).toEqual([
      ['2022-01-03', '2022-01-01'],
      ['2022-04-11', '2022-04-10'],
      ['2022-05-02', '2022-04-30'],
      ['2022-05-03', '2022-05-01'],
    ]);
    // 2023: Giỗ Tổ 29/4 Sat, 30/4 Sun, 1/5 Mon → off 29/4 – 3/5, as announced at the time.
    const y2023 = nonWorkingDays(2023, officialYear(2023));
    expect(dates(y2023).filter((d) => d >= '2023-04-29' && d <= '2023-05-05')).toEqual([
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
    ]);
  });

  it('defaults Tết to the last day of the lunar year and mùng 1–4, as decided in 2022 and 2026', () => {
    for (const year of [2022, 2026]) {
      const official = officialYear(year).daysOff.filter((d) => d.name.startsWith('Tết Nguyên đán')).map((d) => d.date);
      expect(defaultTetDays(year)).toEqual(official);
      expect(defaultTetDays(year)[1]).toBe(lunarNewYear(year));
    }
    // 2027 has no data: Tết (mùng 1) is Saturday 6/2, mùng 2 Sunday → two compensatory days.
    const y2027 = nonWorkingDays(2027);
    expect(dates(y2027).filter((d) => d.startsWith('2027-02'))).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
    expect(find(y2027, '2027-02-06')).toMatchObject({ name: 'Tết Nguyên đán (mùng 1 tháng Giêng)', estimated: true });
    expect(find(y2027, '2027-02-10')).toMatchObject({ reason: 'compensatory', substituteFor: '2027-02-06', estimated: true });
    expect(find(y2027, '2027-01-01')?.estimated).toBeUndefined();
  });

  it('defaults the day next to Quốc khánh the way 2021–2025 were decided', () => {
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const adjacent = officialYear(year).daysOff.filter((d) => d.name === 'Quốc khánh (ngày liền kề)');
      expect(adjacent.map((d) => d.date), String(year)).toEqual([defaultNationalDayAdjacent(year)]);
    }
    // Every weekday of 2/9 yields 1/9 or 3/9 on a weekday.
    for (let year = 2021; year <= 2040; year += 1) {
      const d = defaultNationalDayAdjacent(year);
      expect([`${year}-09-01`, `${year}-09-03`]).toContain(d);
      expect([1, 2, 3, 4, 5]).toContain(weekday(d));
    }
  });

  it('lets official data replace the computed Tết and Quốc khánh days', () => {
    // 2021 default would be 11/2 (30 Chạp) – 15/2 plus compensation 16/2, 17/2;
    // the notice gave 10/2 – 16/2 instead.
    const computed = nonWorkingDays(2021);
    expect(dates(computed)).toContain('2021-02-17');
    expect(dates(computed)).not.toContain('2021-02-10');
    const official = nonWorkingDays(2021, officialYear(2021));
    expect(dates(official).filter((d) => d.startsWith('2021-02'))).toEqual([
      '2021-02-10',
      '2021-02-11',
      '2021-02-12',
      '2021-02-13',
      '2021-02-14',
      '2021-02-15',
      '2021-02-16',
    ]);
    expect(find(official, '2021-02-10')?.reason).toBe('official');
    // 2023: 2/9 on Saturday; the notice gave 1/9 and 4/9 — nothing computed on top (5/9 stays worked).
    const y2023 = nonWorkingDays(2023, officialYear(2023));
    expect(dates(y2023).filter((d) => d >= '2023-08-25' && d <= '2023-09-10')).toEqual([
      '2023-09-01',
      '2023-09-02',
      '2023-09-04',
    ]);
    expect(find(y2023, '2023-09-02')?.reason).toBe('holiday');
  });

  it('keeps the whole official Tết 2026 break 14–22/2 off', () => {
    const list = nonWorkingDays(2026, officialYear(2026));
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(find(list, d)?.reason, d).toBe('official');
    }
    expect(find(list, '2026-02-23')).toBeUndefined();
  });

  it('removes swapped working days and exposes them', () => {
    const y2024 = officialYear(2024);
    expect(swappedWorkingDays(2024, y2024).map((d) => d.date)).toEqual(['2024-05-04']);
    expect(find(nonWorkingDays(2024, y2024), '2024-04-29')?.reason).toBe('official');
    expect(swappedWorkingDays(2027)).toEqual([]);
    // A swap never leaves the day non-working, even if listed both ways by mistake.
    const conflicting: OfficialYear = {
      year: 2027,
      source: 'test',
      daysOff: [{ date: '2027-01-02', name: 'x' }],
      workingDays: [{ date: '2027-01-02', name: 'y' }],
    };
    expect(find(nonWorkingDays(2027, conflicting), '2027-01-02')).toBeUndefined();
  });

  it('returns sorted, duplicate-free lists and checks the data year', () => {
    for (const official of loadOfficial()) {
      const list = dates(nonWorkingDays(official.year, official));
      expect([...list].sort()).toEqual(list);
      expect(new Set(list).size).toBe(list.length);
      for (const d of list) expect(d.startsWith(String(official.year))).toBe(true);
    }
    expect(() => nonWorkingDays(2025, officialYear(2026))).toThrow(RangeError);
  });

  it('names every day in Vietnamese with diacritics', () => {
    for (const d of nonWorkingDays(2027)) {
      expect(d.name).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐàáâãèéêìíòóôõùúýăơư]/);
    }
    expect(find(nonWorkingDays(2027), '2027-05-03')?.name).toBe('Nghỉ bù Ngày Quốc tế Lao động');
  });
});
