/**
 * Dates the way Vietnamese offices write them (writing.md; Nghị định 30/2020/NĐ-CP): a
 * leading zero only for days 1–9 and months 1–2, weekdays in lower case inside a sentence.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromEpochDay, toEpochDay } from '../../../domain/calendar/local-date';
import { periodOfKey } from '../../../domain/periods';
import {
  capitalizeVi,
  dayMonthVi,
  dayVi,
  formatInstantVi,
  formatVi,
  formatViLong,
  meetingHours,
  meetingWhen,
  momentVi,
  monthVi,
  nonWorkingDayLabel,
  periodKeyLabelVi,
  periodLabelVi,
  weekdayNameVi,
} from '../../../vocabulary';
import { dateWordsVi, documentDateVi, placeDateLineVi } from '../../../vocabulary/document';
import { conventionProblems } from '../../helpers/conventions';

describe('numeric dates', () => {
  test('days 1–9 take a leading zero, days 10–31 are as they are', () => {
    expect(formatVi('2021-07-09')).toBe('09/7/2021');
    expect(formatVi('2024-03-01')).toBe('01/3/2024');
    expect(formatVi('2024-10-10')).toBe('10/10/2024');
    expect(formatVi('2024-08-31')).toBe('31/8/2024');
    expect(dayVi(1)).toBe('01');
    expect(dayVi(9)).toBe('09');
    expect(dayVi(10)).toBe('10');
  });

  test('months 1 and 2 take a leading zero, months 3–12 do not', () => {
    expect(formatVi('2025-02-05')).toBe('05/02/2025');
    expect(formatVi('2025-01-15')).toBe('15/01/2025');
    expect(formatVi('2024-09-30')).toBe('30/9/2024');
    expect(formatVi('2024-03-29')).toBe('29/3/2024');
    expect(formatVi('2024-12-15')).toBe('15/12/2024');
    expect(formatVi('2024-11-18')).toBe('18/11/2024');
    expect([1, 2, 3, 9, 10, 11, 12].map(monthVi)).toEqual(['01', '02', '3', '9', '10', '11', '12']);
  });

  test('year ends and beginnings', () => {
    expect(formatVi('2024-12-31')).toBe('31/12/2024');
    expect(formatVi('2025-01-01')).toBe('01/01/2025');
    expect(formatVi('2024-02-29')).toBe('29/02/2024');
  });

  test('a day of the year without its year, by the same rule', () => {
    expect(dayMonthVi(15, 6)).toBe('15/6');
    expect(dayMonthVi(9, 7)).toBe('09/7');
    expect(dayMonthVi(5, 2)).toBe('05/02');
    expect(dayMonthVi(15, 12)).toBe('15/12');
  });

  test('every date from 1900 to 2199 is written by the rule and reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2199-12-31') }), (n) => {
        const date = fromEpochDay(n);
        const written = formatVi(date);
        expect(conventionProblems(written)).toEqual([]);
        const [d, m, y] = written.split('/').map(Number);
        expect(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`).toBe(date);
      }),
    );
  });
});

describe("a document's date line (vocabulary/document.ts)", () => {
  test('spelled out with the leading zeros of a numeric date: days 1–9 and months 1–2 only', () => {
    expect(documentDateVi('2024-09-30')).toBe('ngày 30 tháng 9 năm 2024');
    expect(documentDateVi('2025-02-05')).toBe('ngày 05 tháng 02 năm 2025');
    expect(documentDateVi('2021-07-09')).toBe('ngày 09 tháng 7 năm 2021');
    expect(documentDateVi('2024-12-15')).toBe('ngày 15 tháng 12 năm 2024');
    expect(documentDateVi('2024-12-31')).toBe('ngày 31 tháng 12 năm 2024');
    expect(documentDateVi('2025-01-01')).toBe('ngày 01 tháng 01 năm 2025');
    expect(documentDateVi('2024-10-10')).toBe('ngày 10 tháng 10 năm 2024');
  });

  test('a draft leaves the day blank; the place comes first', () => {
    expect(placeDateLineVi('Lục Ngạn', '2024-12-15')).toBe('Lục Ngạn, ngày 15 tháng 12 năm 2024');
    expect(placeDateLineVi('Lục Ngạn', '2024-12-09', { blankDay: true })).toBe('Lục Ngạn, ngày \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 tháng 12 năm 2024');
    expect(placeDateLineVi('', '2024-12-09')).toBe(documentDateVi('2024-12-09'));
  });

  test('from its parts, as a document wrote it: a day, a blank day, or only the month', () => {
    expect(dateWordsVi(2024, 2, 5)).toBe('ngày 05 tháng 02 năm 2024');
    expect(dateWordsVi(2024, 2, 31)).toBe('ngày 31 tháng 02 năm 2024');
    expect(dateWordsVi(2024, 9)).toBe('tháng 9 năm 2024');
    expect(dateWordsVi(2024, 9, 'blank')).toBe(documentDateVi('2024-09-01', { blankDay: true }));
  });
});

describe('weekdays', () => {
  test('lower case inside a sentence; Chủ nhật keeps its capital', () => {
    expect(weekdayNameVi('2024-07-15')).toBe('thứ Hai');
    expect(formatViLong('2024-07-15')).toBe('thứ Hai, ngày 15/7/2024');
    expect(formatViLong('2026-04-26')).toBe('Chủ nhật, ngày 26/4/2026');
    expect(formatViLong('2026-02-14')).toBe('thứ Bảy, ngày 14/02/2026');
  });

  test('at the start of a line, the first letter in upper case', () => {
    expect(capitalizeVi(formatViLong('2024-09-30'))).toBe('Thứ Hai, ngày 30/9/2024');
    expect(capitalizeVi(formatViLong('2026-04-26'))).toBe('Chủ nhật, ngày 26/4/2026');
    // Quotes and brackets before the first letter stay as they are.
    expect(capitalizeVi('“dân vận khéo” các cấp')).toBe('“Dân vận khéo” các cấp');
    expect(capitalizeVi('(đề xuất)')).toBe('(Đề xuất)');
    expect(capitalizeVi('15/6')).toBe('15/6');
  });
});

describe('instants, meetings and days off', () => {
  // Instants within a day: test/unit/domain/format.test.ts.
  test('an instant at the turn of the year', () => {
    expect(formatInstantVi(Date.parse('2024-12-31T16:59:00Z'))).toBe('23:59, thứ Ba, ngày 31/12/2024');
    expect(formatInstantVi(Date.parse('2024-12-31T17:00:00Z'))).toBe('00:00, thứ Tư, ngày 01/01/2025');
  });

  test('a meeting on one day, and one running past midnight, in the words of a letter', () => {
    expect(meetingWhen(Date.parse('2024-09-30T01:00:00Z'), 120)).toBe('từ 8 giờ 00 đến 10 giờ 00, thứ Hai, ngày 30/9/2024');
    expect(meetingWhen(Date.parse('2024-09-30T07:30:00Z'), 90)).toBe('từ 14 giờ 30 đến 16 giờ 00, thứ Hai, ngày 30/9/2024');
    expect(meetingWhen(Date.parse('2024-09-30T15:00:00Z'), 120)).toBe('từ 22 giờ 00, thứ Hai, ngày 30/9/2024 đến 0 giờ 00, thứ Ba, ngày 01/10/2024');
    expect(meetingHours(Date.parse('2024-09-30T01:00:00Z'), 120)).toBe('từ 8 giờ 00 đến 10 giờ 00');
    expect(momentVi(Date.parse('2024-09-30T02:59:00Z'))).toBe('9 giờ 59 phút, thứ Hai, ngày 30/9/2024');
  });

  test('a compensatory day off names the day it makes up for', () => {
    expect(nonWorkingDayLabel({ date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', reason: 'compensatory', substituteFor: '2026-04-26' })).toBe(
      'Nghỉ bù Giỗ Tổ Hùng Vương (bù ngày 26/4/2026)',
    );
  });
});

describe('periods', () => {
  test('months in labels follow the same rule; quarters in Roman numerals', () => {
    expect(periodLabelVi(periodOfKey('2024-07')!)).toBe('tháng 7/2024');
    expect(periodLabelVi(periodOfKey('2025-01')!)).toBe('tháng 01/2025');
    expect(periodLabelVi(periodOfKey('2025-02')!)).toBe('tháng 02/2025');
    expect(periodLabelVi(periodOfKey('2024-12')!)).toBe('tháng 12/2024');
    expect(periodLabelVi(periodOfKey('2024-Q3')!)).toBe('quý III/2024');
    expect(periodLabelVi(periodOfKey('2024')!)).toBe('năm 2024');
    expect(periodKeyLabelVi('2021-09-30')).toBe('hạn 30/9/2021');
    expect(periodKeyLabelVi('drill-20261127')).toBe('diễn tập');
  });
});
