/**
 * The conventions of /work/shared/plan/writing.md as a check on anything officials read —
 * emails, pages, the CLI's output, the annual report: every problem found, with its place,
 * or none.
 *
 *   - no "vượt cấp" (an escalation is "đôn đốc" or "báo cáo");
 *   - quotation marks “…”, never «…»;
 *   - numeric dates with a leading zero only for days 1–9 and months 1–2 (09/7/2021,
 *     30/9/2024, 05/02/2025), in full dates and in month labels (tháng 7/2024, tháng 01/2025);
 *   - a decimal comma in percentages and no space before % (87,5%);
 *   - weekdays in lower case inside a sentence ("hạn thứ Hai, ngày …", not "hạn Thứ Hai").
 */

export interface ConventionProblem {
  rule: string;
  /** The offending text and a little around it. */
  at: string;
}

const dayOk = (d: string) => /^\d\d$/.test(d) && Number(d) >= 1 && Number(d) <= 31;
const monthOk = (m: string) => (Number(m) <= 2 ? /^0[12]$/.test(m) : /^[1-9]$|^1[0-2]$/.test(m));

function around(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - 30), index + length + 30).replace(/\s+/g, ' ');
}

/** Every departure from the conventions in `text` (plain text or HTML). */
export function conventionProblems(text: string): ConventionProblem[] {
  const problems: ConventionProblem[] = [];
  const add = (rule: string, m: RegExpMatchArray) => problems.push({ rule, at: around(text, m.index ?? 0, m[0].length) });
  for (const m of text.matchAll(/vượt cấp/gi)) add('"vượt cấp": an escalation is "đôn đốc" or "báo cáo"', m);
  for (const m of text.matchAll(/«[^«»\n]*»|[«»]/g)) add('quotation marks are “…”, not «…»', m);
  for (const m of text.matchAll(/(?<![\d/.])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/g)) {
    if (!dayOk(m[1]!)) add('a day takes a leading zero only for 1–9 (09/7/2021, 30/9/2024)', m);
    if (!monthOk(m[2]!)) add('a month takes a leading zero only for 1–2 (30/9/2024, 05/02/2025)', m);
  }
  for (const m of text.matchAll(/tháng (\d{1,2})\/(\d{4})/g)) {
    if (!monthOk(m[1]!)) add('a month takes a leading zero only for 1–2 (tháng 7/2024, tháng 01/2025)', m);
  }
  for (const m of text.matchAll(/\d\.\d+\s?%/g)) add('a decimal comma: 87,5%', m);
  for (const m of text.matchAll(/\d\s+%/g)) add('no space before %: 87,5%', m);
  for (const m of text.matchAll(/(?:[a-zà-ỹđ]|[,;:(]) Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)/g)) add('a weekday inside a sentence is lower case: thứ Hai', m);
  return problems;
}

/** `conventionProblems` for several named texts, as lines `name: rule — …text…` (empty when all follow them). */
export function conventionReport(texts: Iterable<[name: string, text: string]>): string[] {
  const lines: string[] = [];
  for (const [name, text] of texts) for (const p of conventionProblems(text)) lines.push(`${name}: ${p.rule} — …${p.at}…`);
  return lines;
}
