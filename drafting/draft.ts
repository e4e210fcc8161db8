/**
 * `draftPlan`: from a plan document to a draft of `plan.yaml` for an officer to review.
 *
 * read (drafting/read.ts) → structure (drafting/structure.ts) → duties (drafting/duties.ts)
 * → the plan file, written with the `yaml` library's document model so that every
 * obligation carries, as comments, its confidence and what to check, and the clauses that
 * could not become obligations are listed at the end. The draft is valid for
 * `dondoc validate` with the same directory: every body it names comes from it, and the
 * ladders are those of the plan in force.
 */
import { Document, isMap, isSeq, type Node } from 'yaml';
import { lastDayOfMonth, localDate } from '../domain/calendar/local-date';
import { formatVi } from '../vocabulary/dates';
import { dateWordsVi } from '../vocabulary/document';
import { capitalizeVi, formatNumberVi, quoteVi, slugVi } from '../vocabulary/text';
import type { Directory, Plan } from '../domain/model';
import { ActorResolver, type DraftSelector } from './actors';
import { findDuties, recurrenceWords, type Duty, type ReviewItem } from './duties';
import type { LadderSource } from './inputs';
import { ladderFault } from '../config/references';
import type { RelationContext } from '../domain/relation';
import { DraftInputError, readSource, type SourceFormat } from './read';
import { recallAgainst, type Recall } from './recall';
import { structure, type PlanDocument } from './structure';
import { squeeze } from './text';

export interface DraftInputs {
  /** The document, and the name to show for it. */
  file: string;
  shownAs?: string;
  directory: Directory;
  ladders: LadderSource;
  /** A plan written by hand for the same document, to measure the draft against. */
  reference?: { plan: Plan; file: string };
}

export interface DraftSummary {
  source: { file: string; format: SourceFormat; number?: string; place?: string; docType?: string };
  /** The document's headings as read (`II.1`: "1. Tăng cường …") and how many paragraphs it has. */
  structure: { headings: Array<{ ref: string; text: string }>; paragraphs: number };
  plan: { id: string; title: string; issuedBy: string; date: string; from: string; to: string; monitor: string };
  /** What the officer should check about the plan as a whole. */
  notes: string[];
  duties: Duty[];
  review: ReviewItem[];
  recall?: Recall;
  /** The draft plan file. */
  yaml: string;
}

const FORMAT_WORDS: Record<SourceFormat, string> = { txt: 'văn bản thuần', docx: 'Word', pdf: 'PDF' };

/** `cao`, `trung bình`, `thấp`. */
export function confidenceWord(confidence: number): string {
  return confidence >= 0.8 ? 'cao' : confidence >= 0.6 ? 'trung bình' : 'thấp';
}


interface Header {
  id: string;
  title: string;
  document: string;
  issuedBy: string;
  issuerName: string;
  date: string;
  to: string;
  notes: string[];
}

function header(doc: PlanDocument, resolver: ActorResolver): Header {
  const h = doc.heading;
  const notes: string[] = [];
  const docType = capitalizeVi((h.docType ?? 'Kế hoạch').toLowerCase());
  const subject = h.subject ?? '';

  // The date: the heading's, the last day of its month when the day is left blank.
  let date: string;
  if (h.date && h.date.month >= 1 && h.date.month <= 12) {
    const last = lastDayOfMonth(h.date.year, h.date.month);
    date = h.date.day && h.date.day <= Number(last.slice(8)) ? localDate(h.date.year, h.date.month, h.date.day) : last;
    if (!h.date.day) notes.push(`Văn bản để trống ngày ban hành (“ngày … tháng ${h.date.month} năm ${h.date.year}”): tạm lấy ngày cuối tháng, ${formatVi(date)}; sửa source.date và period.from theo bản đã ký.`);
  } else {
    const year = Number(/(?:19|20)\d{2}/.exec(`${subject} ${doc.paragraphs.map((p) => p.text).join(' ')}`)?.[0] ?? '2025');
    date = localDate(year, 1, 1);
    notes.push(`Không tìm thấy dòng ngày tháng của văn bản: tạm lấy ${formatVi(date)}; sửa source.date và period.from.`);
  }
  if (h.numberBlank || !h.number) notes.push(`Văn bản chưa ghi số${h.number ? ` (“Số ${h.number}”)` : ''}: bổ sung số vào source.document khi có.`);

  // The period: "giai đoạn 2021-2025", "nhiệm kỳ 2020-2025", or "năm 2024" in the subject.
  const span = /(?:giai đoạn|nhiệm kỳ|thời kỳ)\s+(\d{4})\s*[-–]\s*(\d{4})/u.exec(subject) ?? /năm\s+(\d{4})(?!\s*[-–])/u.exec(subject);
  const endYear = span ? Number(span[2] ?? span[1]) : Number(date.slice(0, 4));
  let to = localDate(endYear, 12, 31);
  if (to < date) to = localDate(Number(date.slice(0, 4)), 12, 31);
  if (!span) notes.push(`Văn bản không nêu giai đoạn thực hiện: tạm đến ${formatVi(to)}; sửa period.to.`);

  // The issuer: the heading's lines, the preamble ("… xây dựng Kế hoạch"), the signature.
  let issuer = h.issuerPhrases.map((p) => resolver.bodyNamed(p)).find((b) => b !== undefined);
  if (!issuer) {
    issuer = resolver.directory.bodies[0]!;
    notes.push(`Không nhận ra cơ quan ban hành${h.issuerPhrases.length ? ` (${h.issuerPhrases.map(quoteVi).join(', ')})` : ''} trong danh bạ: tạm ghi ${issuer.id}; sửa source.issuedBy.`);
  }
  const number = h.number ? ` số ${h.number}` : '';
  // As a date line writes it: a leading zero for days 1–9 and months 1–2 ("ngày 05 tháng 02 năm 2024").
  const when = h.date ? dateWordsVi(h.date.year, h.date.month, h.date.day || undefined) : '';
  const document = [`${docType}${number}`, when, `của ${issuer.name}`].filter(Boolean).join(', ');
  const title = squeeze(`${docType} ${subject}`) || `${docType} (${doc.file})`;
  const numberWords = h.number && !h.numberBlank ? h.number : '';
  const id = slugVi([docType, numberWords, h.place ?? '', date.slice(0, 4)].filter(Boolean).join(' ')) || 'ke-hoach';
  return { id, title, document, issuedBy: issuer.id, issuerName: issuer.name, date, to, notes };
}

// ─── The plan file ───────────────────────────────────────────────────────────

function selectorValue(selector: DraftSelector): unknown {
  return 'body' in selector ? selector.body : { kinds: selector.kinds, level: selector.level };
}

function obligationValue(duty: Duty, ladder: string | undefined): Record<string, unknown> {
  return {
    id: duty.id,
    title: duty.title,
    clause: { ref: duty.ref, text: duty.quote },
    kind: duty.kind,
    owner: duty.owner.length === 1 ? selectorValue(duty.owner[0]!) : duty.owner.map(selectorValue),
    ...(duty.ownerMode === 'each' ? { ownerMode: 'each' } : {}),
    ...(ladder ? { ladder } : {}),
    ...(duty.participants.length > 0 ? { participants: duty.participants.map(selectorValue) } : {}),
    schedules: duty.schedules.map((s) => ({ ...(s.key ? { key: s.key } : {}), recurrence: s.recurrence, due: s.due })),
    ...(duty.resolution.type !== 'done' ? { resolution: duty.resolution } : {}),
    ...(duty.dueNote ? { dueNote: duty.dueNote } : {}),
  };
}

/** Comment lines: each given line prefixed with one space (the yaml library adds "#"). */
const comment = (lines: readonly string[]) => lines.map((l) => (l ? ` ${l}` : '')).join('\n');

function dutyComment(duty: Duty, index: number): string {
  const lines = [`${index + 1}. ${duty.ref} — ${recurrenceWords(duty)} — độ tin cậy ${confidenceWord(duty.confidence)} (${formatNumberVi(duty.confidence, 2)})`];
  for (const check of duty.checks) lines.push(`   - ${check}`);
  return comment(lines);
}

/** Long texts as folded blocks, selectors and due rules on one line, as the shipped plan writes them. */
function styleObligation(node: Node): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const key = String((pair.key as { value?: unknown })?.value ?? '');
    const value = pair.value as Node | null;
    if (!value) continue;
    if (key === 'clause' && isMap(value)) {
      const text = value.get('text', true) as { type?: string } | undefined;
      if (text) text.type = 'BLOCK_FOLDED';
    }
    if ((key === 'owner' || key === 'participants') && (isMap(value) || isSeq(value))) {
      if (isMap(value)) value.flow = true;
      else if (value.items.every((item) => !isMap(item))) value.flow = true;
      else for (const item of value.items) if (isMap(item)) item.flow = true;
    }
    if (key === 'schedules' && isSeq(value)) for (const s of value.items) if (isMap(s)) (s.get('due', true) as Node & { flow?: boolean }).flow = true;
    if (key === 'resolution' && isMap(value)) value.flow = true;
    if (key === 'dueNote') (value as { type?: string }).type = 'BLOCK_FOLDED';
  }
}

/**
 * The ladder of a duty when the default one does not fit its owners (config/references.ts,
 * ladderFault: Party leadership is not chased, the monitor's own duty gets internal notes
 * only): the first ladder of the plan in force that fits; undefined to keep the default.
 */
function ladderFor(duty: Duty, ladders: LadderSource, ctx: RelationContext): string | undefined {
  const all = (ladders.ladders.toJSON() ?? []) as ({ id: string } & Parameters<typeof ladderFault>[0])[];
  const byBody = duty.owner.flatMap((s) => ('body' in s ? [s.body] : []));
  const owners = duty.ownerMode === 'each' ? byBody.map((id) => [id]) : [byBody];
  const fallback = String(ladders.defaultLadder?.toJSON() ?? 'standard');
  const current = all.find((l) => l.id === fallback);
  if (!current || !ladderFault(current, owners, ctx)) return undefined;
  return all.find((l) => !ladderFault(l, owners, ctx))?.id;
}

function writePlan(doc: PlanDocument, head: Header, monitor: string, duties: readonly Duty[], review: readonly ReviewItem[], ladders: LadderSource, directory: Directory): string {
  const ctx: RelationContext = { monitor, bodies: new Map(directory.bodies.map((b) => [b.id, b])) };
  const yaml = new Document({
    id: head.id,
    title: head.title,
    source: { document: head.document, issuedBy: head.issuedBy, date: head.date },
    period: { from: head.date, to: head.to },
    monitor,
    defaultTime: '08:00',
    defaultLadder: 'standard',
    ladders: [],
    obligations: duties.map((d) => obligationValue(d, ladderFor(d, ladders, ctx))),
  });
  // The ladders, default ladder and time of the plan in force, as written there.
  yaml.set('ladders', ladders.ladders);
  if (ladders.defaultLadder) yaml.set('defaultLadder', ladders.defaultLadder);
  else yaml.delete('defaultLadder');
  if (ladders.defaultTime) yaml.set('defaultTime', ladders.defaultTime);
  (yaml.get('title', true) as { type?: string }).type = 'BLOCK_FOLDED';
  const source = yaml.get('source', true);
  if (isMap(source)) (source.get('document', true) as { type?: string }).type = 'BLOCK_FOLDED';
  (yaml.get('ladders', true) as Node).commentBefore = comment([
    `Các bước nhắc việc, đôn đốc lấy từ kế hoạch đang dùng (${ladders.file}); sửa ở đây nếu kế hoạch mới cần khác.`,
  ]);
  const obligations = yaml.get('obligations', true);
  if (isSeq(obligations)) {
    obligations.items.forEach((item, i) => {
      styleObligation(item as Node);
      (item as Node).commentBefore = dutyComment(duties[i]!, i);
    });
    (obligations as Node).commentBefore = comment([
      'Mỗi nhiệm vụ: trích nguyên văn (clause.text), loại, chủ trì, kỳ và hạn. Chú thích phía trên mỗi nhiệm vụ',
      'cho biết độ tin cậy và những điểm cần kiểm tra; dueNote nói hạn nào là đề xuất và vì sao.',
    ]);
  }
  const format = FORMAT_WORDS[doc.format];
  yaml.commentBefore = comment([
    `DỰ THẢO kế hoạch cho dondoc, soạn tự động từ ${quoteVi(doc.file)} (${format}). Cán bộ rà soát từng mục trước khi dùng.`,
    `Kiểm tra: dondoc validate <tệp này> [danh bạ]. ${duties.length} nhiệm vụ; ${review.length} đoạn cần xem xét (cuối tệp).`,
    ...(head.notes.length > 0 ? ['', 'Cần xem lại phần đầu:', ...head.notes.map((n) => `  - ${n}`)] : []),
  ]);
  const tail: string[] = ['─── Cần xem xét: đoạn có dấu hiệu nhiệm vụ nhưng chưa thành nhiệm vụ ───'];
  if (review.length === 0) tail.push('(không có)');
  for (const item of review) {
    tail.push('', `${item.ref}: ${item.reason}`);
    tail.push(...wrap(`${quoteVi(item.quote)}`, 96).map((l) => `  ${l}`));
  }
  yaml.comment = comment(tail);
  return yaml.toString({ lineWidth: 100, flowCollectionPadding: false });
}

/** Lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

// ─── The draft ───────────────────────────────────────────────────────────────

/** Drafts a plan from a document. @throws DraftInputError for a document that is not a plan or cannot be read. */
export async function draftPlan(inputs: DraftInputs): Promise<DraftSummary> {
  const shownAs = inputs.shownAs ?? inputs.file;
  const source = await readSource(inputs.file, shownAs);
  const doc = structure(source);
  const resolver = new ActorResolver(inputs.directory);
  const head = header(doc, resolver);
  const found = findDuties(doc, { resolver, planDate: head.date, periodEnd: head.to });
  if (found.duties.length === 0) {
    const why = doc.headings.length === 0 && !doc.heading.docType
      ? 'không nhận ra văn bản kế hoạch (không có tên loại văn bản như “KẾ HOẠCH”, không có mục I., II.) và không tìm thấy nhiệm vụ nào'
      : 'không tìm thấy nhiệm vụ nào (câu có kỳ hạn, thời hạn, chỉ tiêu hay sản phẩm cụ thể)';
    throw new DraftInputError(shownAs, why);
  }
  const notes = [...head.notes];
  let monitor = found.monitor?.body;
  if (!monitor) {
    monitor = head.issuedBy;
    notes.push(`Văn bản không nêu cơ quan theo dõi, đôn đốc việc thực hiện: tạm ghi cơ quan ban hành (${head.issuedBy}); sửa monitor.`);
  }
  const yaml = writePlan(doc, { ...head, notes }, monitor, found.duties, found.review, inputs.ladders, inputs.directory);
  return {
    source: {
      file: shownAs,
      format: doc.format,
      ...(doc.heading.number ? { number: doc.heading.number } : {}),
      ...(doc.heading.place ? { place: doc.heading.place } : {}),
      ...(doc.heading.docType ? { docType: doc.heading.docType } : {}),
    },
    structure: { headings: doc.headings, paragraphs: doc.paragraphs.length },
    plan: { id: head.id, title: head.title, issuedBy: head.issuedBy, date: head.date, from: head.date, to: head.to, monitor },
    notes,
    duties: found.duties,
    review: found.review,
    ...(inputs.reference ? { recall: recallAgainst(inputs.reference.plan, inputs.reference.file, found.duties, inputs.directory) } : {}),
    yaml,
  };
}
