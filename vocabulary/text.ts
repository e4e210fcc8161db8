/**
 * Vietnamese text pieces shared by every surface: lists, clause references, rates, and the
 * one HTML escaper. Pure: safe in workflow code.
 */

/** `A`, `A và B`, `A, B và C`. */
export function joinVi(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;
}

/** `II.1 ¶2` → `mục II.1, đoạn 2`; `II.3 (Hội CCB)` → `mục II.3 (Hội CCB)`. */
export function clauseRefVi(ref: string): string {
  return `mục ${ref.replace(/\s*¶\s*(\d+)/g, ', đoạn $1')}`;
}

/** `85,7%`, the Vietnamese way (decimal comma, one decimal); `—` when there is no rate. */
export function formatRate(rate: number | undefined | null): string {
  if (rate === undefined || rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1).replace('.', ',')}%`;
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
