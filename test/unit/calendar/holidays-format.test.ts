import { describe, expect, it } from 'vitest';
import { holidaysJson, holidaysText } from '../../../cli/commands/holidays-format';
import { WorkingCalendar } from '../../../domain/calendar/working-calendar';
import { loadOfficial } from './load-official';

const cal = new WorkingCalendar(loadOfficial());

describe('dondoc holidays output', () => {
  it('prints one natural Vietnamese line a day, with diacritics', () => {
    const text = holidaysText(2026, cal.nonWorkingDays(2026), cal.swappedWorkingDays(2026));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Ngày nghỉ năm 2026 (ngoài thứ Bảy, Chủ nhật hằng tuần): 13 ngày');
    expect(lines).toContain('Thứ Năm, ngày 01/01/2026  Tết Dương lịch');
    expect(lines).toContain('Thứ Ba, ngày 17/02/2026  Tết Nguyên đán (mùng 1 tháng Giêng)');
    expect(lines).toContain('Chủ nhật, ngày 26/4/2026  Giỗ Tổ Hùng Vương');
    expect(lines).toContain('Thứ Hai, ngày 27/4/2026  Nghỉ bù Giỗ Tổ Hùng Vương (bù ngày 26/4/2026)');
    expect(lines).toContain('Thứ Năm, ngày 30/4/2026  Ngày Chiến thắng');
    expect(lines).toContain('Thứ Sáu, ngày 01/5/2026  Ngày Quốc tế Lao động');
    expect(lines).toContain('Thứ Ba, ngày 01/9/2026  Quốc khánh (ngày liền kề) — dự kiến, chưa có thông báo chính thức');
    expect(lines).toContain('Ngày làm việc bù (thứ Bảy, Chủ nhật đi làm): 1 ngày');
    expect(lines).toContain('Thứ Bảy, ngày 10/01/2026  Làm bù cho ngày nghỉ thứ Sáu 02/01/2026');
    expect(text).toBe(text.normalize('NFC'));
    expect(text.endsWith('\n')).toBe(true);
    // No diacritic-stripped fallbacks.
    expect(text).not.toMatch(/Thu Hai|Chu nhat|Nghi bu|Tet /);
  });

  it('omits the swap block when there is none and says so when a year is empty', () => {
    const text = holidaysText(2027, cal.nonWorkingDays(2027));
    expect(text).not.toContain('Ngày làm việc bù');
    expect(text).toContain('Thứ Sáu, ngày 05/02/2027  Tết Nguyên đán (29 tháng Chạp) — dự kiến, chưa có thông báo chính thức');
    expect(holidaysText(2030, [])).toBe('Năm 2030 không có ngày nghỉ nào ngoài thứ Bảy, Chủ nhật hằng tuần.\n');
  });

  it('gives JSON rows {date, name, reason}', () => {
    const rows = holidaysJson(cal.nonWorkingDays(2026));
    expect(rows).toContainEqual({ date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', reason: 'compensatory' });
    expect(rows).toContainEqual({ date: '2026-02-17', name: 'Tết Nguyên đán (mùng 1 tháng Giêng)', reason: 'official' });
    expect(rows).toContainEqual({ date: '2026-01-01', name: 'Tết Dương lịch', reason: 'holiday' });
    for (const row of rows) expect(Object.keys(row)).toEqual(['date', 'name', 'reason']);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});
