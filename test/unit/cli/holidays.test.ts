import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holidaysText } from '../../../cli/commands/holidays-format';
import { runHolidays } from '../../../cli/commands/holidays';
import { outcome } from '../../../cli/output';
import { ConfigError, formatIssue } from '../../../config/errors';
import { loadConfig } from '../../../config/load';
import { isWeekend } from '../../../domain/calendar/local-date';
import { WorkingCalendar } from '../../../domain/calendar/working-calendar';
import { dondoc } from './run';

const BAD = path.resolve(__dirname, '../../fixtures/bad-config');

describe('dondoc holidays', () => {
  it('--json gives [{date, name, reason}] for 2026, with the compensatory 27/04 and Tết 16–20/02', async () => {
    const { code, stdout, stderr } = await dondoc('holidays', '--year', '2026', '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const rows = JSON.parse(stdout) as Array<{ date: string; name: string; reason: string }>;
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['date', 'name', 'reason']);
      expect(row.date).toMatch(/^2026-\d\d-\d\d$/);
      expect(['holiday', 'compensatory', 'official']).toContain(row.reason);
      // Ordinary weekends are left out; a holiday falling on one is listed (it is why a day is compensated).
      if (isWeekend(row.date)) expect(row.reason).toBe('holiday');
    }
    expect(rows.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort());
    expect(rows).toContainEqual({ date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', reason: 'compensatory' });
    expect(rows).toContainEqual({ date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương', reason: 'holiday' });
    // Tết Bính Ngọ: off Sat 14/02 – Sun 22/02/2026; the weekdays 16–20/02 are listed, the weekend days are not.
    const tet = rows.filter((r) => r.date >= '2026-02-14' && r.date <= '2026-02-22');
    expect(tet.map((r) => r.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    for (const r of tet) expect(r).toMatchObject({ name: expect.stringMatching(/^Tết Nguyên đán \(/), reason: 'official' });
    expect(tet[1]!.name).toBe('Tết Nguyên đán (mùng 1 tháng Giêng)');
  });

  it('prints the Vietnamese listing without --json', async () => {
    const { code, stdout } = await dondoc('holidays', '--year', '2026');
    expect(code).toBe(0);
    const calendar = new WorkingCalendar(loadConfig().config.calendar);
    expect(stdout).toBe(holidaysText(2026, calendar.nonWorkingDays(2026), calendar.swappedWorkingDays(2026)));
    expect(stdout).toContain('Thứ Hai, ngày 27/4/2026  Nghỉ bù Giỗ Tổ Hùng Vương (bù ngày 26/4/2026)\n');
  });

  it('accepts the years 1900 and 2199', async () => {
    for (const year of ['1900', '2199']) {
      const { code, stdout } = await dondoc('holidays', '--year', year, '--json');
      expect(code, year).toBe(0);
      expect(JSON.parse(stdout).length, year).toBeGreaterThan(5);
    }
  });

  it('rejects a year that is not an integer 1900–2199 with one line and exit 2', async () => {
    for (const year of ['abc', '1899', '2200', '2026.5', '20 26', '', '-2026', '1e3']) {
      const { code, stdout, stderr } = await dondoc('holidays', `--year=${year}`);
      expect(code, year).toBe(2);
      expect(stdout, year).toBe('');
      expect(stderr.split('\n'), year).toEqual([`dondoc holidays: --year ${JSON.stringify(year)} không hợp lệ: cần một năm là số nguyên từ 1900 đến 2199`, '']);
    }
    const missing = await dondoc('holidays', '--json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('dondoc holidays: thiếu --year: cần một năm là số nguyên từ 1900 đến 2199, ví dụ --year 2026\n');
  });

  it('reports every issue of a configuration that does not load, exit 2', async () => {
    const load = () => loadConfig({ plan: path.join(BAD, 'plan-several-errors.yaml') });
    let issues: readonly string[] = [];
    try {
      load();
    } catch (e) {
      issues = (e as ConfigError).issues.map(formatIssue);
    }
    expect(issues.length).toBeGreaterThan(1);
    const printed = await outcome('holidays', () => runHolidays({ year: '2026' }, load));
    expect(printed.code).toBe(2);
    expect(printed.out).toBe('');
    expect(printed.err).toBe(`${issues.join('\n')}\nCấu hình không hợp lệ: ${issues.length} lỗi.\n`);
  });
});
