/**
 * The annual report's figures: expected occurrences joined with records, counted per
 * obligation and unit, overdue items with working days late, indicators, registrations; the
 * Vietnamese document and its Markdown, HTML and CSV.
 */
import { describe, expect, test } from 'vitest';
import { toInstantMs } from '../../../domain/calendar/local-date';
import { countFacts } from '../../../reporting/aggregate';
import { monitorNames, partyHeading, percent, reportDocument } from '../../../reporting/document';
import { expectedOccurrences, joinFacts } from '../../../reporting/facts';
import { buildReport, renderReport } from '../../../reporting';
import { CSV_COLUMNS, renderCsv } from '../../../reporting/render/text';
import { END_OF_2024, index, MID_2024, syntheticYear } from './fixtures';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('facts', () => {
  test('every expected occurrence of the year is a fact once; unrecorded ones are not-started or not-opened by their opening day', () => {
    const expected = expectedOccurrences(index, { year: 2024 });
    expect(new Set(expected.map((o) => o.id)).size).toBe(expected.length);
    expect(expected.every((o) => o.due.startsWith('2024-'))).toBe(true);
    const facts = joinFacts(expected, new Map(), toInstantMs('2024-07-10', '12:00'));
    const byId = new Map(facts.map((f) => [f.id, f]));
    expect(byId.get('occ/citizen-reception-invite/bien-son/2024-01')?.status).toBe('not-started');
    expect(byId.get('occ/citizen-reception-invite/bien-son/2024-12')?.status).toBe('not-opened');
    expect(byId.get('occ/quarterly-briefing/huyen/2024-Q3')?.status).toBe('not-started'); // opened 01/07
    expect(byId.get('occ/quarterly-briefing/huyen/2024-Q4')?.status).toBe('not-opened');
  });

  test('an extended occurrence keeps its id and plan due date, and reports the due date in force', () => {
    const [occ] = expectedOccurrences(index, { year: 2024, unit: 'huyen' }).filter((o) => o.id === 'occ/quarterly-briefing/huyen/2024-Q1');
    const [fact] = joinFacts([occ!], new Map([[occ!.id, { status: 'open', due: '2024-04-10' }]]), MID_2024);
    expect(fact).toMatchObject({ plannedDue: '2024-03-29', due: '2024-04-10', extended: true, status: 'open' });
  });
});

describe('aggregate', () => {
  test('counts equal the records, per obligation and per unit, and add up to the totals', async () => {
    const { records, source } = syntheticYear({ asOfMs: END_OF_2024 });
    const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
    const t = report.totals;
    const byStatus = (s: string) => [...records.values()].filter((r) => r.status === s).length;
    expect(t.onTime).toBe(byStatus('done-on-time'));
    expect(t.late).toBe(byStatus('done-late'));
    expect(t.overdue).toBe(byStatus('overdue'));
    expect(t.waived).toBe(byStatus('waived'));
    expect(t.notStarted).toBe(t.expected - records.size);
    expect(t.notStarted).toBeGreaterThan(0); // January, before the plan was applied
    expect(t.onTime + t.late + t.overdue + t.waived + t.open + t.closed + t.notOpened + t.notStarted).toBe(t.expected);
    for (const key of ['expected', 'onTime', 'late', 'overdue', 'waived', 'notStarted'] as const) {
      expect(sum(report.byObligation.map((r) => r.counts[key])), key).toBe(t[key]);
      expect(sum(report.byUnit.map((r) => r.counts[key])), key).toBe(t[key]);
    }
    expect(t.completionRate).toBeCloseTo((t.onTime + t.late) / (t.onTime + t.late + t.overdue), 10);
    expect(report.overdue).toHaveLength(t.overdue);
  });

  test('completion rate: none judged gives null; the percentage is written the Vietnamese way', () => {
    expect(countFacts([]).completionRate).toBeNull();
    expect(percent(6 / 7)).toBe('85,7%');
    expect(percent(1)).toBe('100,0%');
    expect(percent(null)).toBe('—');
  });

  test('working days late skip weekends and days off (Giỗ Tổ 18/4, 29/4 swapped, 30/4, 1/5 of 2024)', async () => {
    const id = 'occ/citizen-reception-invite/bien-son/2024-04';
    const occ = expectedOccurrences(index, { year: 2024, unit: 'bien-son' }).find((o) => o.id === id)!;
    // The invitations to the reception of Monday 15/4, due two working days before it.
    expect(occ.due).toBe('2024-04-11');
    const source = { description: 'x', records: async () => new Map([[id, { status: 'overdue' as const, due: occ.due }]]) };
    // 12/4 … 26/4: 10 working days (18/4 Giỗ Tổ Hùng Vương); 29/4 (swapped for Saturday 4/5),
    // 30/4 and 1/5 off; 2/5 and 3/5: 2 more.
    const report = await buildReport(index, { year: 2024, unit: 'bien-son', asOfMs: toInstantMs('2024-05-03', '12:00') }, source);
    expect(report.overdue.find((o) => o.id === id)?.workingDaysLate).toBe(index.calendar.workingDaysBetween('2024-04-11', '2024-05-03'));
    expect(report.overdue.find((o) => o.id === id)?.workingDaysLate).toBe(12);
  });

  test('indicators against their targets, and the activities registered with their titles', async () => {
    const { source } = syntheticYear({ asOfMs: END_OF_2024, seed: 1 });
    const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
    const veterans = report.indicators.find((r) => r.obligation.id === 'veterans-chair-indicator')!;
    expect(veterans).toMatchObject({ comparison: '>=', target: 55, measure: '%' });
    if (veterans.value !== undefined) expect(veterans.verdict).toBe('met');
    else expect(veterans.verdict).toBe('not-reported');
    const union = report.indicators.find((r) => r.obligation.id === 'union-membership-indicator')!;
    expect(union.target).toBeUndefined();
    expect(union.verdict).toBe(union.value === undefined ? 'not-reported' : 'no-target');

    const [reg] = report.registrations;
    expect(reg!.obligation.id).toBe('creative-activity-registration');
    const done = report.facts.filter((f) => f.obligation === 'creative-activity-registration' && f.status.startsWith('done-'));
    expect(reg!.items.map((i) => i.id).sort()).toEqual(done.map((f) => f.id).sort());
    expect(reg!.items.length).toBeGreaterThan(10);
    for (const item of reg!.items) expect(item.title).toMatch(/^Mô hình «Dân vận khéo»/);
  });

  test('a unit report counts only that unit', async () => {
    const { source } = syntheticYear({ asOfMs: MID_2024 });
    const report = await buildReport(index, { year: 2024, unit: 'bien-son', asOfMs: MID_2024 }, source);
    expect(report.unit).toEqual({ id: 'bien-son', name: 'xã Biên Sơn' });
    expect(report.byUnit.map((r) => r.unit.id)).toEqual(['bien-son']);
    expect(report.facts.every((f) => f.unit === 'bien-son')).toBe(true);
    expect(report.totals.notOpened).toBeGreaterThan(0); // mid-year: the second half is still to come
  });
});

describe('the document', () => {
  test('the Party heading comes from the directory: Huyện ủy Lục Ngạn, Ban Dân vận, BC/BDVHU, Lục Ngạn', () => {
    expect(monitorNames(index)).toEqual({ issuer: 'Ban Dân vận', committee: 'Huyện ủy Lục Ngạn', place: 'Lục Ngạn' });
    const h = partyHeading(index, 2024);
    expect(h).toMatchObject({ party: 'ĐẢNG CỘNG SẢN VIỆT NAM', superior: 'HUYỆN ỦY LỤC NGẠN', issuer: 'BAN DÂN VẬN' });
    expect(h.number.replace(/\u00a0+/g, ' ')).toBe('Số -BC/BDVHU');
    expect(h.placeDate.replace(/\u00a0+/g, ' ')).toBe('Lục Ngạn, ngày tháng năm 2024');
  });

  test('a draft, never signed; sections I–V; the figures of the summary are the totals', async () => {
    const { source } = syntheticYear({ asOfMs: END_OF_2024 });
    const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
    const doc = reportDocument(index, report);
    expect(doc.draftMark).toBe('DỰ THẢO');
    expect(doc.signature.unsigned).toBe('(Dự thảo, chưa ký)');
    expect(doc.title).toMatch(/^kết quả thực hiện Kế hoạch thực hiện Kết luận số 115-KL\/TU .*, năm 2024$/);
    const headings = doc.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);
    expect(headings.map((h) => h.split('.')[0])).toEqual(['I', 'II', 'III', 'IV', 'V']);
    const t = report.totals;
    const summary = doc.blocks.find((b) => b.type === 'paragraph' && b.text.startsWith('Năm 2024'))!;
    expect((summary as { text: string }).text).toContain(`Kế hoạch đặt ra ${t.expected} lượt nhiệm vụ`);
    expect((summary as { text: string }).text).toContain(`${t.onTime} kỳ hoàn thành đúng hạn và ${t.late} kỳ hoàn thành quá hạn; ${t.overdue} kỳ quá hạn, chưa hoàn thành`);
    expect((summary as { text: string }).text).toContain(`${t.notStarted} kỳ chưa được theo dõi trên hệ thống`);
    expect(doc.recipients).toEqual(['Ban Thường vụ Huyện ủy Lục Ngạn (b/c),', 'Thường trực Huyện ủy Lục Ngạn (b/c),', 'Lưu Ban Dân vận.']);
    const note = doc.blocks.at(-1)!;
    expect(note.type).toBe('note');
    expect((note as { text: string }).text).toContain('bản ghi thử nghiệm');
    expect((note as { text: string }).text).toContain('không có trên hệ thống');
  });

  test('Markdown, HTML and CSV: the same figures, Vietnamese with diacritics, nothing undefined', async () => {
    const { source } = syntheticYear({ asOfMs: END_OF_2024 });
    const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
    const md = (await renderReport(index, report, 'md')).toString('utf8');
    const html = (await renderReport(index, report, 'html')).toString('utf8');
    for (const text of [md, html]) {
      expect(text).not.toMatch(/undefined|NaN|\[object/);
      expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(text).toContain('DỰ THẢO');
      expect(text).toContain('Nơi nhận:');
      expect(text).toContain('Tổng cộng');
    }
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(md).toContain(`| ${report.totals.expected} | ${report.totals.onTime} | ${report.totals.late} | ${report.totals.overdue} |`.replace(/\| (\d+)/g, '| **$1**'));

    const csv = renderCsv(index, report);
    expect(csv.startsWith('\ufeffMã kỳ,Nhiệm vụ,')).toBe(true);
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(report.facts.length + 1);
    expect(rows[0]!.split(',')).toHaveLength(CSV_COLUMNS.length);
    const statuses = rows.slice(1).map((r) => /,(done-on-time|done-late|overdue|waived|open|closed|not-opened|not-started),/.exec(r)?.[1]);
    expect(statuses.filter((s) => s === 'overdue')).toHaveLength(report.totals.overdue);
    expect(statuses.filter((s) => s === 'not-started')).toHaveLength(report.totals.notStarted);
  });
});
