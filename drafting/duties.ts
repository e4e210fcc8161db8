/**
 * The duty finder: which clauses of a plan oblige someone, to do what, how often and by
 * when. Deterministic rules over the words of drafting/vocabulary.ts; no network, no model.
 *
 * A clause (a sentence, or a part of one between ";") is a duty when it has
 *   - a recurrence: "hằng quý", "định kỳ hằng quý, năm", "6 tháng", "hằng năm" …;
 *   - a deadline: "trước ngày 15/6 và 15/12", "xong trong quý III/2021", "trong năm 2022";
 *   - an indicator: "tỷ lệ … đạt từ 55% trở lên", "nâng tỷ lệ …";
 *   - a deliverable: a verb ("xây dựng", "ban hành", "sửa đổi, bổ sung", "rà soát", "đề
 *     xuất") and, a few words on, a document ("quy chế", "kế hoạch", "chương trình" …);
 *   - funding ("bố trí, bảo đảm kinh phí"), a duty of every budget year;
 *   - an event ("Ngày hội đại đoàn kết"), or
 *   - it stands in the part that assigns the plan ("TỔ CHỨC THỰC HIỆN") and names who does it.
 * The part that states purposes ("MỤC ĐÍCH, YÊU CẦU") and the preamble oblige no one.
 *
 * Who: the sentence's subject — the actor it starts with, after words such as "Định kỳ
 * hằng quý," or "Giao" — or, when the sentence has none, the last subject of its paragraph,
 * the paragraph's label ("Hội Cựu chiến binh các cấp: …"), or an earlier paragraph under the
 * same heading. Participants are the actors after "với", "mời", "cho", "cùng", "đến".
 *
 * Every guess that the document does not state lowers the duty's confidence and is said to
 * the reviewer in `checks` (and in the plan file, as `dueNote` where it is about the date).
 */
import { addDays, lastDayOfMonth, localDate, compareDates } from '../domain/calendar/local-date';
import type { DueRule, ObligationKind, Recurrence, Resolution, UnitLevel } from '../domain/model';
import { formatVi, dayMonthVi } from '../vocabulary/dates';
import { levelOf, levelPhrase } from '../vocabulary/levels';
import { capitalizeVi, quoteVi, slugVi } from '../vocabulary/text';
import { actorRuns, type ActorResolver, type ActorRun, type DraftSelector, type Mention, type Role } from './actors';
import type { Paragraph, PlanDocument } from './structure';
import { fold, lower, sentenceSpans, squeeze, words, type Span } from './text';
import {
  BARE_PERIODIC, BUDGET, GRASSROOTS_PLACES, DEADLINE_CUE, DELIVERABLE_NOUNS, DELIVERABLE_VERBS, EACH, INDICATOR_RAISE, INDICATOR_TARGET,
  KIND_WORDS, KNOWN_DAYS, MONITORING, OWN_PLAN, PERIOD_WORDS, RECURRENCE_LIST, RECURRENCE_PHRASES, SENT_TO, SIX_MONTHS, STANDING, SUBJECT_LEAD, TOWARDS,
  UNKNOWN_BODY_HEADS, UNSUPPORTED_RECURRENCE, URGENT, WAIVABLE, type LevelWord,
} from './vocabulary';

export interface DraftSchedule {
  key?: string;
  recurrence: Recurrence;
  due: DueRule;
}

export interface Duty {
  id: string;
  ref: string;
  /** The document's own words, whitespace normalised: always a substring of the document. */
  quote: string;
  title: string;
  kind: ObligationKind;
  owner: DraftSelector[];
  ownerMode: 'joint' | 'each';
  participants: DraftSelector[];
  schedules: DraftSchedule[];
  resolution: Resolution;
  dueNote?: string;
  /** 0–1: how much of the obligation the document states rather than the rules guess. */
  confidence: number;
  /** What the officer should check, in Vietnamese. */
  checks: string[];
  /** The owner's body kinds, for comparing with a reference plan. */
  ownerKinds: string[];
  /** What made the clause a duty: `recurrence`, `deadline`, `indicator`, `deliverable`, `funding`, `event`, `assignment`. */
  triggers: string[];
}

export interface ReviewItem {
  ref: string;
  quote: string;
  /** Why the clause was not turned into an obligation, in Vietnamese. */
  reason: string;
}

export interface Findings {
  duties: Duty[];
  review: ReviewItem[];
  /** The body that monitors the plan ("theo dõi, đôn đốc … việc thực hiện Kế hoạch"), when named. */
  monitor?: { body: string; ref: string };
}

export interface FinderContext {
  resolver: ActorResolver;
  /** The plan's date and period: one-off proposals fall inside it. */
  planDate: string;
  periodEnd: string;
}

const re = (source: string) => words(source);
const RX = {
  list: words(RECURRENCE_LIST, 'gu'),
  phrases: RECURRENCE_PHRASES.map((p) => ({ ...p, re: re(p.phrase) })),
  sixMonths: re(SIX_MONTHS),
  unsupported: re(UNSUPPORTED_RECURRENCE),
  periodic: re(`${BARE_PERIODIC}(?!\\s+(?:hang|moi|6 thang|sau thang|thang|quy|nam))`),
  dayMonth: re(`${DEADLINE_CUE}\\s+(?:ngay\\s+)?(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})(?:\\s*[/.-]\\s*(\\d{4}))?((?:\\s*(?:,|va)\\s*(?:ngay\\s+)?\\d{1,2}\\s*[/.-]\\s*\\d{1,2}(?:\\s*[/.-]\\s*\\d{4})?)*)`),
  dayMonthWords: re(`${DEADLINE_CUE}\\s+ngay\\s+(\\d{1,2})\\s+thang\\s+(\\d{1,2})(?:\\s+nam\\s+(\\d{4}))?`),
  dayOfMonth: re(`(?:${DEADLINE_CUE}\\s+|vao\\s+)?ngay\\s+(\\d{1,2})\\s+(?:hang|moi|cua)\\s+thang`),
  quarter: re(`(${DEADLINE_CUE})\\s+(?:trong\\s+)?quy\\s+(iv|i{1,3}|[1-4])(?:\\s*(?:/|nam)\\s*(\\d{4}))?`),
  month: re(`(${DEADLINE_CUE})\\s+(?:trong\\s+)?thang\\s+(\\d{1,2})\\s*(?:/|nam)\\s*(\\d{4})`),
  year: re(`(${DEADLINE_CUE})\\s+(?:trong\\s+)?nam\\s+(\\d{4})`),
  urgent: re(URGENT),
  raise: re(INDICATOR_RAISE),
  share: re('ty le'),
  target: new RegExp(INDICATOR_TARGET, 'u'),
  deliverable: re(`(${DELIVERABLE_VERBS})(?:,?\\s+[^\\s.;]+){0,8}?\\s+(${DELIVERABLE_NOUNS})`),
  budget: re(BUDGET),
  grassrootsPlaces: re(GRASSROOTS_PLACES),
  waivable: re(WAIVABLE),
  each: new RegExp(`(?<![\\p{L}\\p{N}])${EACH}(?![\\p{L}\\p{N}])`, 'u'),
  ownPlan: re(OWN_PLAN),
  standing: re(STANDING),
  monitoring: re(MONITORING),
  lead: new RegExp(`^${SUBJECT_LEAD}$`, 'u'),
  towards: new RegExp(`(?<![\\p{L}\\p{N}])(?:${TOWARDS}\\s+(?:\\p{L}+\\s+){0,2}|${SENT_TO}\\s+)$`, 'u'),
  ofWhom: /(?<![\p{L}\p{N}])(?:của|giữa)\s+$/u,
  titleLead: /^(?:(?:dinh ky\s+)?(?:hang|moi|dinh ky)\s+(?:6 thang|sau thang|thang|quy|nam)(?:\s*(?:,|va)\s*(?:6 thang|thang|quy|nam))*|dinh ky|giao)[,\s]+/u,
  titleCut: /\s+(?:qua đó|thông qua đó|nhằm|để tổ chức|để|bảo đảm|đảm bảo|theo quy định|gắn với)(?![\p{L}])/u,
  kinds: KIND_WORDS.map((k) => ({ ...k, re: re(k.pattern) })),
  knownDays: KNOWN_DAYS.map((d) => ({ ...d, re: re(d.phrase) })),
};

/** "Ban Chỉ huy Quân sự huyện", "Công an huyện": a body's head word, then up to its level word or a few words. */
const UNKNOWN_BODY = new RegExp(`^(?:${UNKNOWN_BODY_HEADS})\\s+(?:(?:[^\\s,;.]+\\s+){0,5}?(?:huyện|xã|thị trấn|tỉnh|Huyện ủy)(?![\\p{L}])|\\p{Lu}[^\\s,;.]*(?:\\s+\\p{Lu}[^\\s,;.]*){0,3})`, 'u');

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const SCHEDULE_KEYS: Record<Recurrence, string> = { once: 'launch', monthly: 'monthly', quarterly: 'quarterly', 'half-yearly': 'half-yearly', annual: 'annual' };
const RECURRENCE_WORDS: Record<Recurrence, string> = { once: 'một lần', monthly: 'hằng tháng', quarterly: 'hằng quý', 'half-yearly': '6 tháng', annual: 'hằng năm' };

// ─── Clauses ─────────────────────────────────────────────────────────────────

interface Clause {
  paragraph: Paragraph;
  /** The sentence, and this clause's span in it. */
  sentence: string;
  span: Span;
  text: string;
  mentions: Mention[];
  runs: ActorRun[];
  subject?: ActorRun;
  /** A body named at the start that the vocabulary does not know ("Ban Chỉ huy Quân sự huyện"). */
  unknownSubject?: string;
}

/** A run is the subject when only leading words ("Định kỳ hằng quý,", "Giao") come before it. */
function subjectOf(text: string, runs: readonly ActorRun[], from = 0): ActorRun | undefined {
  const first = runs.find((r) => r.start >= from);
  if (!first) return undefined;
  return RX.lead.test(lower(text.slice(from, first.start))) ? first : undefined;
}

/**
 * The clauses of a sentence: its parts between ";", a part that only names actors ("Ủy ban
 * MTTQ, các tổ chức … huyện; đảng ủy các xã …") joined to the next.
 */
function clausesOf(paragraph: Paragraph, sentence: string, labelEnd: number, resolver: ActorResolver): Clause[] {
  const parts: Span[] = [];
  let start = 0;
  for (const m of sentence.matchAll(/;\s*/g)) {
    parts.push({ start, end: (m.index ?? 0) + 1 });
    start = (m.index ?? 0) + m[0].length;
  }
  if (start < sentence.length) parts.push({ start, end: sentence.length });
  const merged: Span[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (previous && onlyActors(sentence.slice(previous.start, previous.end), resolver)) previous.end = part.end;
    else merged.push({ ...part });
  }
  return merged.map((span) => {
    const text = sentence.slice(span.start, span.end);
    const mentions = resolver.mentions(text);
    const runs = actorRuns(text, mentions);
    const from = span.start === 0 ? Math.max(0, labelEnd) : 0;
    const subject = subjectOf(text, runs, from) ?? (span.start === 0 && labelEnd > 0 ? subjectOf(text, runs, 0) : undefined);
    const unknown = subject ? undefined : unknownBodyAt(text.slice(from));
    return { paragraph, sentence, span, text, mentions, runs, ...(subject ? { subject } : {}), ...(unknown ? { unknownSubject: unknown } : {}) };
  });
}

/** A body name the vocabulary does not know, at the start of a clause (after "Giao", "Đề nghị" …). */
function unknownBodyAt(text: string): string | undefined {
  const lead = new RegExp(`^${SUBJECT_LEAD}`, 'u').exec(lower(text))?.[0].length ?? 0;
  const m = UNKNOWN_BODY.exec(text.slice(lead));
  return m ? squeeze(m[0]) : undefined;
}

/** The clauses from `first` to `last` of a sentence as one clause. */
function joinClauses(clauses: readonly Clause[], first: number, last: number, resolver: ActorResolver): Clause {
  const a = clauses[first]!;
  const span = { start: a.span.start, end: clauses[last]!.span.end };
  const text = a.sentence.slice(span.start, span.end);
  const mentions = resolver.mentions(text);
  return { ...a, span, text, mentions, runs: actorRuns(text, mentions) };
}

interface Group {
  first: number;
  firstTriggered: number;
  lastTriggered: number;
}

/**
 * Clauses that make one duty: a clause with a duty of its own (a recurrence, an indicator,
 * a deliverable, funding, an event) starts a new one; a deadline or words without a trigger
 * belong to the duty before ("… 6 tháng đầu năm và cả năm; báo cáo kết quả trước ngày 20/6
 * và 20/11"). `undefined` signals: a clause already listed for review.
 */
function dutyGroups(signals: ReadonlyArray<Signals | undefined>): Group[] {
  const groups: Group[] = [];
  let current: (Group & { primary: boolean }) | undefined;
  signals.forEach((sig, i) => {
    if (!sig) {
      if (current && current.lastTriggered >= 0) groups.push(current);
      current = undefined;
      return;
    }
    const triggered = triggersOf(sig).length > 0;
    const primary = triggered && triggersOf(sig).some((t) => t !== 'deadline');
    if (current && primary && current.primary) {
      groups.push(current);
      current = undefined;
    }
    if (!current) current = { first: i, firstTriggered: -1, lastTriggered: -1, primary: false };
    if (triggered) {
      if (current.firstTriggered < 0) current.firstTriggered = i;
      current.lastTriggered = i;
    }
    current.primary ||= primary;
  });
  if (current && current.lastTriggered >= 0) groups.push(current);
  return groups.map(({ first, firstTriggered, lastTriggered }) => ({ first, firstTriggered, lastTriggered }));
}

function onlyActors(text: string, resolver: ActorResolver): boolean {
  const mentions = resolver.mentions(text);
  if (mentions.length === 0) return false;
  let rest = fold(text);
  for (const m of [...mentions].reverse()) rest = rest.slice(0, m.roleStart) + rest.slice(m.end);
  return /^[\s,;]*(?:va[\s,;]*)*$/.test(rest);
}

// ─── What the words say ──────────────────────────────────────────────────────

type Deadline =
  | { type: 'date'; date: string; words: string }
  | { type: 'days'; days: Array<{ month: number; day: number; year?: number }>; words: string }
  | { type: 'day-of-month'; day: number; words: string };

interface Signals {
  recurrences: Array<Exclude<Recurrence, 'once'>>;
  unsupported?: string;
  barePeriodic: boolean;
  deadline?: Deadline;
  urgent?: string;
  /** `targetWords`: the target as the document writes it ("đạt từ 55% trở lên", "xuống dưới 3%"). */
  indicator?: { label: string; target?: number; comparison: '>=' | '<='; targetWords?: string };
  deliverable?: string;
  funding: boolean;
  knownDay?: (typeof KNOWN_DAYS)[number];
  kind?: { kind: ObligationKind; word: string };
}

/** Recurrences in a clause's lower-case text (with diacritics). */
function recurrencesIn(l: string): Signals['recurrences'] {
  const found = new Set<Exclude<Recurrence, 'once'>>();
  for (const m of l.matchAll(RX.list)) {
    found.add(PERIOD_WORDS[m[1]!]!);
    for (const more of (m[2] ?? '').matchAll(/6 tháng|sáu tháng|tháng|quý|quí|năm/gu)) found.add(PERIOD_WORDS[more[0]]!);
  }
  for (const p of RX.phrases) if (l.match(p.re)) found.add(p.recurrence);
  if (l.match(RX.sixMonths)) found.add('half-yearly');
  const order: Array<Exclude<Recurrence, 'once'>> = ['monthly', 'quarterly', 'half-yearly', 'annual'];
  return order.filter((r) => found.has(r));
}

function periodEndDate(cue: string, unit: 'quarter' | 'month' | 'year', n: number, year: number): string {
  const before = cue.startsWith('truoc');
  if (unit === 'year') return before ? localDate(year - 1, 12, 31) : localDate(year, 12, 31);
  const month = unit === 'quarter' ? n * 3 : n;
  if (before) {
    const first = unit === 'quarter' ? month - 2 : month;
    return addDays(localDate(year, first, 1), -1);
  }
  return lastDayOfMonth(year, month);
}

function validDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function deadlineIn(f: string, text: string, planYear: number): Deadline | undefined {
  const shown = (m: RegExpMatchArray) => squeeze(text.slice(m.index ?? 0, (m.index ?? 0) + m[0].length));
  const dm = f.match(RX.dayMonth) ?? f.match(RX.dayMonthWords);
  if (dm) {
    const days: Array<{ month: number; day: number; year?: number }> = [];
    const push = (d: string, m: string, y?: string) => {
      if (validDay(Number(m), Number(d))) days.push({ day: Number(d), month: Number(m), ...(y ? { year: Number(y) } : {}) });
    };
    push(dm[1]!, dm[2]!, dm[3]);
    for (const more of (dm[4] ?? '').matchAll(/(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?/g)) push(more[1]!, more[2]!, more[3]);
    if (days.length === 1 && days[0]!.year !== undefined) {
      const d = days[0]!;
      const date = localDate(d.year!, d.month, Math.min(d.day, Number(lastDayOfMonth(d.year!, d.month).slice(8))));
      return { type: 'date', date, words: shown(dm) };
    }
    if (days.length > 0) return { type: 'days', days, words: shown(dm) };
  }
  const dom = f.match(RX.dayOfMonth);
  if (dom && Number(dom[1]) >= 1 && Number(dom[1]) <= 31) return { type: 'day-of-month', day: Number(dom[1]), words: shown(dom) };
  const q = f.match(RX.quarter);
  if (q) {
    const n = ROMAN[q[2]!] ?? Number(q[2]);
    return { type: 'date', date: periodEndDate(q[1]!, 'quarter', n, q[3] ? Number(q[3]) : planYear), words: shown(q) };
  }
  const mo = f.match(RX.month);
  if (mo && Number(mo[2]) >= 1 && Number(mo[2]) <= 12) return { type: 'date', date: periodEndDate(mo[1]!, 'month', Number(mo[2]), Number(mo[3])), words: shown(mo) };
  const y = f.match(RX.year);
  if (y) return { type: 'date', date: periodEndDate(y[1]!, 'year', 0, Number(y[2])), words: shown(y) };
  return undefined;
}

function indicatorIn(f: string, text: string): Signals['indicator'] {
  const share = f.match(RX.share);
  const raised = f.match(RX.raise);
  const targetAt = share ? f.slice(share.index).match(RX.target) : null;
  if (!share || (!raised && !targetAt)) return undefined;
  const from = share.index ?? 0;
  const labelEnd = targetAt ? from + (targetAt.index ?? 0) : f.length;
  const label = capitalizeVi(squeeze(text.slice(from, labelEnd)).replace(/[\s,;.:]+$/u, '').replace(/\s+(?:đạt|lên|là)$/u, ''));
  if (!targetAt) return { label, comparison: raised && /giam/.test(raised[0]) ? '<=' : '>=' };
  const word = targetAt[1] ?? '';
  const comparison = /duoi|khong qua|toi da/.test(word) || targetAt[3] === 'tro xuong' ? '<=' : '>=';
  const targetWords = squeeze(text.slice(labelEnd, labelEnd + targetAt[0].length));
  return { label, target: Number(targetAt[2]!.replace(',', '.')), comparison, targetWords };
}

function signalsOf(clause: Clause, planYear: number): Signals {
  const f = fold(clause.text);
  const unsupported = f.match(RX.unsupported);
  const urgent = f.match(RX.urgent);
  const deliverable = f.match(RX.deliverable);
  const kind = RX.kinds.find((k) => k.re.test(f));
  const knownDay = RX.knownDays.find((d) => d.re.test(f));
  const deadline = deadlineIn(f, clause.text, planYear);
  const indicator = indicatorIn(f, clause.text);
  return {
    recurrences: recurrencesIn(lower(clause.text)),
    ...(unsupported ? { unsupported: squeeze(clause.text.slice(unsupported.index, (unsupported.index ?? 0) + unsupported[0].length)) } : {}),
    barePeriodic: RX.periodic.test(f),
    ...(deadline ? { deadline } : {}),
    ...(urgent ? { urgent: squeeze(clause.text.slice(urgent.index, (urgent.index ?? 0) + urgent[0].length)) } : {}),
    ...(indicator ? { indicator } : {}),
    ...(deliverable ? { deliverable: deliverable[2]! } : {}),
    funding: RX.budget.test(f),
    ...(knownDay ? { knownDay } : {}),
    ...(kind ? { kind: { kind: kind.kind, word: kind.word } } : {}),
  };
}

// ─── Due dates ───────────────────────────────────────────────────────────────

interface DueChoice {
  due: DueRule;
  notes: string[];
  guessed: boolean;
}

/** The end of the quarter after the plan's quarter: time to act on a duty the plan gives no date. */
function onceProposal(ctx: FinderContext): string {
  const [y, m] = ctx.planDate.split('-').map(Number) as [number, number];
  const quarter = Math.ceil(m / 3) + 1;
  const date = quarter > 4 ? localDate(y + 1, 3, 31) : lastDayOfMonth(y, quarter * 3);
  return compareDates(date, ctx.periodEnd) > 0 ? ctx.periodEnd : date;
}

/** A once date inside the plan's period (the loader refuses one outside it). */
function insidePeriod(date: string, ctx: FinderContext, notes: string[]): string {
  if (compareDates(date, ctx.planDate) < 0) {
    notes.push(`hạn ${formatVi(date)} trước ngày ban hành Kế hoạch, nên đặt bằng ngày ban hành`);
    return ctx.planDate;
  }
  if (compareDates(date, ctx.periodEnd) > 0) {
    notes.push(`hạn ${formatVi(date)} sau khi Kế hoạch kết thúc, nên đặt bằng ngày kết thúc`);
    return ctx.periodEnd;
  }
  return date;
}

function dueFor(recurrence: Recurrence, signals: Signals, kind: ObligationKind, standing: boolean, ctx: FinderContext): DueChoice {
  const d = signals.deadline;
  const notes: string[] = [];
  const stated = d ? `${quoteVi(d.words)}` : undefined;
  const noDate = signals.urgent ? `Kế hoạch yêu cầu ${quoteVi(signals.urgent)} nhưng không nêu hạn` : 'Kế hoạch không nêu hạn';
  switch (recurrence) {
    case 'once': {
      if (d?.type === 'date') return { due: { rule: 'date', date: insidePeriod(d.date, ctx, notes), adjust: 'previous' }, notes, guessed: notes.length > 0 };
      if (d?.type === 'days') {
        const first = d.days[0]!;
        let year = first.year ?? Number(ctx.planDate.slice(0, 4));
        if (compareDates(localDate(year, first.month, first.day), ctx.planDate) < 0) year += 1;
        notes.push(`Kế hoạch nêu ${stated} không kèm năm: tính là năm ${year}`);
        return { due: { rule: 'date', date: insidePeriod(localDate(year, first.month, first.day), ctx, notes), adjust: 'previous' }, notes, guessed: true };
      }
      const date = onceProposal(ctx);
      notes.push(`${noDate}; hạn ${formatVi(date)} (hết quý sau quý ban hành Kế hoạch) là đề xuất`);
      return { due: { rule: 'date', date, adjust: 'previous' }, notes, guessed: true };
    }
    case 'monthly':
      if (d?.type === 'day-of-month') return { due: { rule: 'day-of-month', day: d.day, adjust: 'previous' }, notes, guessed: false };
      notes.push('Kế hoạch không nêu ngày trong tháng; hạn là ngày làm việc cuối cùng của tháng (đề xuất)');
      return { due: { rule: 'end-of-period' }, notes, guessed: true };
    case 'quarterly':
      notes.push(stated ? `Kế hoạch nêu ${stated}; hạn hằng quý tính vào ngày làm việc cuối cùng của quý (cần đối chiếu)` : 'Kế hoạch chỉ nêu “hằng quý”; hạn là ngày làm việc cuối cùng của quý (đề xuất)');
      return { due: { rule: 'end-of-period' }, notes, guessed: true };
    case 'half-yearly': {
      const days = d?.type === 'days' ? d.days : [];
      const h1 = days.find((x) => x.month <= 6);
      const h2 = days.find((x) => x.month >= 7);
      if (h1 && h2) return { due: { rule: 'day-of-half', h1: { month: h1.month, day: h1.day }, h2: { month: h2.month, day: h2.day }, adjust: 'previous' }, notes, guessed: false };
      if (h1) {
        notes.push(`Kế hoạch nêu ${stated} cho 6 tháng đầu năm; 6 tháng cuối năm lấy ngày ${dayMonthVi(h1.day, h1.month + 6)} (đề xuất)`);
        return { due: { rule: 'day-of-half', h1: { month: h1.month, day: h1.day }, h2: { month: h1.month + 6, day: h1.day }, adjust: 'previous' }, notes, guessed: true };
      }
      notes.push('Kế hoạch không nêu ngày; hạn là ngày làm việc cuối cùng của tháng 6 và tháng 12 (đề xuất)');
      return { due: { rule: 'end-of-period' }, notes, guessed: true };
    }
    case 'annual': {
      const day = d?.type === 'days' && d.days.length === 1 ? d.days[0]! : d?.type === 'date' ? { month: Number(d.date.slice(5, 7)), day: Number(d.date.slice(8)) } : undefined;
      if (day && !(day.month === 2 && day.day === 29)) return { due: { rule: 'day-of-year', month: day.month, day: day.day, adjust: 'previous' }, notes, guessed: false };
      if (signals.knownDay) {
        const k = signals.knownDay;
        notes.push(`Kế hoạch không nêu ngày; ${dayMonthVi(k.day, k.month)} là ${k.why} (đề xuất)`);
        return { due: { rule: 'day-of-year', month: k.month, day: k.day, adjust: 'previous' }, notes, guessed: true };
      }
      const proposal = annualProposal(kind, standing, signals.funding);
      notes.push(`Kế hoạch ${recurrence === 'annual' && signals.recurrences.includes('annual') ? 'chỉ nêu “hằng năm”' : 'không nêu hạn'}; ${proposal.words}`);
      return { due: proposal.due, notes, guessed: true };
    }
  }
}

/** Invitations are due a few working days before the event they invite to (the event is the day found). */
const INVITATION_LEAD_DAYS = 2;
function invitationDue(event: DueChoice): DueChoice {
  if (event.due.rule === 'before-event') return event;
  return {
    due: { rule: 'before-event', workingDays: INVITATION_LEAD_DAYS, event: event.due },
    notes: [...event.notes, `giấy mời hạn trước ngày diễn ra ${INVITATION_LEAD_DAYS} ngày làm việc (đề xuất)`],
    guessed: true,
  };
}

function annualProposal(kind: ObligationKind, standing: boolean, funding: boolean): { due: DueRule; words: string } {
  if (kind === 'registration') return { due: { rule: 'day-of-year', month: 3, day: 31, adjust: 'previous' }, words: 'hạn 31/3 hằng năm là đề xuất, để kịp triển khai trong năm' };
  if (kind === 'report') return { due: { rule: 'day-of-year', month: 12, day: 15, adjust: 'previous' }, words: 'hạn 15/12 là đề xuất, trước kỳ tổng kết năm' };
  if (standing) return { due: { rule: 'day-of-year', month: 11, day: 30, adjust: 'previous' }, words: 'hằng năm tổng hợp kết quả trước 30/11 (đề xuất), để kịp đưa vào báo cáo năm' };
  if (funding) return { due: { rule: 'day-of-year', month: 7, day: 31, adjust: 'previous' }, words: 'hạn 31/7 là đề xuất, khi lập dự toán ngân sách năm sau' };
  return { due: { rule: 'end-of-period' }, words: 'hạn là ngày làm việc cuối cùng của năm (đề xuất)' };
}

// ─── The finder ──────────────────────────────────────────────────────────────

interface Subject {
  run: ActorRun;
  text: string;
  /** Where it came from when the clause does not name it. */
  from?: string;
}

/** Finds the duties of a plan document. */
export function findDuties(doc: PlanDocument, ctx: FinderContext): Findings {
  const duties: Unnamed[] = [];
  const review: ReviewItem[] = [];
  let monitor: Findings['monitor'];
  const planYear = Number(ctx.planDate.slice(0, 4));
  const subjectsByHeading = new Map<string, Subject>();

  for (const paragraph of doc.paragraphs) {
    if (paragraph.section === 'purpose') continue;
    const headingKey = paragraph.ref.split(' ')[0]!;
    const label = /^([^:;.]{3,80}):\s+/u.exec(paragraph.text);
    const labelMentions = label ? ctx.resolver.mentions(label[1]!) : [];
    const labelRuns = label ? actorRuns(label[1]!, labelMentions) : [];
    const labelSubject = label ? subjectOf(label[1]!, labelRuns) : undefined;
    let paragraphSubject: Subject | undefined = labelSubject ? { run: labelSubject, text: label![1]! } : undefined;

    for (const span of sentenceSpans(paragraph.text)) {
      const sentence = paragraph.text.slice(span.start, span.end);
      const labelEnd = span.start === 0 && label ? label[0].length : 0;
      const clauses = clausesOf(paragraph, sentence, labelEnd, ctx.resolver);
      const sentenceSubject = clauses[0]?.subject;
      const context = (clause: Clause): Subject | undefined => {
        if (clause.subject) return { run: clause.subject, text: clause.text };
        if (sentenceSubject) return { run: sentenceSubject, text: clauses[0]!.text, from: 'câu này' };
        if (paragraphSubject) return { ...paragraphSubject, from: paragraphSubject.from ?? 'đầu đoạn' };
        const earlier = subjectsByHeading.get(headingKey);
        return earlier ? { ...earlier, from: 'đoạn trước cùng mục' } : undefined;
      };
      const unknownOwner = (clause: Clause) => `cơ quan chủ trì ${quoteVi(clause.unknownSubject ?? '')} không có trong danh bạ`;

      const signals = clauses.map((clause) => signalsOf(clause, planYear));
      clauses.forEach((clause, i) => {
        const f = fold(clause.text);
        if (clause.subject && RX.monitoring.test(f) && /ke hoach/.test(f) && !monitor) {
          const resolved = ctx.resolver.resolve(clause.subject.mentions, 'collective', 'all');
          const only = resolved.selectors.length === 1 ? resolved.selectors[0]! : undefined;
          if (only && 'body' in only) monitor = { body: only.body, ref: paragraph.ref };
        }
        if (signals[i]!.unsupported) {
          review.push({ ref: paragraph.ref, quote: quoteOf(clause), reason: `kỳ ${quoteVi(signals[i]!.unsupported)} chưa được hỗ trợ (chỉ có một lần, hằng tháng, hằng quý, 6 tháng, hằng năm)` });
        } else if (triggersOf(signals[i]!).length === 0 && signals[i]!.barePeriodic && (clause.subject || clause.unknownSubject)) {
          review.push({ ref: paragraph.ref, quote: quoteOf(clause), reason: 'có “định kỳ” nhưng không nói bao lâu một lần' });
        }
      });
      const handled = (i: number) => signals[i]!.unsupported !== undefined || (signals[i]!.barePeriodic && triggersOf(signals[i]!).length === 0 && (clauses[i]!.subject || clauses[i]!.unknownSubject));

      let triggeredInSentence = clauses.some((_, i) => handled(i));
      for (const group of dutyGroups(signals.map((sig, i) => (handled(i) ? undefined : sig)))) {
        triggeredInSentence = true;
        const first = clauses[group.first]!;
        const whole = joinClauses(clauses, group.first, group.lastTriggered, ctx.resolver);
        const groupSignals = signalsOf(whole, planYear);
        if (first.unknownSubject && !first.subject) {
          review.push({ ref: paragraph.ref, quote: quoteOf(whole), reason: unknownOwner(first) });
          continue;
        }
        const subject = context(whole);
        const duty = subject ? buildDuty(whole, clauses[group.firstTriggered]!, subject, groupSignals, triggersOf(groupSignals), false, ctx) : undefined;
        if (duty && typeof duty !== 'string') duties.push(duty);
        else review.push({ ref: paragraph.ref, quote: quoteOf(whole), reason: duty ?? 'không xác định được cơ quan chủ trì' });
      }

      // The part that assigns the plan: a sentence that names who does something is a duty.
      if (!triggeredInSentence && paragraph.section === 'implementation' && clauses[0]) {
        const whole = joinClauses(clauses, 0, clauses.length - 1, ctx.resolver);
        const f = fold(sentence);
        const onlyMonitoring = RX.monitoring.test(f) && !/tuyen truyen|bao cao/.test(f);
        if (clauses[0].unknownSubject && !sentenceSubject) {
          review.push({ ref: paragraph.ref, quote: squeeze(sentence), reason: unknownOwner(clauses[0]) });
        } else if (sentenceSubject && !onlyMonitoring) {
          const duty = buildDuty(whole, clauses[0], { run: sentenceSubject, text: sentence }, signalsOf(whole, planYear), ['assignment'], RX.standing.test(f), ctx);
          if (typeof duty !== 'string') duties.push(duty);
          else review.push({ ref: paragraph.ref, quote: squeeze(sentence), reason: duty });
        }
      }

      const explicit = clauses.find((c) => c.subject);
      if (explicit?.subject) {
        paragraphSubject = { run: explicit.subject, text: explicit.text, from: 'câu trước trong đoạn' };
        subjectsByHeading.set(headingKey, { run: explicit.subject, text: explicit.text });
      }
    }
  }
  return { duties: named(duties), review, ...(monitor ? { monitor } : {}) };
}

function triggersOf(s: Signals): string[] {
  const out: string[] = [];
  if (s.recurrences.length > 0) out.push('recurrence');
  if (s.deadline) out.push('deadline');
  if (s.indicator) out.push('indicator');
  if (s.deliverable) out.push('deliverable');
  if (s.funding) out.push('funding');
  if (s.knownDay || s.kind?.kind === 'event') out.push('event');
  return out;
}

/** The quote of a clause: itself when it names its subject, else from its sentence's start. */
function quoteOf(clause: Clause): string {
  const start = clause.subject || clause.unknownSubject ? clause.span.start : 0;
  return squeeze(clause.sentence.slice(start, clause.span.end));
}

/** A duty before its id is given: `idWord` is the word that made it one. */
type Unnamed = Omit<Duty, 'id'> & { idWord: string };

function buildDuty(clause: Clause, titleClause: Clause, subject: Subject, signals: Signals, triggers: string[], standing: boolean, ctx: FinderContext): Unnamed | string {
  const checks: string[] = [];
  let confidence = 0.95;
  const lessSure = (by: number, check: string) => {
    confidence -= by;
    checks.push(check);
  };
  const f = fold(clause.text);

  // What kind of duty.
  let kind: ObligationKind;
  if (signals.indicator) kind = 'indicator';
  else if (signals.kind) kind = signals.kind.kind;
  else if (signals.knownDay) kind = 'event';
  else {
    kind = 'document';
    if (!signals.deliverable && !signals.funding) lessSure(0.15, 'loại nhiệm vụ: không có từ chỉ loại việc, tạm xếp là văn bản (document)');
  }

  // Who.
  const role: Role = kind === 'meeting' ? 'acting' : 'collective';
  const participantRuns = clause.runs.filter((run) => run !== clause.subject && isParticipant(clause.text, run) && kind !== 'indicator');
  const participantLevels = new Set(participantRuns.flatMap((r) => r.mentions.map((m) => m.level)).filter(isLevel));
  let ownerLevel: UnitLevel | 'all' = 'all';
  if (subject.from === 'câu này') {
    checks.push(`cơ quan chủ trì nêu ở đầu câu: ${quoteVi(runWords(subject))}`);
  } else if (subject.from) {
    lessSure(0.2, `cơ quan chủ trì không được nêu trong câu: lấy theo ${quoteVi(runWords(subject))} (${subject.from})`);
    const only = [...participantLevels];
    if (only.length === 1 && subject.run.mentions.every((m) => m.level === undefined || m.level === 'all')) {
      ownerLevel = only[0]!;
      checks.push(`cấp của cơ quan chủ trì suy ra từ thành phần tham dự (${levelPhrase(ctx.resolver.directory, only[0]!)})`);
    }
  }
  const top = ctx.resolver.topLevel;
  const grassroots = ctx.resolver.grassrootsLevel;
  if (kind === 'indicator' && top !== undefined) {
    ownerLevel = top;
    lessSure(0.05, `chỉ tiêu do cơ quan ${levelPhrase(ctx.resolver.directory, top)} tổng hợp số liệu toàn ${levelOf(ctx.resolver.directory, top)!.name} (đề xuất)`);
  } else if (grassroots !== undefined && subject.run.mentions.every((m) => m.level === undefined || m.level === 'all') && RX.grassrootsPlaces.test(f)) {
    ownerLevel = grassroots;
    checks.push(`tổ chức ở khu dân cư: giao cho ${levelPhrase(ctx.resolver.directory, grassroots)}`);
  }
  const ownerMentions = subject.run.mentions.map((m) => (ownerLevel !== 'all' && (m.level === undefined || m.level === 'all' || m.levelFromList) ? { ...m, level: ownerLevel } : m));
  const owner = ctx.resolver.resolve(ownerMentions, role, 'all');
  if (owner.selectors.length === 0) {
    const names = subject.run.mentions.filter((m) => !m.term.external).map((m) => `${quoteVi(squeeze(m.text))}`);
    return names.length > 0 ? `cơ quan chủ trì ${names.join(', ')} không có trong danh bạ` : `cơ quan chủ trì ${quoteVi(runWords(subject))} không thuộc danh bạ (cơ quan cấp trên hoặc bên ngoài)`;
  }
  for (const name of owner.unknown) lessSure(0.1, `${quoteVi(name)} không có trong danh bạ: bổ sung vào danh bạ hoặc bỏ khỏi chủ trì`);
  if (subject.run.mentions.some((m) => m.term.partyCommittee) && kind === 'meeting') {
    checks.push('“cấp ủy” chủ trì cuộc họp: đề xuất Thường trực (cấp huyện), Đảng ủy (cấp xã)');
  }

  const ownerLevelOf = (m: Mention) => (isLevel(m.level) ? m.level : ownerLevel);
  const sameLevel: UnitLevel | 'all' = ownerMentions.every((m) => ownerLevelOf(m) === ownerLevelOf(ownerMentions[0]!)) ? ownerLevelOf(ownerMentions[0]!) : 'all';
  const ownerKinds = new Set(owner.kinds);
  const participantMentions = participantRuns.flatMap((r) => r.mentions).filter((m) => !m.term.external);
  const participants = ctx.resolver.resolve(participantMentions, kind === 'meeting' ? 'acting' : 'collective', sameLevel);
  const participantSelectors = participants.selectors
    .map((s) => ('kinds' in s ? { ...s, kinds: s.kinds.filter((k) => !ownerKinds.has(k)) } : s))
    .filter((s) => ('kinds' in s ? s.kinds.length > 0 : !ownerBodies(owner.selectors).has(s.body)));
  if (kind === 'meeting' && participantSelectors.length === 0) lessSure(0.1, 'cuộc họp không nêu thành phần tham dự: bổ sung participants');

  // How often and by when.
  let recurrences: Recurrence[] = [...signals.recurrences];
  if (recurrences.length === 0) {
    if (standing) {
      recurrences = ['once', 'annual'];
      lessSure(0.1, 'việc làm thường xuyên: đề xuất triển khai một lần và tổng hợp kết quả hằng năm');
    } else if (signals.deadline?.type === 'day-of-month') recurrences = ['monthly'];
    else if (signals.deadline) recurrences = ['once'];
    else if (kind === 'indicator') {
      recurrences = ['annual'];
      lessSure(0.05, 'chỉ tiêu đánh giá hằng năm (đề xuất)');
    } else if (kind === 'event' || signals.funding) {
      recurrences = ['annual'];
      lessSure(0.1, signals.funding ? 'kinh phí bố trí theo năm ngân sách: hằng năm (đề xuất)' : 'hoạt động tổ chức hằng năm (đề xuất)');
    } else recurrences = ['once'];
  }
  const schedules: DraftSchedule[] = [];
  const notes: string[] = [];
  for (const recurrence of recurrences) {
    const choice = kind === 'invitation' ? invitationDue(dueFor(recurrence, signals, kind, standing, ctx)) : dueFor(recurrence, signals, kind, standing, ctx);
    schedules.push({ ...(recurrences.length > 1 ? { key: SCHEDULE_KEYS[recurrence] } : {}), recurrence, due: choice.due });
    notes.push(...choice.notes);
    if (choice.guessed) confidence -= 0.05;
  }
  if (signals.barePeriodic && signals.recurrences.length === 0) lessSure(0.1, '“định kỳ” không nói bao lâu một lần: kiểm tra kỳ');

  // How it is resolved.
  let resolution: Resolution = { type: 'done' };
  if (signals.indicator) {
    const i = signals.indicator;
    resolution = { type: 'indicator', label: i.label, unit: '%', comparison: i.comparison, ...(i.target !== undefined ? { target: i.target } : {}) };
    if (i.target === undefined) checks.push('kế hoạch không nêu con số chỉ tiêu: đặt target');
  } else if (kind === 'registration') {
    resolution = { type: 'evidence', evidenceLabel: registeredThing(clause.text) };
  } else if (RX.waivable.test(f)) {
    resolution = { type: 'waivable' };
    checks.push('“nếu thấy cần thiết”: kỳ không thực hiện được ghi “không phát sinh” kèm lý do');
  }
  const ownerMode = new RegExp(EACH, 'u').test(lower(clause.sentence)) || RX.ownPlan.test(f) ? 'each' : 'joint';
  if (ownerMode === 'each') checks.push('mỗi cơ quan chủ trì thực hiện riêng (ownerMode: each)');

  const dueNote = notes.length > 0 ? `${notes.map(capitalizeVi).join('. ')}.` : undefined;
  const ref = clause.paragraph.ref;
  return {
    ref,
    quote: quoteOf(clause),
    title: titleOf(titleClause, signals, ctx.resolver),
    kind,
    owner: owner.selectors,
    ownerMode,
    participants: participantSelectors,
    schedules,
    resolution,
    ...(dueNote ? { dueNote } : {}),
    confidence: Math.max(0.1, Math.round(confidence * 100) / 100),
    checks,
    ownerKinds: owner.kinds,
    triggers,
    idWord: idWordOf(signals, kind),
  };
}

/** The words of a subject as written: "chủ tịch UBND các cấp", "Ủy ban MTTQ, các tổ chức chính trị - xã hội huyện". */
function runWords(subject: Subject): string {
  return squeeze(subject.text.slice(subject.run.start, subject.run.end));
}

/** A mention's level word names one level of the directory (not "các cấp", not "cùng cấp"). */
function isLevel(level: LevelWord | undefined): level is UnitLevel {
  return level !== undefined && level !== 'all' && level !== 'same';
}

function ownerBodies(selectors: readonly DraftSelector[]): Set<string> {
  return new Set(selectors.flatMap((s) => ('body' in s ? [s.body] : [])));
}

/** A run is a participant when "với", "mời", "cho", "cùng" or "đến" comes just before it, not "của"/"giữa". */
function isParticipant(text: string, run: ActorRun): boolean {
  const before = lower(text.slice(Math.max(0, run.start - 40), run.start));
  return RX.towards.test(before) && !RX.ofWhom.test(before);
}

/** "đăng ký … ít nhất 01 hoạt động sáng tạo, nổi bật" → "Tên hoạt động sáng tạo, nổi bật đã đăng ký". */
function registeredThing(text: string): string {
  const m = /dang ky\s.*?(?:it nhat\s+)?\d+\s+(.+?)(?=\s+(?:gan voi|de|nham|trong)\s|[;.]|$)/du.exec(fold(text));
  const at = m?.indices?.[1];
  const thing = at ? squeeze(text.slice(at[0], at[1])).replace(/[,\s]+$/u, '') : '';
  return thing.length > 3 && thing.length < 90 ? `Tên ${thing} đã đăng ký` : 'Nội dung đã đăng ký';
}

/** A title from the clause's own words: without leading "Định kỳ hằng quý,", the label, or what follows "qua đó", "để" … */
function titleOf(clause: Clause, signals: Signals, resolver: ActorResolver): string {
  if (signals.indicator) {
    const i = signals.indicator;
    return i.targetWords ? `${i.label} ${i.targetWords}` : i.label;
  }
  let text = squeeze(clause.text);
  const label = /^[^:;.]{3,80}:\s+/u.exec(text);
  if (label && clause.span.start === 0) text = text.slice(label[0].length);
  const lead = RX.titleLead.exec(fold(text));
  if (lead) text = text.slice(lead[0].length);
  // Up to the first ";" that ends a part saying more than who ("Ủy ban MTTQ, …; đảng ủy các xã …" goes on).
  const parts = text.split(/(?<=;)\s*/u);
  text = parts[0]!;
  for (let i = 1; i < parts.length && onlyActors(text, resolver); i += 1) text = `${text} ${parts[i]}`;
  text = text.replace(/;$/u, '');
  // "căn cứ Kết luận … và kế hoạch này tổ chức …": the basis is not the task.
  const basis = /\s+căn cứ\s.+?\s(?=(?:tổ chức|xây dựng|ban hành|triển khai|thực hiện|quán triệt)\s)/u.exec(text);
  if (basis) text = `${text.slice(0, basis.index)} ${text.slice((basis.index ?? 0) + basis[0].length)}`;
  const cut = RX.titleCut.exec(text);
  if (cut && (cut.index ?? 0) > 20) text = text.slice(0, cut.index);
  text = text.replace(/\s*\([^)]*\)/gu, '').replace(/[\s;:,./]+$/u, '');
  if (text.length > 160) text = `${text.slice(0, text.lastIndexOf(' ', 157))}…`;
  return curlyQuotes(capitalizeVi(text));
}

/** Straight double quotes as “…” (what officials read). */
function curlyQuotes(text: string): string {
  let open = true;
  return text.replace(/"/g, () => {
    const q = open ? '“' : '”';
    open = !open;
    return q;
  });
}

function idWordOf(signals: Signals, kind: ObligationKind): string {
  if (signals.indicator) return 'ty-le';
  if (signals.kind) return signals.kind.word;
  if (signals.deliverable) return slugVi(signals.deliverable);
  if (signals.funding) return 'kinh-phi';
  if (signals.knownDay) return 'ngay-hoi';
  return kind === 'document' ? 'nhiem-vu' : kind;
}

/** Ids from the clause reference and the word that made it a duty: `ii-1-2-giao-ban`. */
function named(unnamed: readonly Unnamed[]): Duty[] {
  const used = new Map<string, number>();
  return unnamed.map(({ idWord, ...duty }) => {
    const base = `${slugVi(duty.ref)}-${idWord}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { id: n === 1 ? base : `${base}-${n}`, ...duty };
  });
}

/** The recurrence words of a duty's schedules, for summaries: "hằng quý, hằng năm". */
export function recurrenceWords(duty: Pick<Duty, 'schedules'>): string {
  return duty.schedules.map((s) => RECURRENCE_WORDS[s.recurrence]).join(', ');
}
