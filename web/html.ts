import { escapeHtml } from '../vocabulary';
/**
 * HTML with escaping by default: every interpolated value is escaped unless it is already
 * `Html` (made by this tag or by `raw`). Arrays are joined; null, undefined and false
 * render as nothing.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function piece(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(piece).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += piece(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Trusted markup, as is. Only for constants of this module's callers, never for input. */
export const raw = (s: string): Html => new Html(s);
