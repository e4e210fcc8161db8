/**
 * The annual report (issue 7): collect → aggregate → write → render.
 *
 *   facts.ts      the year's expected occurrences (deterministic ids) joined with records
 *   (records come from Temporal through client/occurrence-records.ts, or from states at hand)
 *   aggregate.ts  pure: counts, overdue items, indicators, registrations (AnnualReport)
 *   document.ts   pure: the Vietnamese text, once, as blocks with the Party heading
 *   render/       DOCX (Party format), HTML, Markdown, CSV
 */
import type { Client } from '@temporalio/client';
import { occurrenceRecords, type OccurrenceRecordsOptions } from '../client/occurrence-records';
import type { PlanIndex } from '../domain/occurrences';
import { aggregate, type AnnualReport } from './aggregate';
import { collectFacts, type FactSource, type ReportScope } from './facts';
import { reportDocument } from './document';
import type { ReportFormat } from './formats';
import { renderCsv, renderHtml, renderMarkdown } from './render/text';

export type { AnnualReport, Counts } from './aggregate';
export type { FactSource, OccurrenceFact, OccurrenceRecord, ReportScope } from './facts';
export { MIME_TYPES, REPORT_FORMATS, type ReportFormat } from './formats';

/** The records of the report's occurrences, read from Temporal. */
export function temporalSource(client: Client, opts: OccurrenceRecordsOptions = {}): FactSource {
  return { records: (ids) => occurrenceRecords(client, ids, opts) };
}

export async function buildReport(index: PlanIndex, scope: ReportScope, source: FactSource): Promise<AnnualReport> {
  const facts = await collectFacts(index, scope, source);
  return aggregate(index, scope, facts);
}

export async function renderReport(index: PlanIndex, report: AnnualReport, format: ReportFormat): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(renderCsv(index, report), 'utf8');
  const doc = reportDocument(index, report);
  // Loaded when first needed: the docx library is ≈13 MB resident in every worker otherwise.
  if (format === 'docx') return (await import('./render/docx')).renderDocx(doc);
  return Buffer.from(format === 'html' ? renderHtml(doc) : renderMarkdown(doc), 'utf8');
}

/** `du-thao-bao-cao-2024.docx`, `du-thao-bao-cao-2024-bien-son.csv`. */
export function reportFileName(year: number, format: ReportFormat, unit?: string): string {
  return `du-thao-bao-cao-${year}${unit ? `-${unit}` : ''}.${format}`;
}
