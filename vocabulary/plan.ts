/**
 * How a notice names the plan it acts on: "Căn cứ" cites the plan by its number, issuer and
 * date, as the plan's `source` gives them, then the clause and its own words. A copy of the
 * plan that leaves its number or day blank is cited without them — never "số …".
 */
import { parts } from '../domain/calendar/local-date';
import type { PlanSource } from '../domain/model';
import type { PlanIndex } from '../domain/occurrences';
import { formatVi, monthVi } from './dates';
import { clauseRefVi } from './text';

/** `Kế hoạch số 12-KH/HU ngày 20/8/2021 của Ban Thường vụ Huyện ủy Lục Ngạn` (no subject): a source in parts. */
function head(source: PlanSource, issuerName: string): string {
  const { month, year } = parts(source.date);
  const number = source.number ? ` số ${source.number}` : '';
  // Without the day of signing, its month after the issuer: "của … (tháng 8/2021)".
  return source.signedOn
    ? `${source.type}${number} ngày ${formatVi(source.signedOn)} của ${issuerName}`
    : `${source.type}${number} của ${issuerName} (tháng ${monthVi(month)}/${year})`;
}

/**
 * The plan as a citation. In parts: `Kế hoạch số 12-KH/HU ngày 20/8/2021 của Ban Thường vụ
 * Huyện ủy Lục Ngạn thực hiện Kết luận số 115-KL/TU …`, or without what the copy leaves blank:
 * `Kế hoạch của Ban Thường vụ Huyện ủy Lục Ngạn (tháng 8/2021) thực hiện Kết luận …`. Written
 * out whole (`document`), as it is, completed with the issuer (`của …`) when the text does not
 * name it and with the date (`ngày 31/8/2021`) when it names no year.
 */
export function planCitationVi(source: PlanSource, issuerName: string): string {
  if (source.document === undefined) return `${head(source, issuerName)} ${source.subject ?? ''}`.trimEnd();
  let citation = source.document.trim();
  if (!/\b(1[89]|2\d)\d\d\b/.test(citation)) citation += ` ngày ${formatVi(source.date)}`;
  if (!citation.includes(issuerName)) citation += ` của ${issuerName}`;
  return citation;
}

/**
 * The plan named in a sentence, without its subject: `Kế hoạch số 12-KH/HU ngày 20/8/2021 của
 * Ban Thường vụ Huyện ủy`, `Kế hoạch của Ban Thường vụ Huyện ủy (tháng 8/2021)` (the issuer's
 * short name is the caller's); the whole citation when the source is written out whole.
 */
export function planShortCitationVi(source: PlanSource, issuerName: string): string {
  return source.document === undefined ? head(source, issuerName) : planCitationVi(source, issuerName);
}

/**
 * What a citation of the plan lacks because the plan file does not give it: `number`
 * (`số …`), `signedOn` (the day). A citation written out whole lacks its number when it
 * still has the blank of a draft copy (`số …`).
 */
export function planCitationGaps(source: PlanSource): ('number' | 'signedOn')[] {
  if (source.document !== undefined) return /số\s*…/.test(source.document) ? ['number'] : [];
  return [...(source.number ? [] : (['number'] as const)), ...(source.signedOn ? [] : (['signedOn'] as const))];
}

/** The citation of an indexed plan, its issuer named as the directory names it. */
export function planCitationOf(index: Pick<PlanIndex, 'config' | 'bodyName'>): string {
  const { source } = index.config.plan;
  return planCitationVi(source, index.bodyName(source.issuedBy));
}

/** The clause of the plan: `mục II.1, đoạn 2 Kế hoạch số …`. */
export function basisVi(clauseRef: string, planCitation: string): string {
  return `${clauseRefVi(clauseRef)} ${planCitation}`;
}
