/**
 * The DOCX parsed back (JSZip + the WordprocessingML itself): A4 with the Party margins,
 * Times New Roman, the heading block, the draft mark on every page, and tables whose
 * figures are the report's.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildReport, renderReport, type AnnualReport } from '../../../reporting';
import { otherCount, percent } from '../../../reporting/document';
import { END_OF_2024, index, syntheticYear } from './fixtures';
import { formatVi } from '../../../vocabulary';

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => m[0]);
/** The text of a piece of WordprocessingML, its paragraphs joined by `\n`. */
const text = (xml: string) =>
  all(/<w:p[ >][\s\S]*?<\/w:p>/g, xml)
    .map((p) => decode(all(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g, p).map((t) => t.replace(/<[^>]+>/g, '')).join('')))
    .join('\n')
    .replace(/\u00a0+/g, ' ');
/** Top-level tables (no nesting here) → rows → cell texts. */
const tables = (xml: string) =>
  all(/<w:tbl>[\s\S]*?<\/w:tbl>/g, xml).map((t) => all(/<w:tr[ >][\s\S]*?<\/w:tr>/g, t).map((r) => all(/<w:tc>[\s\S]*?<\/w:tc>/g, r).map(text)));

let report: AnnualReport;
let zip: JSZip;
let documentXml: string;

beforeAll(async () => {
  const { source } = syntheticYear({ asOfMs: END_OF_2024 });
  report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
  const bytes = await renderReport(index, report, 'docx');
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  zip = await JSZip.loadAsync(bytes);
  documentXml = await zip.file('word/document.xml')!.async('string');
});

describe('the DOCX', () => {
  test('A4 portrait, margins 20/20/30/15 mm, Times New Roman 14 pt', async () => {
    expect(documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(documentXml)![1]!;
    expect(margin).toContain('w:top="1134"');
    expect(margin).toContain('w:bottom="1134"');
    expect(margin).toContain('w:left="1701"');
    expect(margin).toContain('w:right="851"');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
    expect(all(/w:ascii="([^"]+)"/g, documentXml).every((a) => a === 'w:ascii="Times New Roman"')).toBe(true);
  });

  test('the heading: issuing body top left, ĐẢNG CỘNG SẢN VIỆT NAM top right (bold, underlined), the place and date in italics', () => {
    const [heading] = tables(documentXml);
    expect(heading).toEqual([['HUYỆN ỦY LỤC NGẠN\nBAN DÂN VẬN\n*\nSố -BC/BDVHU', 'ĐẢNG CỘNG SẢN VIỆT NAM\nLục Ngạn, ngày tháng năm 2025']]);
    const party = /<w:r>(?:(?!<\/w:r>)[\s\S])*ĐẢNG CỘNG SẢN VIỆT NAM<\/w:t><\/w:r>/.exec(documentXml)![0];
    expect(party).toContain('<w:b/>');
    expect(party).toMatch(/<w:u w:val="single"\/>/);
    const place = /<w:r>(?:(?!<\/w:r>)[\s\S])*Lục Ngạn, ngày[\s\S]*?<\/w:r>/.exec(documentXml)![0];
    expect(place).toContain('<w:i/>');
    const issuer = /<w:r>(?:(?!<\/w:r>)[\s\S])*>BAN DÂN VẬN<\/w:t><\/w:r>/.exec(documentXml)![0];
    expect(issuer).toContain('<w:b/>');
  });

  test('a draft on every page, never signed; title, sections and Nơi nhận in order', async () => {
    const headerFiles = Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f));
    expect(headerFiles.length).toBeGreaterThan(0);
    const header = text(await zip.file(headerFiles[0]!)!.async('string'));
    expect(header).toMatch(/^ DỰ THẢO +do dondoc tạo ngày 15\/02\/2025 để Ban Dân vận biên tập, chưa ký ban hành$/);
    const body = text(documentXml);
    const order = ['BÁO CÁO', 'kết quả thực hiện Kế hoạch', 'I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ', 'II. CÁC NHIỆM VỤ QUÁ HẠN', 'III. CÁC CHỈ TIÊU', 'IV. CÁC HOẠT ĐỘNG SÁNG TẠO', 'V. ĐÁNH GIÁ CHUNG, ĐỀ XUẤT', 'Ghi chú:', 'Nơi nhận:', 'TRƯỞNG BAN', '(Dự thảo, chưa ký)'];
    const at = order.map((s) => body.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(body).not.toMatch(/undefined|NaN/);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:title>DỰ THẢO: BÁO CÁO kết quả thực hiện');
  });

  test("the tables' figures are the report's: per obligation, per unit, overdue items", () => {
    const t = tables(documentXml);
    const counts = (c: AnnualReport['totals']) => [c.expected, c.onTime, c.late, c.overdue, c.waived, otherCount(c)].map(String).concat(percent(c.completionRate));
    const byObligation = t[1]!;
    expect(byObligation[0]).toEqual(['STT', 'Nhiệm vụ (mục của Kế hoạch)', 'Số kỳ', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Quá hạn, chưa hoàn thành', 'Không phát sinh', 'Khác (*)', 'Tỷ lệ hoàn thành']);
    expect(byObligation.slice(1, -1).map((r) => r.slice(2))).toEqual(report.byObligation.map((r) => counts(r.counts)));
    expect(byObligation.at(-1)).toEqual(['', 'Tổng cộng', ...counts(report.totals)]);
    const byUnit = t[2]!;
    expect(byUnit.slice(1, -1).map((r) => r[1])).toEqual(report.byUnit.map((r) => r.unit.name.charAt(0).toUpperCase() + r.unit.name.slice(1)));
    expect(byUnit[1]![1]).toBe('Huyện Lục Ngạn');
    expect(byUnit.slice(1, -1).map((r) => r.slice(2))).toEqual(report.byUnit.map((r) => counts(r.counts)));
    // Overdue items grouped by obligation: a title row per group, then its items.
    const overdue = t[3]!;
    const items = overdue.slice(1).filter((r) => r.length === 5);
    const groups = overdue.slice(1).filter((r) => r.length === 1);
    expect(items).toHaveLength(report.totals.overdue);
    expect(items.map((r) => r[0])).toEqual(items.map((_, i) => String(i + 1)));
    expect(groups.map((g) => g[0]!.replace(/ \(\d+ kỳ\)$/, ''))).toEqual(report.byObligation.filter((r) => r.counts.overdue > 0).map((r) => r.obligation.name));
    const byKey = (xs: string[][]) => xs.map((x) => x.join('|')).sort();
    expect(byKey(items.map((r) => r.slice(1)))).toEqual(
      byKey(report.overdue.map((o) => [o.owners.join(', '), o.periodLabel, formatVi(o.due), String(o.workingDaysLate)])),
    );
    const end = t.at(-1)!;
    expect(end[0]![0]).toMatch(/^Nơi nhận:\n- Ban Thường vụ Huyện ủy Lục Ngạn \(b\/c\),\n- Thường trực Huyện ủy Lục Ngạn \(b\/c\),\n- Lưu Ban Dân vận\.$/);
    expect(end[0]![1]).toBe('T/M BAN DÂN VẬN\nTRƯỞNG BAN\n(Dự thảo, chưa ký)');
  });
});
