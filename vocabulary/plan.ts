/**
 * How a notice names the plan it acts on: "Căn cứ" cites the plan by its number, issuer and
 * date, as the plan's `source` gives them, then the clause and its own words.
 */
import type { Plan } from '../domain/model';
import type { PlanIndex } from '../domain/occurrences';
import { formatVi } from './dates';
import { clauseRefVi } from './text';

/**
 * The plan as a citation: the source document as the plan file writes it (`Kế hoạch số
 * …-KH/HU, tháng 8 năm 2021, của Ban Thường vụ Huyện ủy Lục Ngạn …`), completed with the
 * issuer (`của …`) when the text does not name it, and with the date (`ngày 31/8/2021`) when
 * it names no year — never a date the text leaves blank on purpose.
 */
export function planCitationVi(source: Plan['source'], issuerName: string): string {
  let citation = source.document.trim();
  if (!/\b(1[89]|2\d)\d\d\b/.test(citation)) citation += ` ngày ${formatVi(source.date)}`;
  if (!citation.includes(issuerName)) citation += ` của ${issuerName}`;
  return citation;
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
