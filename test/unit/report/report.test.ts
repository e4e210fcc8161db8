/**
 * The annual report's figures: expected occurrences joined with records, counted per
 * obligation and unit, overdue items with working days late, indicators, registrations; the
 * Vietnamese document and its Markdown, HTML and CSV.
 */
import { describe, expect, test } from 'vitest';
import { toInstantMs } from '../../../domain/calendar/local-date';
import { countFacts } from '../../../reporting/aggregate';
import { monitorNames, partyHeading, reportDocument, signatureOf } from '../../../reporting/document';
import { STATUS_LABELS, countVi, formatRate, formatVi } from '../../../vocabulary';
import { documentDateVi } from '../../../vocabulary/document';
import { SOFTWARE_WORDS, TASKS_COUNTED_IN_KY } from './words';
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
    expect(facts.map((f) => f.id)).toEqual(expected.map((o) => o.id));
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
    // Graded: every record but those of the giao ban, which Thường trực Huyện ủy owns.
    const graded = [...records].filter(([id]) => !id.startsWith('occ/quarterly-briefing/')).map(([, r]) => r);
    expect(graded.length).toBeLessThan(records.size);
    const byStatus = (s: string) => graded.filter((r) => r.status === s).length;
    expect(t.onTime).toBe(byStatus('done-on-time'));
    expect(t.late).toBe(byStatus('done-late'));
    expect(t.overdue).toBe(byStatus('overdue'));
    expect(t.waived).toBe(byStatus('waived'));
    expect(t.notStarted).toBe(t.expected - graded.length);
    expect(t.notStarted).toBeGreaterThan(0); // January, before the plan was applied
    expect(t.onTime + t.late + t.overdue + t.waived + t.open + t.closed + t.notOpened + t.notStarted).toBe(t.expected);
    for (const key of ['expected', 'onTime', 'late', 'overdue', 'waived', 'notStarted'] as const) {
      expect(sum(report.byObligation.map((r) => r.counts[key])), key).toBe(t[key]);
      expect(sum(report.byUnit.map((r) => r.counts[key])), key).toBe(t[key]);
    }
    expect(t.completionRate).toBeCloseTo((t.onTime + t.late) / (t.onTime + t.late + t.overdue), 10);
    expect(report.overdue).toHaveLength(t.overdue);
  });

  test('a duty Party leadership owns is not graded: the giao ban is left out of every count and rate, and said as the quarters held', async () => {
    const { records, source } = syntheticYear({ asOfMs: END_OF_2024 });
    const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
    const briefing = 'quarterly-briefing';
    expect(report.byObligation.map((r) => r.obligation.id)).not.toContain(briefing);
    expect(report.overdue.map((o) => o.obligation.id)).not.toContain(briefing);
    const held = [...records].filter(([id, r]) => id.startsWith(`occ/${briefing}/`) && r.status.startsWith('done-')).length;
    expect(report.maintained).toEqual([expect.objectContaining({ obligation: expect.objectContaining({ id: briefing }), recurrence: 'quarterly', held, due: 4 })]);
    const lines = reportDocument(index, report).blocks.flatMap((b) => (b.type === 'item' ? [b.text] : []));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^Giao ban hằng quý của Thường trực Huyện ủy .*: duy trì ${held}/4 quý(;|\\.)`)));
    expect(lines.find((l) => l.startsWith('Giao ban hằng quý'))).not.toMatch(/đúng hạn|quá hạn|lượt/);
  });

  test('the report leaves its own duty out: the annual report is no fact, no row and no overdue item of the report', async () => {
    const own = 'annual-implementation-report';
    expect(index.obligation(own).owner).toEqual({ body: index.config.plan.monitor });
    expect(expectedOccurrences(index, { year: 2024 }).map((o) => o.obligation)).not.toContain(own);
    const { source } = syntheticYear({ asOfMs: toInstantMs('2025-02-15', '12:00') });
    const report = await buildReport(index, { year: 2024, asOfMs: toInstantMs('2025-02-15', '12:00') }, source);
    expect(report.facts.map((f) => f.obligation)).not.toContain(own);
    const text = reportDocument(index, report).blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).not.toContain(index.obligation(own).title);
  });

  test('completion rate: none judged gives null (written as the vocabulary writes rates: test/unit/vocabulary/text.test.ts)', () => {
    expect(countFacts([]).completionRate).toBeNull();
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
    for (const item of reg!.items) expect(item.title).toMatch(/^Mô hình “Dân vận khéo”/);
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
  test('the Party heading comes from the directory: Huyện ủy Lục Ngạn, Ban Dân vận, BC/BDVHU, Lục Ngạn, dated the day the figures were taken with the day left blank', () => {
    expect(monitorNames(index)).toEqual({ issuer: 'Ban Dân vận', committee: 'Huyện ủy Lục Ngạn', place: 'Lục Ngạn' });
    const h = partyHeading(index, '2024-12-09');
    expect(h).toMatchObject({ party: 'ĐẢNG CỘNG SẢN VIỆT NAM', superior: 'HUYỆN ỦY LỤC NGẠN', issuer: 'BAN DÂN VẬN' });
    expect(h.number.replace(/\u00a0+/g, ' ')).toBe('Số -BC/BDVHU');
    expect(h.placeDate).toBe(`Lục Ngạn, ${documentDateVi('2024-12-09', { blankDay: true })}`);
    expect(h.placeDate.replace(/\u00a0+/g, '…')).toBe('Lục Ngạn, ngày … tháng 12 năm 2024');
  });

  test('five sections of a Party report in order (I–V), each with a placeholder for the office; the figures of the overall result are the totals, counted in lượt', async () => {
    const { source } = syntheticYear({ asOfMs: END_OF_2024 });
    const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
    const doc = reportDocument(index, report);
    expect(doc.draftMark).toBe('DỰ THẢO');
    expect(doc.kind).toBe('BÁO CÁO');
    expect(doc.subject).toBe('Kết quả thực hiện Kế hoạch của Ban Thường vụ Huyện ủy (tháng 8/2021) thực hiện Kết luận số 115-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang, năm 2024');
    const headings = doc.blocks.filter((b) => b.type === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI', 'II. KẾT QUẢ THỰC HIỆN', 'III. HẠN CHẾ, NGUYÊN NHÂN', 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025', 'V. KIẾN NGHỊ, ĐỀ XUẤT']);
    // Each section holds at least one placeholder for what only people can write.
    const starts = doc.blocks.flatMap((b, i) => (b.type === 'heading' && b.level === 1 ? [i] : []));
    starts.forEach((start, k) => {
      const section = doc.blocks.slice(start, starts[k + 1] ?? doc.blocks.length);
      expect(section.some((b) => b.type === 'fill' && /^\[Văn phòng Ban bổ sung: .+\]$/.test(b.text)), headings[k]).toBe(true);
    });
    const t = report.totals;
    const overall = doc.blocks.find((b) => b.type === 'paragraph' && b.text.startsWith('Năm 2024, các cơ quan, đơn vị'))!;
    expect((overall as { text: string }).text).toContain(`Năm 2024, các cơ quan, đơn vị trên địa bàn huyện Lục Ngạn có ${countVi(t.expected)} lượt nhiệm vụ phải thực hiện theo Kế hoạch.`);
    expect((overall as { text: string }).text).toContain(
      `Tính đến ngày ${formatVi(report.asOf)}: hoàn thành đúng hạn ${countVi(t.onTime)} lượt; hoàn thành quá hạn ${countVi(t.late)} lượt; quá hạn, chưa hoàn thành ${countVi(t.overdue)} lượt; không phát sinh ${countVi(t.waived)} lượt; chưa có thông tin ${countVi(t.notStarted)} lượt.`,
    );
    expect((overall as { text: string }).text).toContain(
      `Tỷ lệ hoàn thành đạt ${formatRate(t.completionRate)} số lượt đã đến hạn, trong đó đúng hạn ${t.onTime}/${t.onTime + t.late + t.overdue} lượt (${formatRate(t.onTimeRate)}).`,
    );
    // One line per graded obligation but the indicators (reported figures), in plan order, with its figures.
    const items = doc.blocks.filter((b) => b.type === 'item' && /^.+ \(mục [^)]+\): [\d.]+ lượt, /.test(b.text)).map((b) => (b as { text: string }).text);
    const counted = report.byObligation.filter((row) => index.obligation(row.obligation.id).resolution.type !== 'indicator');
    expect(counted.length).toBeGreaterThan(5);
    expect(items).toHaveLength(counted.length);
    counted.forEach((row, i) => {
      expect(items[i]).toContain(`${row.obligation.name} (`);
      expect(items[i]).toContain(`: ${countVi(row.counts.expected)} lượt, `);
      if (row.counts.overdue) expect(items[i]).toContain(`quá hạn, chưa hoàn thành ${countVi(row.counts.overdue)} lượt`);
    });
  });

  test('indicators keep the words of their targets ("từ 55% trở lên"); the ones without a target say so', async () => {
    const { source } = syntheticYear({ asOfMs: END_OF_2024 });
    const doc = reportDocument(index, await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source));
    const lines = doc.blocks.filter((b) => b.type === 'item').map((b) => (b as { text: string }).text);
    expect(lines).toContain(
      'Tỷ lệ chủ tịch Hội Cựu chiến binh cấp cơ sở là cán bộ nghỉ hưu (sĩ quan, quân nhân chuyên nghiệp): 60%, đạt chỉ tiêu từ 55% trở lên; số liệu do Hội Cựu chiến binh huyện Lục Ngạn báo cáo.',
    );
    expect(lines.filter((l) => l.includes('(Kế hoạch đề ra nâng tỷ lệ, không quy định mức cụ thể)'))).toHaveLength(2);
    // The duty to report the figure is said as reported, not as achieved.
    expect(lines).toContainEqual(expect.stringMatching(/^Báo cáo số liệu tỷ lệ chủ tịch Hội Cựu chiến binh .*: đã báo cáo (đúng|quá) hạn \(kết quả tại mục 4\)\.$/));
  });

  test('a year that went well says so; overdue work is named where it is', async () => {
    const none = { records: async () => new Map() };
    const empty = reportDocument(index, await buildReport(index, { year: 2024, unit: 'huyen', asOfMs: END_OF_2024 }, none));
    const text = empty.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).not.toContain('theo dõi, chưa có thông tin');
    expect(text).toMatch(/Có \d+ lượt chưa có thông tin về kết quả thực hiện\./);
    expect(text).toContain('Chưa có lượt nhiệm vụ nào đến hạn để tính tỷ lệ hoàn thành.');
    const { source } = syntheticYear({ asOfMs: END_OF_2024 });
    const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
    const full = reportDocument(index, report).blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    const worst = [...report.byUnit].sort((a, b) => b.counts.overdue - a.counts.overdue)[0]!;
    expect(full).toContain(`${worst.unit.name} (${worst.counts.overdue} lượt)`);
    expect(full).toContain(`Đôn đốc các cơ quan, đơn vị hoàn thành ${report.totals.overdue} lượt nhiệm vụ còn quá hạn.`);
    expect(full).toContain(`thực hiện ${report.nextYear!.expected} lượt nhiệm vụ của Kế hoạch đến hạn trong năm 2025.`);
  });

  test('the last year of the plan looks to the plan’s end instead of a next year', async () => {
    const report = await buildReport(index, { year: 2025, asOfMs: END_OF_2024 }, { records: async () => new Map() });
    expect(report.nextYear).toBeUndefined();
    const doc = reportDocument(index, report);
    expect(doc.blocks).toContainEqual({ type: 'heading', level: 1, text: 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI' });
    expect(doc.blocks).toContainEqual({ type: 'item', text: `Kế hoạch kết thúc ngày ${formatVi('2025-12-31')}.` });
  });

  test('a unit’s report says whose it is, and has no table per unit', async () => {
    const { source } = syntheticYear({ asOfMs: END_OF_2024 });
    const doc = reportDocument(index, await buildReport(index, { year: 2024, unit: 'huyen', asOfMs: END_OF_2024 }, source));
    expect(doc.subject).toMatch(/Kết luận số 115-KL\/TU .*, năm 2024$/);
    expect(doc.blocks[0]).toMatchObject({ type: 'paragraph', text: expect.stringMatching(/báo cáo kết quả thực hiện năm 2024 của các cơ quan, đơn vị cấp huyện như sau:$/) });
    expect(doc.annex.blocks.filter((b) => b.type === 'caption').map((b) => (b as { text: string }).text)).not.toContainEqual(expect.stringMatching(/theo địa bàn/));
    const bienSon = reportDocument(index, await buildReport(index, { year: 2024, unit: 'bien-son', asOfMs: END_OF_2024 }, source));
    expect(bienSon.subject).toBe(doc.subject);
    expect(bienSon.blocks[0]).toMatchObject({ type: 'paragraph', text: expect.stringMatching(/năm 2024 của các cơ quan, đơn vị xã Biên Sơn như sau:$/) });
  });

  test('signed by the head of the commission, never T/M; Nơi nhận as the plan lists it, the filing line last', async () => {
    const { source } = syntheticYear({ asOfMs: END_OF_2024 });
    const doc = reportDocument(index, await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source));
    expect(doc.signature).toEqual({ lines: ['TRƯỞNG BAN'], name: '[Họ và tên người ký]', nameMissing: true });
    const settings = index.config.plan.annualReport!;
    expect(doc.recipients).toEqual([...settings.recipients.map((r) => `${r.name}${r.purpose ? ` (${r.purpose})` : ''},`), 'Lưu Văn phòng Ban.']);
    expect(doc.recipients.slice(0, 2)).toEqual(['Ban Dân vận Tỉnh ủy (b/c),', 'Thường trực Huyện ủy (b/c),']);
    expect(signatureOf({ signer: { signs: 'deputy', name: 'Trần Văn C' }, recipients: [], archive: 'x' })).toEqual({
      lines: ['K/T TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN'],
      name: 'Trần Văn C',
      nameMissing: false,
    });
  });

  test('Markdown, HTML and CSV: the same figures and sections, no software words, no task counted in "kỳ"', async () => {
    const { source } = syntheticYear({ asOfMs: END_OF_2024 });
    const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
    const md = (await renderReport(index, report, 'md')).toString('utf8');
    const html = (await renderReport(index, report, 'html')).toString('utf8');
    for (const text of [md, html.slice(html.indexOf('<body>'))]) {
      expect(text).not.toMatch(SOFTWARE_WORDS);
      expect(text).not.toMatch(TASKS_COUNTED_IN_KY);
      const order = ['DỰ THẢO', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'BÁO CÁO', 'I. CÔNG TÁC', 'II. KẾT QUẢ', 'III. HẠN CHẾ', 'IV. PHƯƠNG HƯỚNG', 'V. KIẾN NGHỊ', 'Nơi nhận:', 'TRƯỞNG BAN', 'PHỤ LỤC', 'Biểu 1.', 'Tổng cộng'];
      const at = order.map((s) => text.indexOf(s));
      expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(html).toContain('<p class="body fill">[Văn phòng Ban bổ sung:');
    expect(md).toContain('*[Văn phòng Ban bổ sung:');
    expect(md).toContain(`| ${report.totals.expected} | ${report.totals.onTime} | ${report.totals.late} | ${report.totals.overdue} |`.replace(/\| (\d+)/g, '| **$1**'));

    const csv = renderCsv(index, report);
    expect(csv.startsWith(`\ufeff${CSV_COLUMNS.join(',').replace('Cơ quan, đơn vị chủ trì', '"Cơ quan, đơn vị chủ trì"')}\r\n`)).toBe(true);
    expect(CSV_COLUMNS.slice(0, 10)).toEqual(['Mã theo dõi', 'Nhiệm vụ', 'Mục của Kế hoạch', 'Địa bàn', 'Cơ quan, đơn vị chủ trì', 'Kỳ', 'Thời hạn theo Kế hoạch', 'Thời hạn', 'Mã tình hình thực hiện', 'Tình hình thực hiện']);
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(report.facts.length + 1);
    const statuses = rows.slice(1).map((r) => /,(done-on-time|done-late|overdue|waived|open|closed|not-opened|not-started),/.exec(r)?.[1]);
    expect(statuses.filter((s) => s === 'overdue')).toHaveLength(report.totals.overdue);
    expect(statuses.filter((s) => s === 'not-started')).toHaveLength(report.totals.notStarted);
    // The status word beside the code is the shared label.
    expect(rows.find((r) => r.includes(',done-on-time,'))).toContain(`,done-on-time,${STATUS_LABELS['done-on-time']},`);
  });
});
