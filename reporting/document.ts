/**
 * The annual report written out in Vietnamese, once, as blocks (headings, paragraphs,
 * tables) with the Party document's heading, recipients and signature: every renderer
 * (DOCX, HTML, Markdown) lays out these same words. Pure.
 *
 * The document is a DRAFT (dự thảo) for Ban Dân vận to edit: the number and the day are left
 * blank, the signature says it is unsigned, and section V is left for the Commission.
 */
import { parts } from '../domain/calendar/local-date';
import { scopePhrase } from '../vocabulary/levels';
import type { PlanIndex } from '../domain/occurrences';
import type { AnnualReport, Counts, IndicatorRow } from './aggregate';
import type { FactStatus } from './facts';
import { STATUS_LABELS, clauseRefVi, formatRate, formatVi } from '../vocabulary';
import { timeOfInstant } from '../domain/calendar/local-date';

export interface Cell {
  text: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  italic?: boolean;
  /** Columns this cell spans (a group's title row). */
  span?: number;
}

export interface TableColumn {
  title: string;
  /** Relative width. */
  width: number;
  align: 'left' | 'center' | 'right';
}

export type Block =
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; text: string; italic?: boolean }
  | { type: 'table'; columns: TableColumn[]; rows: Cell[][] }
  | { type: 'note'; text: string };

/** The heading block of a Party document (Hướng dẫn 36-HD/VPTW). */
export interface PartyHeading {
  /** `ĐẢNG CỘNG SẢN VIỆT NAM`. */
  party: string;
  /** The issuing body's superior committee: `HUYỆN ỦY LỤC NGẠN`. */
  superior: string;
  /** The issuing body: `BAN DÂN VẬN`. */
  issuer: string;
  /** `Số      -BC/BDVHU` (the number is left blank in a draft). */
  number: string;
  /** `Lục Ngạn, ngày      tháng      năm 2024` (the day is left blank in a draft). */
  placeDate: string;
}

export interface ReportDocument {
  heading: PartyHeading;
  /** `DỰ THẢO`. */
  draftMark: string;
  /** One line said on every page: a draft made by dondoc, not a signed document. */
  draftNotice: string;
  /** `BÁO CÁO`. */
  kind: string;
  /** `kết quả thực hiện Kế hoạch …, năm 2024` (the summary line under BÁO CÁO, lower case). */
  title: string;
  blocks: Block[];
  recipients: string[];
  signature: { lines: string[]; unsigned: string };
}

export const STATUS_WORDS: Record<FactStatus, string> = {
  ...STATUS_LABELS,
  'not-opened': 'chưa đến thời gian thực hiện',
  'not-started': 'chưa được theo dõi trên hệ thống',
};

const COMMITTEE = /^(.*?)\s+((?:Huyện|Tỉnh|Thành|Thị|Quận|Đảng)\s+ủy\b.*)$/u;
const UNIT_TYPE = /^(?:huyện|xã|thị trấn|thị xã|tỉnh|thành phố|quận|phường)\s+/iu;

const upper = (s: string) => s.toLocaleUpperCase('vi');
/** `Xã Biên Sơn`: a unit's name at the start of a table cell. */
const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const initials = (s: string) => ascii(s).split(/\s+/).filter(Boolean).map((w) => w[0]!.toUpperCase()).join('');

/**
 * The monitoring body's name, `Ban Dân vận Huyện ủy Lục Ngạn`, split into itself (`Ban Dân
 * vận`) and its superior committee (`Huyện ủy Lục Ngạn`); the place is its unit's name
 * without the type word (`Lục Ngạn`).
 */
export function monitorNames(index: PlanIndex): { issuer: string; committee: string; place: string } {
  const monitor = index.bodies.get(index.config.plan.monitor);
  const name = monitor?.name ?? index.config.plan.monitor;
  const m = COMMITTEE.exec(name);
  const unit = monitor ? index.units.get(monitor.unit) : undefined;
  return { issuer: m ? m[1]! : name, committee: m ? m[2]! : '', place: unit ? unit.name.replace(UNIT_TYPE, '') : '' };
}

/** The heading from the directory; the symbol is the initials (`BC/BDVHU`). */
export function partyHeading(index: PlanIndex, year: number): PartyHeading {
  const { issuer, committee, place } = monitorNames(index);
  const committeeWords = committee.split(/\s+/).slice(0, 2).join(' ');
  const blank = '\u00a0'.repeat(6);
  return {
    party: 'ĐẢNG CỘNG SẢN VIỆT NAM',
    superior: upper(committee),
    issuer: upper(issuer),
    number: `Số${blank}-BC/${initials(issuer)}${initials(committeeWords)}`,
    placeDate: `${place ? `${place}, ` : ''}ngày${blank}tháng${blank}năm ${year}`,
  };
}

/** `85,7%`; `—` when there is nothing to measure (the board's formatting). */
export const percent = formatRate;

/** A number the Vietnamese way: `57,5`. */
export function numberVi(n: number): string {
  return String(n).replace('.', ',');
}

/** Occurrences outside the completion rate: open, not opened, closed, not started. */
export function otherCount(c: Counts): number {
  return c.open + c.notOpened + c.closed + c.notStarted;
}

const col = (title: string, width: number, align: TableColumn['align'] = 'center'): TableColumn => ({ title, width, align });
/** The first column of every table: the row number. */
const STT = col('STT', 7);

const COUNT_COLUMNS: TableColumn[] = [
  col('Số kỳ', 6),
  col('Hoàn thành đúng hạn', 8),
  col('Hoàn thành quá hạn', 8),
  col('Quá hạn, chưa hoàn thành', 9),
  col('Không phát sinh', 9),
  col('Khác (*)', 8),
  col('Tỷ lệ hoàn thành', 10),
];

function countCells(c: Counts): Cell[] {
  return [c.expected, c.onTime, c.late, c.overdue, c.waived, otherCount(c)].map((n) => ({ text: String(n), align: 'center' as const })).concat({
    text: percent(c.completionRate),
    align: 'center',
  });
}

function countsTable(first: string, rows: { name: string; counts: Counts }[], totals: Counts): Block {
  return {
    type: 'table',
    columns: [STT, col(first, 36, 'left'), ...COUNT_COLUMNS],
    rows: [
      ...rows.map((r, i) => [{ text: String(i + 1), align: 'center' as const }, { text: r.name }, ...countCells(r.counts)]),
      [{ text: '' }, { text: 'Tổng cộng', bold: true }, ...countCells(totals).map((c) => ({ ...c, bold: true }))],
    ],
  };
}

function targetText(r: IndicatorRow): string {
  if (r.target === undefined) return 'Chưa quy định';
  return r.comparison === '>=' ? `Từ ${numberVi(r.target)}${r.measure} trở lên` : `Không quá ${numberVi(r.target)}${r.measure}`;
}

function verdictText(r: IndicatorRow): string {
  switch (r.verdict) {
    case 'met':
      return 'Đạt';
    case 'not-met':
      return 'Chưa đạt';
    case 'no-target':
      return 'Chưa có chỉ tiêu để đánh giá';
    case 'not-reported':
      return r.status === 'open' || r.status === 'not-opened' ? 'Chưa đến hạn báo cáo' : 'Chưa báo cáo số liệu';
  }
}

function summary(index: PlanIndex, report: AnnualReport): string {
  const t = report.totals;
  const units = report.byUnit.length;
  const scope = report.unit ? `của ${report.unit.name}` : `của ${units} đơn vị (${scopePhrase(index.config.directory)})`;
  const parts: string[] = [
    `đã hoàn thành ${t.onTime + t.late} kỳ, trong đó ${t.onTime} kỳ hoàn thành đúng hạn và ${t.late} kỳ hoàn thành quá hạn`,
    `${t.overdue} kỳ quá hạn, chưa hoàn thành`,
    `${t.waived} kỳ không phát sinh`,
  ];
  if (t.open) parts.push(`${t.open} kỳ đang thực hiện trong hạn`);
  if (t.notOpened) parts.push(`${t.notOpened} kỳ chưa đến thời gian thực hiện`);
  if (t.closed) parts.push(`${t.closed} kỳ đã đóng do đơn vị không còn`);
  if (t.notStarted) parts.push(`${t.notStarted} kỳ chưa được theo dõi trên hệ thống`);
  const rate =
    t.completionRate === null
      ? 'Chưa có kỳ nào đến hạn để tính tỷ lệ hoàn thành.'
      : `Tỷ lệ hoàn thành trên số kỳ đã đến hạn đạt ${percent(t.completionRate)}, trong đó hoàn thành đúng hạn đạt ${percent(t.onTimeRate)}.`;
  return `Năm ${report.year}, Kế hoạch đặt ra ${t.expected} lượt nhiệm vụ (kỳ thực hiện) ${scope}. Tính đến ngày ${formatVi(report.asOf)}: ${parts.join('; ')}. ${rate}`;
}

export function reportDocument(index: PlanIndex, report: AnnualReport): ReportDocument {
  const heading = partyHeading(index, parts(report.asOf).year);
  const monitor = index.bodies.get(report.monitor);
  const issuerName = monitorNames(index).issuer;
  const blocks: Block[] = [];
  // The obligation that makes the monitor report: `mục IV.4`.
  const duty = index.config.plan.obligations.find((o) => o.kind === 'report' && 'body' in o.owner && o.owner.body === report.monitor);
  blocks.push({
    type: 'paragraph',
    text: `Thực hiện ${duty ? `mục ${duty.clause.ref} ` : ''}${report.plan.document}, ${monitor?.name ?? issuerName} báo cáo kết quả theo dõi, đôn đốc thực hiện Kế hoạch năm ${report.year}${report.unit ? ` tại ${report.unit.name}` : ''} như sau:`,
  });

  blocks.push({ type: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ' });
  blocks.push({ type: 'paragraph', text: summary(index, report) });
  blocks.push({ type: 'heading', level: 2, text: '1. Theo từng nhiệm vụ' });
  blocks.push(
    countsTable(
      'Nhiệm vụ (mục của Kế hoạch)',
      report.byObligation.map((r) => ({ name: `${r.obligation.name} (${clauseRefVi(r.obligation.clauseRef).replace(/ \((.*)\)$/, ', $1')})`, counts: r.counts })),
      report.totals,
    ),
  );
  blocks.push({ type: 'heading', level: 2, text: '2. Theo từng đơn vị' });
  blocks.push(countsTable('Đơn vị', report.byUnit.map((r) => ({ name: capitalised(r.unit.name), counts: r.counts })), report.totals));
  blocks.push({
    type: 'note',
    text:
      '(*) Khác: kỳ đang thực hiện trong hạn, chưa đến thời gian thực hiện, đã đóng do đơn vị không còn, hoặc chưa được theo dõi trên hệ thống; không tính vào tỷ lệ hoàn thành.',
  });

  blocks.push({ type: 'heading', level: 1, text: 'II. CÁC NHIỆM VỤ QUÁ HẠN, CHƯA HOÀN THÀNH' });
  if (report.overdue.length === 0) {
    blocks.push({ type: 'paragraph', text: `Tính đến ngày ${formatVi(report.asOf)}, không có nhiệm vụ nào quá hạn mà chưa hoàn thành.` });
  } else {
    blocks.push({
      type: 'paragraph',
      text: `Tính đến ngày ${formatVi(report.asOf)}, còn ${report.overdue.length} kỳ quá hạn, chưa hoàn thành (số ngày làm việc chậm tính đến ngày báo cáo):`,
    });
    // Grouped by obligation (in plan order), each group's items by due date: one title row per group.
    const rows: Cell[][] = [];
    let n = 0;
    for (const o of index.config.plan.obligations) {
      const items = report.overdue.filter((it) => it.obligation.id === o.id).sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
      if (items.length === 0) continue;
      rows.push([{ text: `${o.title} (${items.length} kỳ)`, bold: true, italic: true, span: 5 }]);
      for (const it of items) {
        rows.push([
          { text: String(++n), align: 'center' },
          { text: it.owners.join(', ') },
          { text: it.periodLabel.replace(/^hạn .*/, '—'), align: 'center' },
          { text: formatVi(it.due), align: 'center' },
          { text: String(it.workingDaysLate), align: 'center' },
        ]);
      }
    }
    blocks.push({
      type: 'table',
      columns: [STT, col('Cơ quan, đơn vị chủ trì', 43, 'left'), col('Kỳ', 20), col('Hạn', 15), col('Số ngày làm việc chậm', 15)],
      rows,
    });
  }

  blocks.push({ type: 'heading', level: 1, text: 'III. CÁC CHỈ TIÊU' });
  if (report.indicators.length === 0) {
    blocks.push({ type: 'paragraph', text: `Không có chỉ tiêu nào phải báo cáo trong năm ${report.year}${report.unit ? ` tại ${report.unit.name}` : ''}.` });
  } else {
    blocks.push({
      type: 'table',
      columns: [STT, col('Chỉ tiêu', 38, 'left'), col('Cơ quan báo cáo', 18, 'left'), col('Chỉ tiêu đề ra', 14), col('Kết quả', 10), col('Đánh giá', 14)],
      rows: report.indicators.map((r, i) => [
        { text: String(i + 1), align: 'center' },
        { text: r.label },
        { text: r.owners.join(', ') },
        { text: targetText(r), align: 'center' },
        { text: r.value === undefined ? '—' : `${numberVi(r.value)}${r.measure}`, align: 'center' },
        { text: verdictText(r), align: 'center' },
      ]),
    });
  }

  blocks.push({ type: 'heading', level: 1, text: 'IV. CÁC HOẠT ĐỘNG SÁNG TẠO, NỔI BẬT ĐÃ ĐĂNG KÝ' });
  if (report.registrations.length === 0) {
    blocks.push({ type: 'paragraph', text: `Không có nhiệm vụ đăng ký nào trong năm ${report.year}.` });
  }
  for (const reg of report.registrations) {
    const c = report.byObligation.find((r) => r.obligation.id === reg.obligation.id)?.counts;
    const expected = c?.expected ?? reg.items.length;
    const onTime = reg.items.filter((i) => i.onTime).length;
    blocks.push({
      type: 'paragraph',
      text:
        `${reg.obligation.name}: ${reg.items.length}/${expected} cơ quan, tổ chức đã đăng ký` +
        (reg.items.length ? ` (${onTime} đúng hạn, ${reg.items.length - onTime} quá hạn)` : '') +
        (reg.items.length ? ':' : '.'),
    });
    if (reg.items.length) {
      blocks.push({
        type: 'table',
        columns: [
          STT,
          col('Cơ quan, tổ chức', 32, 'left'),
          col(reg.obligation.evidenceLabel, 45, 'left'),
          col('Ngày đăng ký', 16),
        ],
        rows: reg.items.map((it, i) => [
          { text: String(i + 1), align: 'center' },
          { text: it.owner },
          { text: it.title },
          { text: formatVi(it.registeredOn), align: 'center' },
        ]),
      });
    }
  }

  blocks.push({ type: 'heading', level: 1, text: 'V. ĐÁNH GIÁ CHUNG, ĐỀ XUẤT' });
  blocks.push({
    type: 'paragraph',
    italic: true,
    text: `[${issuerName} bổ sung: ưu điểm; hạn chế, nguyên nhân; nhiệm vụ trọng tâm năm ${report.year + 1}; đề xuất, kiến nghị với ${recipientsOf(index)[0]?.replace(/ \(.*$/, '') ?? 'cấp ủy'}.]`,
  });

  const t = report.totals;
  const notes = [
    `Số liệu do hệ thống dondoc tổng hợp lúc ${timeOfInstant(report.asOfMs)} ngày ${formatVi(report.asOf)}, từ ${report.source}.`,
    'Tỷ lệ hoàn thành = số kỳ đã hoàn thành (đúng hạn và quá hạn) / số kỳ đã đến hạn (đã hoàn thành và quá hạn, chưa hoàn thành).',
    `Số ngày làm việc chậm tính từ ngày hạn đến ngày ${formatVi(report.asOf)}, không kể thứ Bảy, Chủ nhật và các ngày nghỉ lễ, Tết theo quy định.`,
  ];
  if (t.notStarted) {
    notes.push(
      `${t.notStarted} kỳ có trong Kế hoạch nhưng không có trên hệ thống (Kế hoạch được áp dụng trên hệ thống sau ngày mở các kỳ này); đề nghị các cơ quan, đơn vị báo cáo bổ sung.`,
    );
  }
  blocks.push({ type: 'note', text: `Ghi chú: ${notes.join(' ')}` });

  return {
    heading,
    draftMark: 'DỰ THẢO',
    draftNotice: `do dondoc tạo ngày ${formatVi(report.asOf)} để ${issuerName} biên tập, chưa ký ban hành`,
    kind: 'BÁO CÁO',
    title: `kết quả thực hiện ${report.plan.title}, năm ${report.year}${report.unit ? ` (${report.unit.name})` : ''}`,
    blocks,
    recipients: [...recipientsOf(index), `Lưu ${issuerName}.`],
    signature: { lines: [`T/M ${heading.issuer}`, 'TRƯỞNG BAN'], unsigned: '(Dự thảo, chưa ký)' },
  };
}

/** The monitor's superiors, highest first, as the report goes up to them. */
function recipientsOf(index: PlanIndex): string[] {
  const monitor = index.bodies.get(index.config.plan.monitor);
  return [...(monitor?.supervisors ?? [])].reverse().map((id) => `${index.bodyName(id)} (b/c),`);
}
