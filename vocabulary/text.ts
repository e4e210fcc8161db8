/**
 * Vietnamese text pieces shared by every surface: lists, clause references, numbers, rates
 * and targets, and the one HTML escaper. Pure: safe in workflow code.
 */

/** `A`, `A và B`, `A, B và C`. */
export function joinVi(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;
}

/** Abbreviations a plan's clause references use, written out as a sentence reads them. */
const ABBREVIATIONS: Readonly<Record<string, string>> = { 'Hội CCB': 'Hội Cựu chiến binh', 'Đoàn TN': 'Đoàn Thanh niên', MTTQ: 'Mặt trận Tổ quốc' };

/**
 * The one form of a clause reference: `II.1 ¶2` → `mục II.1, đoạn 2`; a part of a clause named
 * in brackets is "nội dung về" it, abbreviations written out: `II.3 (Hội CCB)` → `mục II.3 (nội
 * dung về Hội Cựu chiến binh)`.
 */
export function clauseRefVi(ref: string): string {
  const part = (what: string) => `(nội dung về ${ABBREVIATIONS[what.trim()] ?? what.trim()})`;
  return `mục ${ref.replace(/\s*¶\s*(\d+)/g, ', đoạn $1').replace(/\(([^()]+)\)$/, (_m, what: string) => part(what))}`;
}

/**
 * A number the Vietnamese way: decimal comma, a dot between thousands — `12,5`, `1.234`,
 * `87,25`. The digits are the number's own (no rounding), or with `digits`, that many
 * decimals always (`0,80`, `12,0`).
 */
export function formatNumberVi(n: number, digits?: number): string {
  const [int = '', frac] = (digits === undefined ? String(Math.abs(n)) : Math.abs(n).toFixed(digits)).split('.');
  const grouped = int.length > 3 ? int.replace(/\B(?=(\d{3})+$)/g, '.') : int;
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/**
 * A count as an officer writes it in a report (báo cáo), in its text and its tables: a count
 * of bodies, tasks or lượt below 10 takes a leading zero — `01`, `02`, `05 tổ chức`, `đúng hạn
 * 02, quá hạn 04` — as the plan itself writes "ít nhất 01 hoạt động"; 0 and 10 or more are
 * written as they are (`0`, `12`, `1.234`). The one rule for counts; it is not for dates
 * (formatVi has its own), percentages (formatRate), years, ratios written `19/31`, periods
 * (`4/4 quý`), working days (`chậm 3 ngày làm việc`), row numbers (STT), nor the board and the
 * emails, which count on screens, not in a document.
 */
export function countVi(n: number): string {
  return Number.isInteger(n) && n > 0 && n < 10 ? `0${n}` : formatNumberVi(n);
}

/**
 * A share as a percentage, the Vietnamese way, to one decimal where it has one: `87,5%`,
 * `100%`, `0%`; `—` when there is no rate.
 */
export function formatRate(rate: number | undefined | null): string {
  if (rate === undefined || rate === null) return '—';
  return `${formatNumberVi(Math.round(rate * 1000) / 10)}%`;
}

/** A quantity with its unit: `55%` (no space before %), `12 người`. */
export function withUnitVi(value: number, unit: string): string {
  return `${formatNumberVi(value)}${unit === '%' || unit === '' ? '' : ' '}${unit}`;
}

/** An indicator's target in the plan's words: `từ 55% trở lên`, `không quá 5 người`. */
export function targetVi(comparison: '>=' | '<=', target: number, unit: string): string {
  return comparison === '>=' ? `từ ${withUnitVi(target, unit)} trở lên` : `không quá ${withUnitVi(target, unit)}`;
}

/**
 * The first letter in upper case, for text that starts a line or a sentence: `Thứ Hai, ngày
 * 30/9/2024`; quotes, brackets and dashes before it are left as they are (`“Dân vận khéo”`).
 */
export function capitalizeVi(text: string): string {
  const m = /^(\P{L}*)(\p{L})/u.exec(text);
  return m ? `${m[1]}${m[2]!.toLocaleUpperCase('vi')}${text.slice(m[0].length)}` : text;
}

/** Offices named at the start of a title, written with a capital wherever they stand (`Chủ tịch UBND`). */
const OFFICES = /^(Chủ tịch|Phó Chủ tịch|Bí thư|Phó Bí thư|Trưởng ban|Phó Trưởng ban|Thường trực|Ban Thường vụ|Ủy ban|Hội|Đảng ủy|Huyện đoàn|Liên đoàn)\s/u;

/**
 * A title or a label inside a sentence: its first letter in lower case (`Giao ban quý III/2024`
 * → `giao ban quý III/2024`), unless its first word is an abbreviation (`UBND đề xuất …`) or it
 * starts with an office or a body's name (`Chủ tịch UBND làm việc …`, `Thường trực Huyện ủy …`).
 */
export function inSentenceVi(text: string): string {
  const first = /^\p{L}+/u.exec(text)?.[0] ?? '';
  if (first.length > 1 && first === first.toLocaleUpperCase('vi')) return text;
  if (OFFICES.test(text)) return text;
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/** A quotation the Vietnamese way: “…” (never «…»). */
export function quoteVi(text: string): string {
  return `“${text}”`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The characters that change meaning in HTML text and attribute values, escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Lower case ASCII words joined by `-`, without diacritics: `xã Biên Sơn` → `xa-bien-son`. */
export function slugVi(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** How a figure is measured, said after it: `%` → `tính theo %`; another unit → `đơn vị tính: người`. */
export function measureWordsVi(unit: string): string {
  return unit === '%' ? 'tính theo %' : `đơn vị tính: ${unit}`;
}
