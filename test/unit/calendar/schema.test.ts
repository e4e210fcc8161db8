import { describe, expect, it } from 'vitest';
import { calendarFileSchema } from '../../../config/schema/calendar';
import { loadOfficial } from './load-official';

const entry = (overrides: Record<string, unknown> = {}) => ({
  year: 2027,
  source: 'Thông báo 1/TB-BNV ngày 01/01/2027 của Bộ Nội vụ',
  daysOff: [{ date: '2027-02-05', name: 'Tết Nguyên đán (29 tháng Chạp)' }],
  workingDays: [{ date: '2027-02-13', name: 'Làm bù' }],
  ...overrides,
});

const messages = (input: unknown): string[] => {
  const result = calendarFileSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('calendar file schema', () => {
  it('accepts the shipped vn-official.yaml, 2021–2026, each with a cited source', () => {
    const years = loadOfficial();
    expect(years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    for (const y of years) {
      expect(y.source).toMatch(/\d+\/(TB|VPCP)-[A-ZĐ-]+/);
      expect(y.source).toMatch(/Bộ|Văn phòng Chính phủ/);
      expect(y.daysOff.length).toBeGreaterThan(0);
      expect(Object.keys(y).sort()).toEqual(['daysOff', 'source', 'workingDays', 'year']);
    }
  });

  it('produces OfficialYear[] and fills missing lists with []', () => {
    const parsed = calendarFileSchema.parse({ years: [{ year: 2027, source: 'x', daysOff: [] }] });
    expect(parsed).toEqual([{ year: 2027, source: 'x', daysOff: [], workingDays: [] }]);
  });

  it('rejects unknown keys', () => {
    expect(messages({ years: [entry({ note: 'x' })] })).toHaveLength(1);
    expect(messages({ years: [], extra: 1 })).toHaveLength(1);
    expect(messages({ years: [entry({ daysOff: [{ date: '2027-02-05', name: 'x', reason: 'y' }] })] })).toHaveLength(1);
  });

  it('rejects dates that are not real or not written YYYY-MM-DD', () => {
    expect(messages({ years: [entry({ daysOff: [{ date: '2027-02-30', name: 'x' }] })] })[0]).toMatch(/^years\.0\.daysOff\.0\.date: .*2027-02-30/);
    expect(messages({ years: [entry({ daysOff: [{ date: '5/2/2027', name: 'x' }] })] })).toHaveLength(1);
    expect(messages({ years: [entry({ daysOff: [{ date: 20270205, name: 'x' }] })] })).toHaveLength(1);
  });

  it('rejects dates outside the year, weekday working days, duplicates and repeated years', () => {
    expect(messages({ years: [entry({ daysOff: [{ date: '2026-12-31', name: 'x' }] })] })[0]).toMatch(/không thuộc năm 2027/);
    expect(messages({ years: [entry({ workingDays: [{ date: '2027-02-12', name: 'x' }] })] })[0]).toMatch(/thứ Bảy hoặc Chủ nhật/);
    expect(
      messages({ years: [entry({ workingDays: [{ date: '2027-02-06', name: 'x' }], daysOff: [{ date: '2027-02-06', name: 'y' }] })] })[0],
    ).toMatch(/đã có trong daysOff/);
    expect(messages({ years: [entry(), entry()] })[0]).toMatch(/^years\.1\.year: năm 2027 khai báo hai lần/);
    expect(messages({ years: [entry({ source: '  ' })] })).toHaveLength(1);
    expect(messages({ years: [entry({ year: 2027.5 })] }).length).toBeGreaterThan(0);
    expect(messages({ years: [entry()] })).toEqual([]);
  });
});
