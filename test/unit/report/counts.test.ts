/**
 * Counts as an officer writes them in a report: a leading zero below 10 for bodies, tasks and
 * lượt (vocabulary countVi), and the Front with the organisations of a level named together
 * when they are exactly whom a duty is owed by (the directory's `mass`).
 */
import { describe, expect, test } from 'vitest';
import { toInstantMs } from '../../../domain/calendar/local-date';
import { buildReport } from '../../../reporting';
import { reportDocument } from '../../../reporting/document';
import { expectedOccurrences, type FactSource, type OccurrenceRecord } from '../../../reporting/facts';
import { countVi, formatRate, formatVi, frontAndOrganisationsVi } from '../../../vocabulary';
import { index } from './fixtures';

describe('countVi: the one rule for counts in a report', () => {
  test('1–9 take a leading zero; 0 and 10 or more stay as they are, thousands with a dot', () => {
    expect([1, 2, 5, 9].map(countVi)).toEqual(['01', '02', '05', '09']);
    expect([0, 10, 12, 234, 1234].map(countVi)).toEqual(['0', '10', '12', '234', '1.234']);
  });
  test('dates and percentages keep their own rules', () => {
    expect(formatVi('2024-09-05')).toBe('05/9/2024');
    expect(formatRate(0.05)).toBe('5%');
  });
});

describe('frontAndOrganisationsVi: the Front and the organisations of one unit, named together', () => {
  const huyen = ['mttq-huyen', 'ldld-huyen', 'hnd-huyen', 'hccb-huyen', 'hlhpn-huyen', 'huyen-doan'];
  const bienSon = ['mttq-bien-son', 'hnd-bien-son', 'hccb-bien-son', 'hlhpn-bien-son', 'doan-tn-bien-son'];
  test('exactly the set: the district read from the district, a commune by its name', () => {
    expect(frontAndOrganisationsVi(index, huyen, 'huyen')).toBe('Ủy ban MTTQ và 05 tổ chức chính trị - xã hội huyện');
    expect(frontAndOrganisationsVi(index, bienSon, 'huyen')).toBe('Ủy ban MTTQ và 04 tổ chức chính trị - xã hội xã Biên Sơn');
  });
  test('anything else is not named so: one missing, another body, two units', () => {
    expect(frontAndOrganisationsVi(index, huyen.slice(0, -1), 'huyen')).toBeUndefined();
    expect(frontAndOrganisationsVi(index, [...huyen, 'ubnd-huyen'], 'huyen')).toBeUndefined();
    expect(frontAndOrganisationsVi(index, [...huyen, ...bienSon], 'huyen')).toBeUndefined();
    expect(frontAndOrganisationsVi(index, huyen.slice(1), 'huyen')).toBeUndefined();
  });
});

describe('the report writes its counts so', () => {
  // The district's own 2024: the six registrations all made, two on time and four late.
  const ASOF = toInstantMs('2025-01-20', '12:00');
  const expected = expectedOccurrences(index, { year: 2024, unit: 'huyen' });
  const registrations = expected.filter((o) => o.obligation === 'creative-activity-registration');
  const records = new Map<string, OccurrenceRecord>(
    registrations.map((o, i) => {
      const atMs = i < 2 ? o.steps[0]!.atMs : o.overdueFromMs;
      return [o.id, { status: i < 2 ? 'done-on-time' : 'done-late', due: o.due, endedAtMs: atMs, resolution: { action: 'complete', by: o.owners[0]!, atMs, evidence: `Mô hình ${i + 1}` } }];
    }),
  );
  const source: FactSource = { records: async (ids) => new Map(ids.flatMap((id) => (records.has(id) ? [[id, records.get(id)!] as const] : []))) };

  test('“Ủy ban MTTQ và 05 tổ chức chính trị - xã hội huyện đều đã đăng ký (đúng hạn 02, quá hạn 04)”; the tables count 06, 02, 04', async () => {
    const report = await buildReport(index, { year: 2024, unit: 'huyen', asOfMs: ASOF }, source);
    const doc = reportDocument(index, report);
    const texts = doc.blocks.flatMap((b) => ('text' in b ? [b.text] : []));
    expect(texts).toContain('Ủy ban MTTQ và 05 tổ chức chính trị - xã hội huyện đều đã đăng ký (đúng hạn 02, quá hạn 04). Chi tiết tại Biểu 2 (Phụ lục kèm theo).');
    expect(texts.some((t) => /^Đăng ký với cấp ủy cùng cấp .*: 06 lượt, trong đó hoàn thành đúng hạn 02 lượt; hoàn thành quá hạn 04 lượt\.$/.test(t))).toBe(true);
    const table = doc.annex.blocks.find((b) => b.type === 'table')!;
    const row = (table as { rows: { text: string }[][] }).rows.find((r) => r[1]!.text.startsWith('Đăng ký với cấp ủy cùng cấp'))!;
    expect(row.slice(2, 7).map((c) => c.text)).toEqual(['06', '02', '04', '0', '0']);
    expect(row[8]!.text).toBe('100%');
    // Row numbers (STT) stay as they are.
    expect((table as { rows: { text: string }[][] }).rows[0]![0]!.text).toBe('1');
  });
});
