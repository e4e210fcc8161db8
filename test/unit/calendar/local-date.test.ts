import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, atLocalTime, compareDates, daysInMonth, fromEpochDay, isValidLocalDate, lastDayOfMonth, localDate, localDateOfInstant, parts, toEpochDay, toInstantMs, weekday } from '../../../domain/calendar/local-date';
import { formatVi, formatViLong } from '../../../vocabulary';

/** An arbitrary real date between 1900 and 2100, as a string. */
const dateArb = fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2100-12-31') }).map(fromEpochDay);

describe('local dates', () => {
  it('validates real calendar dates only', () => {
    expect(isValidLocalDate('2024-02-29')).toBe(true);
    expect(isValidLocalDate('2023-02-29')).toBe(false);
    expect(isValidLocalDate('1900-02-29')).toBe(false);
    expect(isValidLocalDate('2000-02-29')).toBe(true);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-04-31')).toBe(false);
    expect(isValidLocalDate('2026-1-01')).toBe(false);
    expect(isValidLocalDate('2026-01-01T00:00')).toBe(false);
    expect(isValidLocalDate(20260101)).toBe(false);
    expect(() => parts('2026-02-30')).toThrow(RangeError);
    expect(() => localDate(2026, 2, 30)).toThrow(RangeError);
    expect(localDate(2026, 4, 7)).toBe('2026-04-07');
  });

  it('counts epoch days and weekdays', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-03-01')).toBe(11017);
    expect(fromEpochDay(20000)).toBe('2024-10-04');
    expect(weekday('2026-04-26')).toBe(0); // Sunday
    expect(weekday('2026-04-27')).toBe(1); // Monday
    expect(weekday('2026-02-14')).toBe(6); // Saturday
  });

  it('agrees with Date.UTC on epoch days and weekdays (property)', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const { year, month, day } = parts(d);
        const utc = Date.UTC(year, month - 1, day);
        expect(toEpochDay(d)).toBe(utc / 86_400_000);
        expect(weekday(d)).toBe(new Date(utc).getUTCDay());
        expect(fromEpochDay(toEpochDay(d))).toBe(d);
      }),
      { numRuns: 500 },
    );
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-02-14', 9)).toBe('2026-02-23');
    expect(compareDates('2026-02-14', '2026-02-23')).toBeLessThan(0);
    expect(compareDates('2026-02-23', '2026-02-23')).toBe(0);
  });

  it('knows month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(lastDayOfMonth(2026, 12)).toBe('2026-12-31');
    expect(() => daysInMonth(2026, 13)).toThrow(RangeError);
  });

  it('formats dates the Vietnamese way', () => {
    expect(formatVi('2026-09-30')).toBe('30/9/2026');
    expect(formatViLong('2026-09-30')).toBe('thứ Tư, ngày 30/9/2026');
    expect(formatViLong('2026-04-27')).toBe('thứ Hai, ngày 27/4/2026');
    expect(formatViLong('2026-04-26')).toBe('Chủ nhật, ngày 26/4/2026');
    expect(formatViLong('2026-02-14')).toBe('thứ Bảy, ngày 14/02/2026');
  });

  it('converts local times at UTC+7', () => {
    expect(atLocalTime('2026-09-30', '08:00')).toBe('2026-09-30T08:00:00+07:00');
    expect(toInstantMs('2026-09-30', '08:00')).toBe(Date.UTC(2026, 8, 30, 1, 0));
    expect(toInstantMs('2026-01-01', '00:00')).toBe(Date.UTC(2025, 11, 31, 17, 0));
    expect(Date.parse(atLocalTime('2026-01-01', '06:30'))).toBe(toInstantMs('2026-01-01', '06:30'));
    expect(localDateOfInstant(Date.UTC(2026, 8, 29, 17, 0))).toBe('2026-09-30');
    expect(localDateOfInstant(Date.UTC(2026, 8, 29, 16, 59, 59, 999))).toBe('2026-09-29');
    expect(() => atLocalTime('2026-09-30', '24:00')).toThrow(RangeError);
    expect(() => toInstantMs('2026-09-30', '8:00')).toThrow(RangeError);
  });

  it('round-trips instants and local dates (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (d, h, m) => {
        const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(localDateOfInstant(toInstantMs(d, time))).toBe(d);
      }),
      { numRuns: 300 },
    );
  });
});
