/**
 * The structure of a plan document, from its lines: the heading block (number, place and
 * date, document type, title, issuer), the body's headings (I., II.; 1., 2.; a), b)) and
 * paragraphs, each with its clause reference as dondoc writes them — `II.1 ¶2` (the second
 * paragraph under heading II.1), `IV.2` (the text of a numbered item itself) — and the
 * signature block after "Nơi nhận".
 *
 * Lines laid out on a page (PDF, most text files) are joined into paragraphs: a paragraph
 * ends where a line ends a sentence and is short, or where the next line is indented, starts
 * with a heading number, or is a first line that does not reach the right margin.
 */
import type { SourceLine, SourceText } from './read';
import { endsClause, fold, squeeze, startsWithCapital } from './text';

export type SectionKind = 'purpose' | 'tasks' | 'implementation';

export interface Paragraph {
  /** `II.1 ¶2`, `IV.2`, `II.3.a ¶1`. */
  ref: string;
  text: string;
  /** The headings above it, outermost first (`II. NHIỆM VỤ VÀ GIẢI PHÁP`, `1. Tăng cường …`). */
  headings: string[];
  /** What its part of the plan is for: purposes are not duties; the implementation part assigns them. */
  section: SectionKind;
  /** Numbered item: its heading text is this paragraph (IV.1 "HĐND, UBND huyện …"). */
  numbered: boolean;
}

export interface PlanHeading {
  /** `115-KL/TU`, `…-KH/HU` when the number is left blank. */
  number?: string;
  numberBlank: boolean;
  place?: string;
  /** The date line's parts; the day may be blank in a copy circulated before signing. */
  date?: { year: number; month: number; day?: number };
  /** `KẾ HOẠCH`, `CHƯƠNG TRÌNH` … */
  docType?: string;
  /** The subject line(s) after the document type, joined. */
  subject?: string;
  /** Phrases that may name the issuer, most reliable first (heading block, signature, preamble). */
  issuerPhrases: string[];
}

export interface PlanDocument {
  file: string;
  format: SourceText['format'];
  heading: PlanHeading;
  /** Paragraphs before the first heading (the "Thực hiện …" preamble). */
  preamble: string[];
  paragraphs: Paragraph[];
  /** Every heading of the body (`II`, `II.1` …) in order, with its text. */
  headings: Array<{ ref: string; text: string }>;
}

const ROMAN = /^(X{0,3}(?:IX|IV|V?I{0,3}))\.\s+(\S.*)$/u;
const ARABIC = /^(\d{1,2})\.\s+(\S.*)$/u;
const LETTER = /^([a-zđ])\)\s+(\S.*)$/u;
const PAGE_NUMBER = /^[-–\s]*\d{1,3}[-–\s]*$/;
const SEPARATOR = /^[-–—_*=.\s]{3,}$|^\*$/;
const DOC_TYPES = ['ke hoach', 'chuong trinh', 'chuong trinh hanh dong', 'de an', 'huong dan', 'nghi quyet', 'ket luan', 'chi thi', 'quyet dinh'];
const RECIPIENTS = /^noi nhan\s*:/;

function headingMarker(text: string): { level: 1 | 2 | 3; mark: string; rest: string } | undefined {
  const roman = ROMAN.exec(text);
  if (roman && roman[1]) return { level: 1, mark: roman[1], rest: roman[2]! };
  const arabic = ARABIC.exec(text);
  if (arabic) return { level: 2, mark: arabic[1]!, rest: arabic[2]! };
  const letter = LETTER.exec(text);
  if (letter) return { level: 3, mark: letter[1]!, rest: letter[2]! };
  return undefined;
}

/** The typical length of a full line: the 80th percentile of the line lengths. */
function fullLength(lines: SourceLine[]): number {
  const lengths = lines.map((l) => l.text.length).filter((n) => n > 20).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.8)] ?? 80;
}

/** How far across the column a line reaches: from the PDF, or its length against a full line. */
function fillOf(line: SourceLine, full: number): number {
  return line.fill ?? line.text.length / full;
}

/**
 * Paragraphs from lines laid out on a page. `line` ends a paragraph before `next` when
 * `next` is a heading or the recipients' block, or `line` closes a clause and either falls
 * short of the margin or `next` is a first line (indented, or not reaching the margin
 * though it does not end there), or `line` is short and `next` starts with a capital (a
 * heading's last line, which has no full stop).
 */
function joinLines(lines: SourceLine[]): string[] {
  const full = fullLength(lines);
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) paragraphs.push(squeeze(current.join(' ')));
    current = [];
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    current.push(line.text);
    const next = lines[i + 1];
    if (!next) break;
    const nextText = next.text.trim();
    const fill = fillOf(line, full);
    // A first line is short by its indent: only a much shorter one ends a one-line heading.
    const short = fill < (current.length === 1 ? 0.6 : 0.85);
    const nextIsFirstLine = (next.indent === true && !next.pageStart) || (fillOf(next, full) < 0.92 && !endsClause(nextText) && lines[i + 2] !== undefined);
    const breaks =
      SEPARATOR.test(line.text) ||
      SEPARATOR.test(nextText) ||
      headingMarker(nextText) !== undefined ||
      RECIPIENTS.test(fold(nextText)) ||
      (endsClause(line.text) && (fill < 0.85 || nextIsFirstLine) && startsWithCapital(nextText)) ||
      (short && startsWithCapital(nextText) && !/[,-]$/.test(line.text.trim()));
    if (breaks) flush();
  }
  flush();
  return paragraphs;
}

/** True when the lines are wrapped at a margin: many lines go on in lower case on the next line. */
function isWrapped(lines: SourceLine[]): boolean {
  let pairs = 0;
  let continued = 0;
  for (let i = 0; i + 1 < lines.length; i += 1) {
    pairs += 1;
    const next = lines[i + 1]!.text.trim();
    if (!startsWithCapital(next) && /^\p{L}/u.test(next) && !headingMarker(next)) continued += 1;
  }
  return pairs > 0 && continued / pairs > 0.2;
}

/** Non-empty lines without page numbers and page furniture. */
function cleanLines(source: SourceText): SourceLine[] {
  const out: SourceLine[] = [];
  let pageStart = false;
  for (const line of source.lines) {
    const text = line.text.replace(/\s+$/, '');
    if (text.trim() === '') continue;
    if (PAGE_NUMBER.test(text)) {
      pageStart = true;
      continue;
    }
    out.push({ ...line, text: text.trim(), ...(pageStart || line.pageStart ? { pageStart: true } : {}) });
    pageStart = false;
  }
  return out;
}

function sectionKindOf(title: string): SectionKind {
  const t = fold(title);
  if (/to chuc thuc hien|trach nhiem thuc hien|phan cong/.test(t)) return 'implementation';
  if (/muc dich|yeu cau|quan diem/.test(t) && !/chi tieu|nhiem vu/.test(t)) return 'purpose';
  return 'tasks';
}

/** The heading block: the lines before the body starts. */
function parseHeading(block: string[], preambleFirst: string | undefined): PlanHeading {
  const heading: PlanHeading = { numberBlank: false, issuerPhrases: [] };
  let typeAt = -1;
  block.forEach((line, i) => {
    const f = fold(line);
    const number = /^so\s*:?\s*(.*)$/.exec(f);
    if (number && heading.number === undefined) {
      const raw = squeeze(line.slice(line.length - number[1]!.length));
      heading.numberBlank = raw === '' || /^[-–.…\s]*[-–]/.test(raw) || raw.startsWith('…');
      heading.number = heading.numberBlank ? `…${raw.replace(/^[\s.…]*/, '').replace(/^(?=[^-–])/, '-')}` : raw;
      return;
    }
    const date = /^(.*?),?\s*ngay\s*(\d{1,2})?\s*(?:\.+|…+)?\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/.exec(f);
    if (date && heading.date === undefined) {
      const place = squeeze(line.slice(0, date[1]!.length)).replace(/,$/, '');
      if (place) heading.place = place;
      heading.date = { year: Number(date[4]), month: Number(date[3]), ...(date[2] ? { day: Number(date[2]) } : {}) };
      return;
    }
    if (typeAt < 0 && DOC_TYPES.includes(f.trim()) && line === line.toUpperCase()) {
      typeAt = i;
      heading.docType = line.trim();
      return;
    }
    // Upper-case lines before the type on the left: the superior body and the issuer.
    if (typeAt < 0 && line === line.toUpperCase() && /\p{L}/u.test(line) && !/dang cong san viet nam|cong hoa xa hoi|doc lap/.test(f)) {
      heading.issuerPhrases.push(squeeze(line));
    }
  });
  if (typeAt >= 0) {
    const subject = block.slice(typeAt + 1).filter((l) => !SEPARATOR.test(l));
    if (subject.length > 0) heading.subject = squeeze(subject.join(' '));
  }
  // The heading's upper-case lines name the issuer from the top ("HUYỆN ỦY LỤC NGẠN", "BAN
  // DÂN VẬN"): the last one is the issuer itself, the one before its superior.
  heading.issuerPhrases.reverse();
  // "…; Ban Thường vụ Huyện ủy xây dựng Kế hoạch …": who says it makes the plan.
  if (preambleFirst) {
    const m = /(?:^|[;,.]\s*)([^;,.]{4,80}?)\s+(?:xay dung|ban hanh|de ra)\s+(?:ke hoach|chuong trinh)/d.exec(fold(preambleFirst));
    const at = m?.indices?.[1];
    if (at) heading.issuerPhrases.push(squeeze(preambleFirst.slice(at[0], at[1])));
  }
  return heading;
}

/** "T/M BAN THƯỜNG VỤ", "TM. BAN DÂN VẬN", "K/T TRƯỞNG BAN": who signs, after the recipients. */
function signatureIssuer(tail: string[]): string | undefined {
  for (const line of tail) {
    const m = /^(?:t\/m|tm\.?)\s+(.+)$/.exec(fold(line.trim()));
    if (m) return squeeze(line.trim().slice(line.trim().length - m[1]!.length));
  }
  return undefined;
}

/** Reads the structure of a plan from its lines. */
export function structure(source: SourceText): PlanDocument {
  const lines = cleanLines(source);
  const texts = source.layout === 'paragraphs' || !isWrapped(lines) ? lines.map((l) => squeeze(l.text)) : joinLines(lines);

  // The body starts at the first roman heading, or at the first paragraph after the heading
  // block that begins like a preamble ("Thực hiện …", "Căn cứ …", "Để …").
  let bodyStart = texts.findIndex((t) => headingMarker(t)?.level === 1);
  const typeAt = texts.findIndex((t) => DOC_TYPES.includes(fold(t).trim()));
  const preambleAt = texts.findIndex(
    (t, i) => i > typeAt && (bodyStart < 0 || i < bodyStart) && startsWithCapital(t) && /^(thuc hien|can cu|de |nham |qua |theo )/.test(fold(t)),
  );
  const headEnd = preambleAt >= 0 ? preambleAt : bodyStart >= 0 ? bodyStart : 0;
  if (bodyStart < 0) bodyStart = headEnd;
  const recipientsAt = texts.findIndex((t, i) => i >= bodyStart && RECIPIENTS.test(fold(t)));
  const bodyEnd = recipientsAt >= 0 ? recipientsAt : texts.length;

  // The heading block of a text laid out in lines is made of lines, not paragraphs.
  const headBlock = source.layout === 'lines' ? headLines(lines, texts[headEnd]) : texts.slice(0, headEnd);
  const preamble = texts.slice(headEnd, Math.max(headEnd, bodyStart));
  const heading = parseHeading(headBlock, preamble[0]);
  const signer = signatureIssuer(texts.slice(bodyEnd));
  if (signer) heading.issuerPhrases.push(signer);

  const paragraphs: Paragraph[] = [];
  const headings: PlanDocument['headings'] = [];
  const path: Array<{ mark: string; text: string; count: number }> = [];
  let section: SectionKind = 'tasks';
  let topCount = 0;
  for (const text of texts.slice(bodyStart, bodyEnd)) {
    const marker = headingMarker(text);
    if (marker) {
      path.length = marker.level - 1;
      while (path.length < marker.level - 1) path.push({ mark: '?', text: '', count: 0 });
      path.push({ mark: marker.mark, text, count: 0 });
      const ref = path.map((p) => p.mark).join('.');
      headings.push({ ref, text });
      if (marker.level === 1) section = sectionKindOf(marker.rest);
      // A numbered item that says something (it ends like a sentence) is a clause itself.
      if (marker.level > 1 && /[.;:]["”)]*$/u.test(marker.rest) && marker.rest.length > 40) {
        path[path.length - 1]!.count = 1;
        paragraphs.push({ ref, text: marker.rest, headings: path.slice(0, -1).map((p) => p.text), section, numbered: true });
      }
      continue;
    }
    const parent = path[path.length - 1];
    let ref: string;
    if (parent) {
      parent.count += 1;
      ref = `${path.map((p) => p.mark).join('.')} ¶${parent.count}`;
    } else {
      topCount += 1;
      ref = `¶${topCount}`;
    }
    paragraphs.push({ ref, text, headings: path.map((p) => p.text), section, numbered: false });
  }
  return { file: source.file, format: source.format, heading, preamble, paragraphs, headings };
}

/** The heading block's lines, up to the line where `firstBody` begins. */
function headLines(lines: SourceLine[], firstBody: string | undefined): string[] {
  const out: string[] = [];
  const stop = firstBody ? squeeze(firstBody).slice(0, 20) : undefined;
  for (const line of lines) {
    if (stop && squeeze(line.text).startsWith(stop)) break;
    if (headingMarker(line.text)?.level === 1) break;
    out.push(line.text);
  }
  return out;
}
