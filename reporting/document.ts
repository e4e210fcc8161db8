/**
 * The annual report written out in Vietnamese, once, as a Party document (Hướng dẫn
 * 36-HD/VPTW): the heading, BÁO CÁO and its subject, the five sections of an implementation
 * report, the signature of a commission, Nơi nhận, and the annex (phụ lục) that holds the
 * long tables. Every renderer (DOCX, HTML, Markdown) lays out these same words. Pure.
 *
 * What the figures say is written here, in the commission's prose; what only people know is
 * a marked placeholder for the commission's office (`[Văn phòng Ban bổ sung: …]`). The
 * document is a draft (DỰ THẢO): its number and day are left blank and it is never signed.
 * One function per part, in the order of the document.
 */
import type { PlanIndex } from '../domain/occurrences';
import { planReportReceivers } from '../domain/targets';
import type { AnnualReportSettings } from '../domain/model';
import { annualReportOf } from '../config/schema/plan';
import type { AnnualReport, Counts, IndicatorRow, MaintainedRow } from './aggregate';
import { isGraded, relationContext } from '../domain/relation';
import { groupBy } from '../domain/group-by';
import type { FactStatus } from './facts';
import {
  FIELD_LABELS,
  STATUS_LABELS,
  bodyNameIn,
  capitalizeVi,
  clauseRefVi,
  countVi,
  formatRate,
  formatVi,
  frontAndOrganisationsVi,
  handedOverWords,
  inSentenceVi,
  joinVi,
  levelPhrase,
  periodWordVi,
  planCitationVi,
  planShortCitationVi,
  targetVi,
  withUnitVi,
} from '../vocabulary';
import { BLANK_DAY, documentDateVi, placeDateLineVi } from '../vocabulary/document';
import { placeOfUnit } from '../vocabulary/names';

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
  | { type: 'paragraph'; text: string }
  /** One line of a list in the body, printed after a dash. */
  | { type: 'item'; text: string }
  /** What only people can write: bracketed, in italics, for the commission's office. */
  | { type: 'fill'; text: string }
  /** `Biểu 1. …`: the title of a table of the annex. */
  | { type: 'caption'; text: string }
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
  /** `Lục Ngạn, ngày      tháng 12 năm 2024` (the day is left blank in a draft). */
  placeDate: string;
}

export interface Signature {
  /** `['TRƯỞNG BAN']`, or `['K/T TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN']`: a commission signs under its head. */
  lines: string[];
  /** The signer's name under the signature space, or the placeholder for it. */
  name: string;
  /** True when `name` is the placeholder (no name in the plan). */
  nameMissing: boolean;
}

/** The annex after the signature: `PHỤ LỤC`, what it holds, which report it goes with, its tables. */
export interface Annex {
  title: string;
  subject: string;
  /** `(Kèm theo Báo cáo số …-BC/BDVHU ngày … của Ban Dân vận Huyện ủy Lục Ngạn)`. */
  attachedTo: string;
  blocks: Block[];
}

export interface ReportDocument {
  /** `DỰ THẢO`, on the first page. */
  draftMark: string;
  heading: PartyHeading;
  /** `BÁO CÁO`. */
  kind: string;
  /** The subject (trích yếu) under BÁO CÁO. */
  subject: string;
  /** The body: the opening, sections I–V and the closing sentence. */
  blocks: Block[];
  signature: Signature;
  /** Nơi nhận, one line each without the dash: `Thường trực Huyện ủy (b/c),` … `Lưu Văn phòng Ban.` */
  recipients: string[];
  annex: Annex;
  /** The issuing commission's full name (the file's author). */
  author: string;
}

/**
 * The report's word for each status, the shared labels first; an occurrence without a workflow
 * is one the Ban has no news of (never "not followed"), and one whose unit left the plan was
 * followed no further because of the reorganisation.
 */
export const STATUS_WORDS: Record<FactStatus, string> = {
  ...STATUS_LABELS,
  closed: 'thôi theo dõi do sắp xếp đơn vị hành chính',
  'not-opened': 'chưa đến thời gian thực hiện',
  'not-started': 'chưa có thông tin',
};

/** Field names the report shares with the CSV and the other surfaces: the vocabulary's, and the clause's column. */
export const FIELD_WORDS = {
  id: FIELD_LABELS.trackingId,
  obligation: FIELD_LABELS.task,
  clause: 'Mục của Kế hoạch',
  unit: FIELD_LABELS.unit,
  owner: FIELD_LABELS.owner,
  period: FIELD_LABELS.period,
  due: FIELD_LABELS.due,
  status: FIELD_LABELS.status,
} as const;

const COMMITTEE = /^(.*?)\s+((?:Huyện|Tỉnh|Thành|Thị|Quận|Đảng)\s+ủy\b.*)$/u;

const upper = (s: string) => s.toLocaleUpperCase('vi');
const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
const initials = (s: string) => ascii(s).split(/\s+/).filter(Boolean).map((w) => w[0]!.toUpperCase()).join('');

/**
 * The monitoring body's name, `Ban Dân vận Huyện ủy Lục Ngạn`, split into itself (`Ban Dân
 * vận`) and its superior committee (`Huyện ủy Lục Ngạn`); the place is its unit's name
 * without the type word (`Lục Ngạn`).
 */
export function monitorNames(index: PlanIndex): { issuer: string; committee: string; place: string } {
  const monitor = index.bodies.get(index.config.plan.monitor);
  const name = index.bodyName(index.config.plan.monitor);
  const m = COMMITTEE.exec(name);
  const unit = monitor ? index.units.get(monitor.unit) : undefined;
  return { issuer: m ? m[1]! : name, committee: m ? m[2]! : '', place: unit ? placeOfUnit(unit.name) : '' };
}

/** The heading from the directory, dated the day the figures were taken (day left blank); the symbol is the initials (`BC/BDVHU`). */
export function partyHeading(index: PlanIndex, asOf: string): PartyHeading {
  const { issuer, committee, place } = monitorNames(index);
  const committeeWords = committee.split(/\s+/).slice(0, 2).join(' ');
  return {
    party: 'ĐẢNG CỘNG SẢN VIỆT NAM',
    superior: upper(committee),
    issuer: upper(issuer),
    number: `Số${BLANK_DAY}-BC/${initials(issuer)}${initials(committeeWords)}`,
    placeDate: placeDateLineVi(place, asOf, { blankDay: true }),
  };
}

/** Occurrences outside the completion rate: open, not opened, closed, not started. */
export function otherCount(c: Counts): number {
  return c.open + c.notOpened + c.closed + c.notStarted;
}

/** `14 lượt`, `02 lượt`: tasks are counted in turns (lượt), never in periods (kỳ); a count as a report writes it (countVi). */
const turns = (n: number) => `${countVi(n)} lượt`;

/** The non-zero figures of a count, each with its status word: `hoàn thành đúng hạn 3 lượt; …`. */
function countPhrases(c: Counts): string[] {
  const figures: [number, FactStatus][] = [
    [c.onTime, 'done-on-time'],
    [c.late, 'done-late'],
    [c.overdue, 'overdue'],
    [c.waived, 'waived'],
    [c.open, 'open'],
    [c.notOpened, 'not-opened'],
    [c.closed, 'closed'],
    [c.notStarted, 'not-started'],
  ];
  return figures.filter(([n]) => n > 0).map(([n, status]) => `${STATUS_WORDS[status]} ${turns(n)}`);
}

/** `(mục II.1, đoạn 1)` → `mục II.1, đoạn 1`; `mục II.3 (Hội CCB)` → `mục II.3, Hội CCB`: a reference inside brackets. */
const clauseInBrackets = (ref: string) => clauseRefVi(ref).replace(/ \((.*)\)$/, ', $1');

function targetText(r: IndicatorRow): string | undefined {
  return r.target === undefined ? undefined : targetVi(r.comparison, r.target, r.measure);
}

// ─── The context every part reads ────────────────────────────────────────────

interface Context {
  index: PlanIndex;
  report: AnnualReport;
  settings: AnnualReportSettings;
  /** `Ban Dân vận Huyện ủy Lục Ngạn`. */
  monitorName: string;
  /** The same in a sentence of its own document: `Ban Dân vận Huyện ủy`. */
  monitorShort: string;
  /** The plan cited in a sentence, its issuer as the Ban names it: `Kế hoạch của Ban Thường vụ Huyện ủy (tháng 8/2021) thực hiện …`. */
  plan: string;
  heading: PartyHeading;
  /** Who the report is about: `các cơ quan, đơn vị trên địa bàn huyện Lục Ngạn`. */
  scope: string;
  /** The annex's tables, by what they show: `Biểu 1`, … */
  tables: AnnexTables;
}

interface AnnexTables {
  byObligation: string;
  byUnit?: string;
  overdue?: string;
  /** Per obligation whose completion is a registration, when anything was registered. */
  registrations: Map<string, string>;
}

/** A placeholder for what only the commission's office can write. */
function fill(ctx: Context, what: string): Block {
  return { type: 'fill', text: `[${ctx.settings.archive} bổ sung: ${what}]` };
}

/** `Chi tiết tại Biểu 1 và Biểu 2 (Phụ lục kèm theo).` */
function seeAnnex(...tables: (string | undefined)[]): string {
  const named = tables.filter((t): t is string => t !== undefined);
  if (named.length === 0) return '';
  return ` Chi tiết tại ${named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} và ${named.at(-1)}`} (Phụ lục kèm theo).`;
}

/** The obligation's short name (plan data), its title when it has none. */
const shortTitle = (index: PlanIndex, id: string, title: string) => index.obligations.get(id)?.shortTitle ?? title;

/** `1.`, `2.`, …: the numbered sub-headings of a section, numbered as they are written. */
function numbering(): (text: string) => Block {
  let n = 0;
  return (text) => ({ type: 'heading', level: 2, text: `${++n}. ${text}` });
}

function scopeOf(index: PlanIndex, report: AnnualReport): string {
  if (!report.unit) {
    const monitor = index.bodies.get(report.monitor);
    return `các cơ quan, đơn vị trên địa bàn ${monitor ? index.unitName(monitor.unit) : ''}`.trimEnd();
  }
  // The top level's own bodies: "các cơ quan, đơn vị cấp huyện"; a commune's: "… xã Biên Sơn".
  const unit = index.units.get(report.unit.id);
  const top = index.config.directory.levels[0]?.id;
  return unit && unit.level === top ? `các cơ quan, đơn vị ${levelPhrase(index.config.directory, unit.level)}` : `các cơ quan, đơn vị ${report.unit.name}`;
}

// ─── Title, opening and closing ──────────────────────────────────────────────

/**
 * The subject under BÁO CÁO: the plan's words (`{plan}`, the plan as the report cites it) with
 * the year; whose results they are (a unit's) is said in the opening.
 */
export function subjectOf(index: PlanIndex, report: AnnualReport, settings: AnnualReportSettings): string {
  return (settings.subject ?? 'Kết quả thực hiện {plan}, năm {year}').replaceAll('{plan}', citedPlan(index)).replaceAll('{year}', String(report.year));
}

/** The plan cited in the report's sentences, its issuer by the Ban's name for it. */
function citedPlan(index: PlanIndex): string {
  const { source, monitor } = index.config.plan;
  return planCitationVi(source, bodyNameIn(index, source.issuedBy, index.bodies.get(monitor)?.unit));
}

function opening(ctx: Context): Block[] {
  return [{ type: 'paragraph', text: `Thực hiện ${ctx.plan}, ${ctx.monitorShort} báo cáo kết quả thực hiện năm ${ctx.report.year} của ${ctx.scope} như sau:` }];
}

/** "… kính báo cáo Thường trực Huyện ủy, Ban Thường vụ Huyện ủy": the Party leadership of the Ban's committee, those the report is owed to last. */
function closing(ctx: Context): Block[] {
  const { index } = ctx;
  const { monitor, source } = index.config.plan;
  const unit = index.bodies.get(monitor)?.unit;
  const owed = new Set(planReportReceivers(index.config.plan, index.config.directory).map((b) => b.id));
  const leadership = index.config.directory.bodies.filter((b) => b.unit === unit && b.partyRole === 'leadership');
  const to = [...leadership.filter((b) => !owed.has(b.id)), ...leadership.filter((b) => owed.has(b.id))].map((b) => bodyNameIn(index, b.id, unit));
  const plan = planShortCitationVi(source, bodyNameIn(index, source.issuedBy, unit));
  return [{ type: 'paragraph', text: `Trên đây là báo cáo kết quả thực hiện ${plan} năm ${ctx.report.year}, ${ctx.monitorShort} kính báo cáo ${to.join(', ')}.` }];
}

// ─── I. Công tác lãnh đạo, chỉ đạo, triển khai ───────────────────────────────

function sectionLeadership(ctx: Context): Block[] {
  const { report } = ctx;
  const r = report.reach;
  return [
    { type: 'heading', level: 1, text: 'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI' },
    fill(ctx, `việc quán triệt, triển khai Kế hoạch trong năm ${report.year}; các văn bản lãnh đạo, chỉ đạo đã ban hành; công tác kiểm tra, giám sát.`),
    {
      type: 'paragraph',
      text:
        `Năm ${report.year}, ${ctx.monitorShort} theo dõi việc thực hiện ${countVi(r.obligations)} nhiệm vụ của Kế hoạch tại ${ctx.scope}; ` +
        'kịp thời gửi thư nhắc trước thời hạn và đôn đốc các trường hợp chậm thực hiện.',
    },
  ];
}

// ─── II. Kết quả thực hiện ───────────────────────────────────────────────────

function overallResult(ctx: Context): string {
  const t = ctx.report.totals;
  const rate =
    t.completionRate === null
      ? 'Chưa có lượt nhiệm vụ nào đến hạn để tính tỷ lệ hoàn thành.'
      : `Tỷ lệ hoàn thành đạt ${formatRate(t.completionRate)} số lượt đã đến hạn, trong đó đúng hạn ${t.onTime}/${t.onTime + t.late + t.overdue} lượt (${formatRate(t.onTimeRate)}).`;
  return (
    `Năm ${ctx.report.year}, ${ctx.scope} có ${turns(t.expected)} nhiệm vụ phải thực hiện theo Kế hoạch. ` +
    `Tính đến ngày ${formatVi(ctx.report.asOf)}: ${countPhrases(t).join('; ')}. ${rate}${seeAnnex(ctx.tables.byObligation, ctx.tables.byUnit)}`
  );
}

/** `4 lượt, đều hoàn thành đúng hạn`, `1 lượt, hoàn thành quá hạn`, or `150 lượt, trong đó hoàn thành đúng hạn 79 lượt; …`. */
function countSentence(c: Counts): string {
  const phrases = countPhrases(c);
  if (phrases.length === 1) return `${turns(c.expected)}, ${c.expected > 1 ? 'đều ' : ''}${phrases[0]!.replace(/ [\d.]+ lượt$/, '')}`;
  return `${turns(c.expected)}, trong đó ${phrases.join('; ')}`;
}

/**
 * One line per duty, in the plan's order: what was done, in lượt; a duty Party leadership owns
 * as what happened (`duy trì 4/4 quý`), never graded; an indicator as a figure reported, its
 * value in the indicators' part.
 */
function byObligationItems(ctx: Context, indicatorsPart?: string): Block[] {
  const { report, index } = ctx;
  const rows = new Map(report.byObligation.map((r) => [r.obligation.id, r]));
  const maintained = new Map(report.maintained.map((m) => [m.obligation.id, m]));
  return index.config.plan.obligations.flatMap((o): Block[] => {
    const where = `(${clauseInBrackets(o.clause.ref)})`;
    const m = maintained.get(o.id);
    if (m) return [{ type: 'item', text: `${o.title} ${where}: ${maintainedPhrase(m)}.` }];
    const row = rows.get(o.id);
    if (!row) return [];
    if (o.resolution.type === 'indicator') {
      return [{ type: 'item', text: `Báo cáo số liệu ${inSentenceVi(o.resolution.label)} ${where}: ${indicatorPhrase(row.counts)}${indicatorsPart ? ` (kết quả tại ${indicatorsPart})` : ''}.` }];
    }
    return [{ type: 'item', text: `${o.title} ${where}: ${countSentence(row.counts)}.` }];
  });
}

/** `duy trì 4/4 quý`, `duy trì 3/4 quý; 1 quý chưa có thông tin về kết quả`. */
function maintainedPhrase(m: MaintainedRow): string {
  const word = periodWordVi(m.recurrence);
  const more = [m.waived ? `${m.waived} ${word} không tổ chức` : '', m.unknown ? `${m.unknown} ${word} chưa có thông tin về kết quả` : ''].filter(Boolean);
  if (m.due === 0) return `chưa đến thời gian thực hiện`;
  return [`duy trì ${m.held}/${m.due} ${word}`, ...more].join('; ');
}

/** An indicator's figures are reported, not achieved: `đã báo cáo đúng hạn`, `chưa báo cáo`. */
function indicatorPhrase(c: Counts): string {
  const parts = [
    c.onTime ? 'đã báo cáo đúng hạn' : '',
    c.late ? 'đã báo cáo quá hạn' : '',
    c.overdue ? 'quá hạn, chưa báo cáo' : '',
    c.open + c.notOpened ? 'chưa đến hạn báo cáo' : '',
    c.notStarted ? STATUS_WORDS['not-started'] : '',
  ].filter(Boolean);
  return c.expected > 1 ? `${turns(c.expected)}, ${parts.join('; ')}` : parts.join('; ');
}

/** Units that did everything due on time, and those with the most overdue: the body says who; Biểu 2 has every unit. */
function byUnitParagraph(ctx: Context): Block[] {
  const rows = ctx.report.byUnit;
  const judged = rows.filter((r) => r.counts.completionRate !== null);
  const allOnTime = judged.filter((r) => r.counts.onTimeRate === 1);
  const lagging = rows.filter((r) => r.counts.overdue > 0).sort((a, b) => b.counts.overdue - a.counts.overdue || a.unit.name.localeCompare(b.unit.name, 'vi'));
  const sentences = [
    allOnTime.length
      ? `Có ${allOnTime.length}/${judged.length} địa bàn hoàn thành đúng hạn tất cả các lượt nhiệm vụ đã đến hạn.`
      : `Chưa có địa bàn nào hoàn thành đúng hạn tất cả các lượt nhiệm vụ đã đến hạn.`,
  ];
  if (lagging.length) {
    const top = lagging.slice(0, 5).map((r) => `${r.unit.name} (${turns(r.counts.overdue)})`);
    sentences.push(`Có ${countVi(lagging.length)} địa bàn còn nhiệm vụ quá hạn, chưa hoàn thành${lagging.length > top.length ? ', nhiều nhất là' : ':'} ${top.join(', ')}.`);
  }
  return [{ type: 'paragraph', text: `${sentences.join(' ')}${seeAnnex(ctx.tables.byUnit)}`.trim() }];
}

/** `Tỷ lệ …: 60%, đạt chỉ tiêu từ 55% trở lên; số liệu do … báo cáo.` */
function indicatorItems(ctx: Context): Block[] {
  return ctx.report.indicators.map((r): Block => {
    const target = targetText(r);
    const owners = r.owners.join(', ');
    if (r.value === undefined) {
      const when = r.status === 'open' || r.status === 'not-opened' ? 'chưa đến hạn báo cáo số liệu' : 'chưa báo cáo số liệu';
      return { type: 'item', text: `${r.label}${target ? ` (chỉ tiêu ${target})` : ''}: ${owners} ${when}.` };
    }
    const verdict = !target ? ' (Kế hoạch đề ra nâng tỷ lệ, không quy định mức cụ thể)' : r.verdict === 'met' ? `, đạt chỉ tiêu ${target}` : `, chưa đạt chỉ tiêu ${target}`;
    return { type: 'item', text: `${r.label}: ${withUnitVi(r.value, r.measure)}${verdict}; số liệu do ${owners} báo cáo.` };
  });
}

function registrationParagraphs(ctx: Context): Block[] {
  return ctx.report.registrations.map((reg): Block => {
    const expected = ctx.report.byObligation.find((r) => r.obligation.id === reg.obligation.id)?.counts.expected ?? reg.items.length;
    const onTime = reg.items.filter((i) => i.onTime).length;
    const timing = [onTime ? `đúng hạn ${countVi(onTime)}` : '', reg.items.length > onTime ? `quá hạn ${countVi(reg.items.length - onTime)}` : ''].filter(Boolean);
    const detail = timing.length ? ` (${timing.join(', ')})` : '';
    const owners = FIELD_LABELS.owner.toLocaleLowerCase('vi');
    // Owed by exactly the Front and the organisations of one unit: named as such (directory `mass`).
    const expectedOwners = ctx.report.facts.filter((f) => f.obligation === reg.obligation.id).flatMap((f) => f.owners);
    const together = frontAndOrganisationsVi(ctx.index, expectedOwners, ctx.index.bodies.get(ctx.report.monitor)?.unit);
    const who =
      reg.items.length === 0
        ? `Chưa có ${owners} nào đăng ký`
        : reg.items.length === expected
          ? together
            ? `${together} đều đã đăng ký`
            : `Cả ${countVi(expected)} ${owners} đều đã đăng ký`
          : `Có ${reg.items.length}/${expected} ${owners} đã đăng ký`;
    return { type: 'paragraph', text: `${who}${detail}.${seeAnnex(ctx.tables.registrations.get(reg.obligation.id))}` };
  });
}

function sectionResults(ctx: Context): Block[] {
  const { report, index } = ctx;
  const sub = numbering();
  const blocks: Block[] = [{ type: 'heading', level: 1, text: 'II. KẾT QUẢ THỰC HIỆN' }];
  blocks.push(sub('Kết quả chung'), { type: 'paragraph', text: overallResult(ctx) });
  // The indicators' part is numbered after the units' (when there is one).
  const indicatorsPart = report.indicators.length ? `mục ${report.byUnit.length > 1 ? 4 : 3}` : undefined;
  blocks.push(sub('Kết quả thực hiện từng nhiệm vụ'), ...byObligationItems(ctx, indicatorsPart));
  if (report.byUnit.length > 1) blocks.push(sub('Kết quả theo địa bàn'), ...byUnitParagraph(ctx));
  if (report.indicators.length) blocks.push(sub('Các chỉ tiêu'), ...indicatorItems(ctx));
  const registrations = registrationParagraphs(ctx);
  report.registrations.forEach((reg, i) => {
    blocks.push(sub(shortTitle(index, reg.obligation.id, reg.obligation.name)), registrations[i]!);
  });
  blocks.push(fill(ctx, 'kết quả nổi bật về nội dung, chất lượng thực hiện các nhiệm vụ; cách làm hay, mô hình hiệu quả.'));
  return blocks;
}

// ─── III. Hạn chế, nguyên nhân ───────────────────────────────────────────────

/** `Giao ban quý (2 lượt), …`: where the overdue occurrences are, most first. */
function mostOverdue(rows: { name: string; counts: Counts }[], limit = 3): string {
  return rows
    .filter((r) => r.counts.overdue > 0)
    .sort((a, b) => b.counts.overdue - a.counts.overdue)
    .slice(0, limit)
    .map((r) => `${r.name} (${turns(r.counts.overdue)})`)
    .join(', ');
}

/** Few enough to name one by one in the body; more go by where they are most, the annex has them all. */
const NAMED_AT_MOST = 5;

function shortcomings(ctx: Context): Block[] {
  const { report, index } = ctx;
  const t = report.totals;
  if (t.late + t.overdue === 0 && t.notStarted === 0) {
    return [{ type: 'paragraph', text: `Các lượt nhiệm vụ đã đến hạn đều hoàn thành đúng hạn hoặc không phát sinh.` }];
  }
  const blocks: Block[] = [];
  if (t.late) blocks.push({ type: 'paragraph', text: `Có ${turns(t.late)} nhiệm vụ hoàn thành quá hạn.` });
  if (t.overdue > 0) {
    const unit = index.bodies.get(report.monitor)?.unit;
    const owners = (ids: readonly string[]) => joinVi(ids.map((id) => bodyNameIn(index, id, unit)));
    let text: string;
    if (report.overdue.length <= NAMED_AT_MOST) {
      const items = report.overdue.map((it) => {
        const period = it.periodLabel.startsWith('hạn ') ? '' : ` ${it.periodLabel}`;
        const handed = it.handedOver ? `, ${handedOverWords(it.handedOver)}` : '';
        return `${inSentenceVi(it.obligation.name)}${period} (${owners(it.ownerIds)}${handed}; thời hạn ${formatVi(it.due)}, đã quá ${it.workingDaysLate} ngày làm việc)`;
      });
      text = `Còn ${turns(t.overdue)} quá hạn, chưa hoàn thành: ${items.join('; ')}.`;
    } else {
      const where = mostOverdue(report.byObligation.map((r) => ({ name: inSentenceVi(r.obligation.name), counts: r.counts })));
      const units = report.byUnit.length > 1 ? mostOverdue(report.byUnit.map((r) => ({ name: r.unit.name, counts: r.counts }))) : '';
      const longest = report.overdue[0]!;
      text =
        `Còn ${turns(t.overdue)} quá hạn, chưa hoàn thành, nhiều nhất ở các nhiệm vụ: ${where}${units ? `; tại các địa bàn: ${units}` : ''}. ` +
        `Lượt quá hạn lâu nhất đã chậm ${longest.workingDaysLate} ngày làm việc (${owners(longest.ownerIds)}: ${inSentenceVi(longest.obligation.name)}).`;
    }
    blocks.push({ type: 'paragraph', text: `${text}${seeAnnex(ctx.tables.overdue)}` });
  }
  if (t.notStarted > 0) {
    const unknown = report.facts.filter((f) => f.status === 'not-started' && isGraded(f.owners, relationContext(index)));
    const which = unknown.length <= NAMED_AT_MOST ? ` (${joinVi(unknown.map((f) => `${inSentenceVi(shortTitle(index, f.obligation, index.obligations.get(f.obligation)?.title ?? f.obligation))} ${f.periodLabel}`))})` : '';
    blocks.push({ type: 'paragraph', text: `Có ${turns(t.notStarted)}${which} chưa có thông tin về kết quả thực hiện.` });
  }
  return blocks;
}

function sectionShortcomings(ctx: Context): Block[] {
  return [
    { type: 'heading', level: 1, text: 'III. HẠN CHẾ, NGUYÊN NHÂN' },
    { type: 'heading', level: 2, text: '1. Hạn chế' },
    ...shortcomings(ctx),
    fill(ctx, 'hạn chế khác về nội dung, chất lượng thực hiện (nếu có).'),
    { type: 'heading', level: 2, text: '2. Nguyên nhân' },
    fill(ctx, 'nguyên nhân khách quan, chủ quan của những hạn chế trên.'),
  ];
}

// ─── IV. Phương hướng, nhiệm vụ ──────────────────────────────────────────────

function sectionDirections(ctx: Context): Block[] {
  const { report } = ctx;
  const next = report.nextYear;
  const blocks: Block[] = [{ type: 'heading', level: 1, text: next ? `IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM ${next.year}` : 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI' }];
  if (report.totals.overdue > 0) {
    blocks.push({ type: 'item', text: `Đôn đốc các cơ quan, đơn vị hoàn thành ${turns(report.totals.overdue)} nhiệm vụ còn quá hạn.` });
  }
  if (next) {
    blocks.push({ type: 'item', text: `Tiếp tục theo dõi, đôn đốc ${ctx.scope} thực hiện ${turns(next.expected)} nhiệm vụ của Kế hoạch đến hạn trong năm ${next.year}.` });
  } else {
    blocks.push({ type: 'item', text: `Kế hoạch kết thúc ngày ${formatVi(report.plan.ends)}.` });
  }
  blocks.push(fill(ctx, `nhiệm vụ trọng tâm ${next ? `năm ${next.year}` : 'thời gian tới'}.`));
  return blocks;
}

// ─── V. Kiến nghị, đề xuất ───────────────────────────────────────────────────

function sectionProposals(ctx: Context): Block[] {
  return [
    { type: 'heading', level: 1, text: 'V. KIẾN NGHỊ, ĐỀ XUẤT' },
    fill(ctx, `kiến nghị, đề xuất với ${ctx.index.bodyName(ctx.report.plan.issuedBy)} (nếu có).`),
  ];
}

// ─── Signature and Nơi nhận ──────────────────────────────────────────────────

/** A commission signs under its head: TRƯỞNG BAN, or K/T TRƯỞNG BAN over PHÓ TRƯỞNG BAN; never T/M. */
export function signatureOf(settings: AnnualReportSettings): Signature {
  const name = settings.signer.name;
  return {
    lines: settings.signer.signs === 'deputy' ? ['K/T TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN'] : ['TRƯỞNG BAN'],
    name: name ?? '[Họ và tên người ký]',
    nameMissing: name === undefined,
  };
}

/** Nơi nhận from the plan: `Ban Dân vận Tỉnh ủy (b/c),` …, the filing line last: `Lưu Văn phòng Ban.` */
export function recipientLines(settings: AnnualReportSettings): string[] {
  return [...settings.recipients.map((r) => `${r.name}${r.purpose ? ` (${r.purpose})` : ''},`), `Lưu ${settings.archive}.`];
}

// ─── Phụ lục ─────────────────────────────────────────────────────────────────

const col = (title: string, width: number, align: TableColumn['align'] = 'center'): TableColumn => ({ title, width, align });
/** The first column of every table: the row number. */
const STT = col('STT', 6);

const COUNT_COLUMNS: TableColumn[] = [
  col('Số lượt', 7),
  col(capitalizeVi(STATUS_LABELS['done-on-time']), 9),
  col(capitalizeVi(STATUS_LABELS['done-late']), 9),
  col(capitalizeVi(STATUS_LABELS.overdue), 10),
  col(capitalizeVi(STATUS_LABELS.waived), 9),
  col('Khác (*)', 7),
  col('Tỷ lệ hoàn thành', 10),
];

function countCells(c: Counts): Cell[] {
  return [c.expected, c.onTime, c.late, c.overdue, c.waived, otherCount(c)]
    .map((n): Cell => ({ text: countVi(n), align: 'center' }))
    .concat({ text: formatRate(c.completionRate), align: 'center' });
}

function countsTable(first: string, rows: { name: string; counts: Counts }[], totals: Counts): Block {
  return {
    type: 'table',
    columns: [STT, col(first, 33, 'left'), ...COUNT_COLUMNS],
    rows: [
      ...rows.map((r, i): Cell[] => [{ text: String(i + 1), align: 'center' }, { text: r.name }, ...countCells(r.counts)]),
      [{ text: '' }, { text: 'Tổng cộng', bold: true }, ...countCells(totals).map((c) => ({ ...c, bold: true }))],
    ],
  };
}

/**
 * Where occurrences were handed over (a unit merged into a successor), one note per handover:
 * `2 lượt nhiệm vụ của xã Biển Động chuyển giao cho thị trấn Biển Động từ ngày 01/01/2025 được tính tại địa bàn xã Biển Động.`
 */
function handedOverNotes(report: AnnualReport): Block[] {
  const handed = report.facts.flatMap((f) => (f.handedOver ? [f.handedOver] : []));
  const byHandover = groupBy(handed, (h) => `${h.from}/${h.to}/${h.on}`);
  return [...byHandover.values()].map((hs) => ({
    type: 'note' as const,
    text: `${turns(hs.length)} nhiệm vụ của ${handedOverWords(hs[0]!)} được tính tại ${inSentenceVi(FIELD_WORDS.unit)} ${hs[0]!.fromName}.`,
  }));
}

function overdueTable(ctx: Context): Block {
  // Grouped by obligation (in plan order), each group's items by due date: one title row per group.
  const rows: Cell[][] = [];
  let n = 0;
  for (const o of ctx.index.config.plan.obligations) {
    const items = ctx.report.overdue.filter((it) => it.obligation.id === o.id).sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
    if (items.length === 0) continue;
    rows.push([{ text: `${o.title} (${turns(items.length)})`, bold: true, italic: true, span: 5 }]);
    for (const it of items) {
      rows.push([
        { text: String(++n), align: 'center' },
        { text: `${it.owners.join(', ')}${it.handedOver ? ` (${handedOverWords(it.handedOver)})` : ''}` },
        { text: it.periodLabel.replace(/^hạn .*/, '—'), align: 'center' },
        { text: formatVi(it.due), align: 'center' },
        { text: String(it.workingDaysLate), align: 'center' },
      ]);
    }
  }
  return {
    type: 'table',
    columns: [STT, col(FIELD_WORDS.owner, 44, 'left'), col(FIELD_WORDS.period, 18), col(FIELD_WORDS.due, 15), col('Số ngày làm việc quá hạn', 17)],
    rows,
  };
}

function registrationTable(reg: AnnualReport['registrations'][number]): Block {
  return {
    type: 'table',
    columns: [STT, col(FIELD_WORDS.owner, 32, 'left'), col(reg.obligation.evidenceLabel, 46, 'left'), col('Ngày báo cáo', 16)],
    rows: reg.items.map((it, i) => [
      { text: String(i + 1), align: 'center' },
      { text: it.owner },
      { text: it.title },
      { text: formatVi(it.registeredOn), align: 'center' },
    ]),
  };
}

/** Which tables the annex holds, numbered in order: the body refers to them by these numbers. */
function annexTables(report: AnnualReport): AnnexTables {
  let n = 0;
  const next = () => `Biểu ${++n}`;
  const tables: AnnexTables = { byObligation: next(), registrations: new Map() };
  if (report.byUnit.length > 1) tables.byUnit = next();
  if (report.overdue.length) tables.overdue = next();
  for (const reg of report.registrations) if (reg.items.length) tables.registrations.set(reg.obligation.id, next());
  return tables;
}

function annexOf(ctx: Context): Annex {
  const { report, tables } = ctx;
  const blocks: Block[] = [
    { type: 'caption', text: `${tables.byObligation}. Kết quả thực hiện theo từng nhiệm vụ` },
    countsTable(
      `${FIELD_WORDS.obligation} (${inSentenceVi(FIELD_WORDS.clause)})`,
      report.byObligation.map((r) => ({ name: `${r.obligation.name} (${clauseInBrackets(r.obligation.clauseRef)})`, counts: r.counts })),
      report.totals,
    ),
  ];
  if (tables.byUnit) {
    blocks.push(
      { type: 'caption', text: `${tables.byUnit}. Kết quả thực hiện theo địa bàn` },
      countsTable(FIELD_WORDS.unit, report.byUnit.map((r) => ({ name: capitalizeVi(r.unit.name), counts: r.counts })), report.totals),
    );
  }
  const other = [STATUS_WORDS['not-opened'], STATUS_WORDS.open, STATUS_WORDS['not-started']].join(', ');
  blocks.push({ type: 'note', text: `(*) Khác: gồm các lượt ${other} hoặc ${STATUS_WORDS.closed}; các lượt này không tính vào tỷ lệ hoàn thành.` });
  blocks.push(...handedOverNotes(report));
  if (tables.overdue) {
    blocks.push({ type: 'caption', text: `${tables.overdue}. Các lượt nhiệm vụ quá hạn, chưa hoàn thành đến ngày ${formatVi(report.asOf)}` }, overdueTable(ctx));
  }
  for (const reg of report.registrations) {
    const table = tables.registrations.get(reg.obligation.id);
    if (table) blocks.push({ type: 'caption', text: `${table}. ${reg.obligation.name}` }, registrationTable(reg));
  }
  blocks.push({
    type: 'note',
    text:
      `Ghi chú: Số liệu tổng hợp đến ngày ${formatVi(report.asOf)}. ` +
      'Tỷ lệ hoàn thành tính bằng số lượt đã hoàn thành (đúng hạn và quá hạn) trên số lượt đã đến hạn (đã hoàn thành và quá hạn, chưa hoàn thành); không tính các lượt không phát sinh. ' +
      `Số ngày làm việc quá hạn tính từ ngày hết thời hạn đến ngày ${formatVi(report.asOf)}, không kể thứ Bảy, Chủ nhật và các ngày nghỉ lễ, Tết theo quy định.`,
  });
  const h = ctx.heading;
  return {
    title: 'PHỤ LỤC',
    subject: `Kết quả thực hiện các nhiệm vụ năm ${report.year}`,
    attachedTo: `(Kèm theo Báo cáo ${h.number.charAt(0).toLowerCase()}${h.number.slice(1)} ${documentDateVi(report.asOf, { blankDay: true })} của ${ctx.monitorName})`,
    blocks,
  };
}

// ─── The whole document ──────────────────────────────────────────────────────

export function reportDocument(index: PlanIndex, report: AnnualReport): ReportDocument {
  const settings = annualReportOf(index.config.plan, index.config.directory);
  const heading = partyHeading(index, report.asOf);
  const ctx: Context = {
    index,
    report,
    settings,
    monitorName: index.bodyName(report.monitor),
    monitorShort: bodyNameIn(index, report.monitor, index.bodies.get(report.monitor)?.unit),
    plan: citedPlan(index),
    heading,
    scope: scopeOf(index, report),
    tables: annexTables(report),
  };
  return {
    draftMark: 'DỰ THẢO',
    heading,
    kind: 'BÁO CÁO',
    subject: subjectOf(index, report, settings),
    blocks: [...opening(ctx), ...sectionLeadership(ctx), ...sectionResults(ctx), ...sectionShortcomings(ctx), ...sectionDirections(ctx), ...sectionProposals(ctx), ...closing(ctx)],
    signature: signatureOf(settings),
    recipients: recipientLines(settings),
    annex: annexOf(ctx),
    author: ctx.monitorName,
  };
}
