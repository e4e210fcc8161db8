/**
 * The DOCX parsed back (JSZip + the WordprocessingML itself), against Hướng dẫn 36-HD/VPTW:
 * A4 with the Party margins, Times New Roman, the heading block, BÁO CÁO and its subject, the
 * five sections in order, the signature of a commission and Nơi nhận from the plan, the annex
 * after them with the tables whose figures are the report's, page numbers from page 2, no
 * software words and no task counted in "kỳ".
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, test } from 'vitest';
import { PlanIndex } from '../../../domain/occurrences';
import type { AnnualReportSettings } from '../../../domain/model';
import { buildReport, renderReport, type AnnualReport } from '../../../reporting';
import { otherCount } from '../../../reporting/document';
import { countVi, formatRate, formatVi } from '../../../vocabulary';
import { documentDateVi } from '../../../vocabulary/document';
import { END_OF_2024, index, syntheticYear } from './fixtures';
import { SOFTWARE_WORDS, TASKS_COUNTED_IN_KY } from './words';

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => m[0]);
/** The text of a piece of WordprocessingML, its paragraphs joined by `\n`. */
const text = (xml: string) =>
  all(/<w:p[ >][\s\S]*?<\/w:p>/g, xml)
    .map((p) => decode(all(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g, p).map((t) => t.replace(/<[^>]+>/g, '')).join('')))
    .join('\n')
    .replace(/ ?\u00a0+ ?/g, ' ');
/** Top-level tables (no nesting here) → rows → cell texts. */
const tables = (xml: string) =>
  all(/<w:tbl>[\s\S]*?<\/w:tbl>/g, xml).map((t) => all(/<w:tr[ >][\s\S]*?<\/w:tr>/g, t).map((r) => all(/<w:tc>[\s\S]*?<\/w:tc>/g, r).map(text)));
/** The run (`<w:r>…</w:r>`) whose text is exactly `s`. */
const runOf = (xml: string, s: string) => all(/<w:r>(?:(?!<\/w:r>)[\s\S])*<\/w:r>/g, xml).find((r) => text(`<w:p>${r}</w:p>`) === s);

/** The report's DOCX with the plan's annualReport block replaced. */
async function docxWith(settings: AnnualReportSettings | undefined, report: AnnualReport): Promise<JSZip> {
  const config = { ...index.config, plan: { ...index.config.plan, annualReport: settings } };
  const other = new PlanIndex(config, index.calendar);
  return JSZip.loadAsync(await renderReport(other, report, 'docx'));
}

let report: AnnualReport;
let zip: JSZip;
let documentXml: string;
let body: string;

beforeAll(async () => {
  const { source } = syntheticYear({ asOfMs: END_OF_2024 });
  report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
  const bytes = await renderReport(index, report, 'docx');
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  zip = await JSZip.loadAsync(bytes);
  documentXml = await zip.file('word/document.xml')!.async('string');
  body = text(documentXml);
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

  test('the heading: HUYỆN ỦY LỤC NGẠN, BAN DÂN VẬN in bold, *, the number; ĐẢNG CỘNG SẢN VIỆT NAM bold and underlined; the place and date in italics, the day left blank', () => {
    const [heading] = tables(documentXml);
    const month = formatVi(report.asOf).split('/')[1];
    expect(heading).toEqual([['HUYỆN ỦY LỤC NGẠN\nBAN DÂN VẬN\n*\nSố -BC/BDVHU', `ĐẢNG CỘNG SẢN VIỆT NAM\nLục Ngạn, ngày tháng ${month} năm 2025`]]);
    const party = runOf(documentXml, 'ĐẢNG CỘNG SẢN VIỆT NAM')!;
    expect(party).toContain('<w:b/>');
    expect(party).toMatch(/<w:u w:val="single"\/>/);
    const place = all(/<w:r>(?:(?!<\/w:r>)[\s\S])*<\/w:r>/g, documentXml).find((r) => r.includes('Lục Ngạn, ngày'))!;
    expect(place).toContain('<w:i/>');
    expect(decode(/<w:t[^>]*>([^<]*)<\/w:t>/.exec(place)![1]!)).toBe(`Lục Ngạn, ${documentDateVi(report.asOf, { blankDay: true })}`);
    expect(runOf(documentXml, 'BAN DÂN VẬN')).toContain('<w:b/>');
    expect(runOf(documentXml, 'HUYỆN ỦY LỤC NGẠN')).not.toContain('<w:b/>');
  });

  test('BÁO CÁO in bold, the subject from the plan with the year in bold, a short rule', () => {
    // The plan's subject line with the plan as cited (no number while source has none) and the year.
    const subject = 'Kết quả thực hiện Kế hoạch của Ban Thường vụ Huyện ủy (tháng 8/2021) thực hiện Kết luận số 115-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang, năm 2024';
    expect(body).toContain(`BÁO CÁO\n${subject}\n-----\n`);
    expect(runOf(documentXml, 'BÁO CÁO')).toContain('<w:b/>');
    expect(runOf(documentXml, subject)).toContain('<w:b/>');
  });

  test('the five sections of a Party report in order, then the closing sentence, Nơi nhận with the signature, and the annex', () => {
    const order = [
      'BÁO CÁO',
      'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI',
      'II. KẾT QUẢ THỰC HIỆN',
      'III. HẠN CHẾ, NGUYÊN NHÂN',
      'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025',
      'V. KIẾN NGHỊ, ĐỀ XUẤT',
      'Trên đây là báo cáo',
      'Nơi nhận:',
      'TRƯỞNG BAN',
      'PHỤ LỤC',
      'Biểu 1. Kết quả thực hiện theo từng nhiệm vụ',
      'Biểu 2. Kết quả thực hiện theo địa bàn',
      'Biểu 3. Các lượt nhiệm vụ quá hạn, chưa hoàn thành',
      'Biểu 4. Đăng ký với cấp ủy cùng cấp',
      'Ghi chú:',
    ];
    const at = order.map((s) => body.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(body).not.toMatch(/undefined|NaN/);
    // The annex starts on a page of its own and says which report it goes with.
    expect(documentXml).toMatch(/<w:pageBreakBefore\/>(?:(?!<\/w:p>)[\s\S])*>PHỤ LỤC</);
    expect(body).toContain(`(Kèm theo Báo cáo số -BC/BDVHU ngày tháng ${formatVi(report.asOf).split('/')[1]} năm 2025 của Ban Dân vận Huyện ủy Lục Ngạn)`);
  });

  test('what only people can write is a bracketed placeholder in italics, in sections I, II, III, IV and V', () => {
    const fills = all(/<w:p[ >](?:(?!<\/w:p>)[\s\S])*\[Văn phòng Ban bổ sung: [\s\S]*?<\/w:p>/g, documentXml);
    expect(fills.length).toBeGreaterThanOrEqual(5);
    for (const p of fills) {
      expect(p).toContain('<w:i/>');
      expect(text(p)).toMatch(/^\[Văn phòng Ban bổ sung: .+\]$/);
    }
    const sections = ['I. ', 'II. ', 'III. ', 'IV. ', 'V. ', 'Trên đây'].map((h) => body.indexOf(`\n${h}`));
    for (let i = 0; i < 5; i++) expect(body.slice(sections[i], sections[i + 1]), `section ${i + 1}`).toContain('[Văn phòng Ban bổ sung:');
  });

  test("the annex's tables hold the report's figures: per obligation, per unit, overdue items, registrations", () => {
    const t = tables(documentXml);
    // Counts as a report writes them: `02`, `0`, `12` (countVi).
    const counts = (c: AnnualReport['totals']) => [c.expected, c.onTime, c.late, c.overdue, c.waived, otherCount(c)].map(countVi).concat(formatRate(c.completionRate));
    const byObligation = t[2]!;
    expect(byObligation[0]).toEqual(['STT', 'Nhiệm vụ (mục của Kế hoạch)', 'Số lượt', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Quá hạn, chưa hoàn thành', 'Không phát sinh', 'Khác (*)', 'Tỷ lệ hoàn thành']);
    expect(byObligation.slice(1, -1).map((r) => r.slice(2))).toEqual(report.byObligation.map((r) => counts(r.counts)));
    expect(byObligation.at(-1)).toEqual(['', 'Tổng cộng', ...counts(report.totals)]);
    const byUnit = t[3]!;
    expect(byUnit[0]![1]).toBe('Địa bàn');
    expect(byUnit.slice(1, -1).map((r) => r[1])).toEqual(report.byUnit.map((r) => r.unit.name.charAt(0).toUpperCase() + r.unit.name.slice(1)));
    expect(byUnit.slice(1, -1).map((r) => r.slice(2))).toEqual(report.byUnit.map((r) => counts(r.counts)));
    const overdue = t[4]!;
    expect(overdue[0]).toEqual(['STT', 'Cơ quan, đơn vị chủ trì', 'Kỳ', 'Thời hạn', 'Số ngày làm việc quá hạn']);
    const groups = overdue.slice(1).filter((r) => r.length === 1);
    const items = overdue.slice(1).filter((r) => r.length === 5);
    expect(items).toHaveLength(report.totals.overdue);
    expect(groups.map((g) => g[0]!.replace(/ \(\d+ lượt\)$/, ''))).toEqual(report.byObligation.filter((r) => r.counts.overdue > 0).map((r) => r.obligation.name));
    const byKey = (xs: string[][]) => xs.map((x) => x.join('|')).sort();
    expect(byKey(items.map((r) => r.slice(1)))).toEqual(byKey(report.overdue.map((o) => [o.owners.join(', '), o.periodLabel, formatVi(o.due), String(o.workingDaysLate)])));
    const registrations = t[5]!;
    expect(registrations.slice(1).map((r) => r[2])).toEqual(report.registrations[0]!.items.map((i) => i.title));
  });

  test('the body refers to the annex tables it leaves out', () => {
    const results = body.slice(body.indexOf('II. KẾT QUẢ THỰC HIỆN'), body.indexOf('III. HẠN CHẾ'));
    expect(results).toContain('Chi tiết tại Biểu 1 và Biểu 2 (Phụ lục kèm theo).');
    expect(results).toContain('Chi tiết tại Biểu 4 (Phụ lục kèm theo).');
    expect(body.slice(body.indexOf('III. HẠN CHẾ'), body.indexOf('IV. '))).toContain('Chi tiết tại Biểu 3 (Phụ lục kèm theo).');
    // Only the annex has tables between the heading block and the signature: none in the body.
    const bodyXml = documentXml.slice(documentXml.indexOf('>BÁO CÁO<'), documentXml.indexOf('>Trên đây là báo cáo'));
    expect(bodyXml).not.toContain('<w:tbl>');
  });

  test('the signature of a commission: TRƯỞNG BAN with a line for the name, never T/M; Nơi nhận from the plan, one a line', () => {
    const end = tables(documentXml)[1]!;
    expect(end[0]![0]).toBe(
      'Nơi nhận:\n- Ban Dân vận Tỉnh ủy (b/c),\n- Thường trực Huyện ủy (b/c),\n- Các đồng chí Ủy viên Ban Thường vụ Huyện ủy (b/c),\n- Ủy ban MTTQ và các tổ chức chính trị - xã hội huyện,\n- Lưu Văn phòng Ban.',
    );
    expect(end[0]![1]).toBe('TRƯỞNG BAN\n[Họ và tên người ký]');
    expect(body).not.toContain('T/M');
  });

  test('a deputy signs K/T TRƯỞNG BAN over PHÓ TRƯỞNG BAN with the name from the plan; another Nơi nhận is printed as written', async () => {
    const other = await docxWith(
      {
        signer: { signs: 'deputy', name: 'Nguyễn Thị Bình' },
        recipients: [{ name: 'Ban Thường vụ Huyện ủy', purpose: 'b/c' }, { name: 'Đảng ủy các xã, thị trấn' }],
        archive: 'VP Ban',
      },
      report,
    );
    const xml = await other.file('word/document.xml')!.async('string');
    const end = tables(xml)[1]!;
    expect(end[0]).toEqual(['Nơi nhận:\n- Ban Thường vụ Huyện ủy (b/c),\n- Đảng ủy các xã, thị trấn,\n- Lưu VP Ban.', 'K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nNguyễn Thị Bình']);
    expect(runOf(xml, 'Nguyễn Thị Bình')).toContain('<w:b/>');
    expect(text(xml)).toContain('[VP Ban bổ sung:');
    expect(text(xml)).not.toContain('T/M');
    // Without the block: the default subject (the plan as cited, the year), the head signs; Nơi nhận is the
    // body the report is owed to (the receivers of annual-implementation-report), then the filing line.
    const plain = text(await (await docxWith(undefined, report)).file('word/document.xml')!.async('string'));
    expect(plain).toContain('BÁO CÁO\nKết quả thực hiện Kế hoạch của Ban Thường vụ Huyện ủy (tháng 8/2021) thực hiện Kết luận số 115-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang, năm 2024\n');
    expect(plain).toContain('Nơi nhận:\n- Ban Thường vụ Huyện ủy Lục Ngạn,\n- Lưu Văn phòng Ban.\nTRƯỞNG BAN\n[Họ và tên người ký]');
  });

  test('page numbers from page 2, centred at the top; page 1 says DỰ THẢO instead; no footer', async () => {
    const sectPr = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(documentXml)![0];
    expect(sectPr).toContain('<w:titlePg/>');
    expect(sectPr).not.toContain('footerReference');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const header = async (type: 'first' | 'default') => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(sectPr)![1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
      return zip.file(`word/${target[1] ?? target[2]}`)!.async('string');
    };
    const first = await header('first');
    const rest = await header('default');
    expect(first).not.toContain('PAGE');
    expect(text(first).trim()).toBe('DỰ THẢO');
    expect(first).toContain('<w:b/>');
    expect(rest).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(rest).toContain('<w:jc w:val="center"/>');
    expect(text(rest).trim()).toBe('');
  });

  test('no software words, anywhere in the file; no task counted in "kỳ"', async () => {
    const parts = await Promise.all(Object.keys(zip.files).filter((f) => f.endsWith('.xml')).map(async (f) => [f, text(await zip.file(f)!.async('string'))] as const));
    const core = await zip.file('docProps/core.xml')!.async('string');
    for (const [file, words] of [...parts, ['docProps/core.xml', decode(core)] as const]) {
      expect(words, file).not.toMatch(SOFTWARE_WORDS);
      expect(words, file).not.toMatch(TASKS_COUNTED_IN_KY);
    }
    expect(core).toContain('<dc:creator>Ban Dân vận Huyện ủy Lục Ngạn</dc:creator>');
  });
});
