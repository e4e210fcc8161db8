/**
 * Text helpers for reading Vietnamese plans: whitespace normalisation (the form in which a
 * quote must be a substring of the document), two views of a text with the same length —
 * lower case, and folded (no diacritics, đ → d) so that "Uỷ ban" and "Ủy ban", "hằng năm"
 * and "hàng năm" match the same pattern — and sentence splitting.
 */

/** Spaces of every kind (no-break, thin, tabs, line breaks) as one space, trimmed, NFC. */
export function squeeze(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ')
    .trim();
}

/**
 * The text in lower case with its diacritics removed, one character for one, so that a match
 * in the folded text is at the same offsets in the original. Expects NFC text, in which every
 * Vietnamese letter is one character.
 */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === 'đ' || ch === 'Đ') {
      out += 'd';
      continue;
    }
    const base = ch.normalize('NFD')[0] ?? ch;
    const lower = base.toLowerCase();
    // Keep the length: a character whose lower case or base is longer stays as it is.
    out += lower.length === ch.length ? lower : ch.length === base.length ? base : ch;
  }
  return out;
}

/** Lower case, one character for one (diacritics kept: "mời" and "mỗi" stay apart). */
export function lower(text: string): string {
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** A regular expression for whole words: not preceded or followed by a letter or digit (add `g` to iterate with matchAll). */
export function words(source: string, flags = 'u'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, flags);
}

export interface Span {
  start: number;
  end: number;
}

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = /(?:^|[\s(])(?:TP|Tp|TT|ThS|TS|PGS|GS|v\.v|Đ\/c|đ\/c|St|Q)\.$/u;

/**
 * Sentences of a paragraph as spans: a sentence ends with `.`, `!`, `?` or `…` (and any
 * closing quote or bracket) followed by a space and a capital letter, an opening quote or a
 * digit; "./." closes the last one.
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  const boundary = /([.!?…]+["”’)]*)\s+(?=[\p{Lu}"“(\d])/gu;
  let start = 0;
  for (const m of text.matchAll(boundary)) {
    const end = (m.index ?? 0) + (m[1]?.length ?? 0);
    if (ABBREVIATIONS.test(text.slice(start, end))) continue;
    spans.push({ start, end });
    start = end;
    while (start < text.length && text[start] === ' ') start += 1;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/** The first letter of a text is a capital (quotes, brackets and dashes before it skipped). */
export function startsWithCapital(text: string): boolean {
  const m = /^[\s"“'‘(\-–—•*+]*(\p{L})/u.exec(text);
  return m !== null && m[1] !== m[1]!.toLowerCase();
}

/** The text ends a sentence or a clause: `.`, `:`, `;`, `!`, `?`, `…`, maybe closed by a quote. */
export function endsClause(text: string): boolean {
  return /[.:;!?…]["”’)]*\s*$/u.test(text);
}
