/**
 * The report's output formats. A module of its own, without dependencies, so that the CLI can
 * name them in its help without loading the report's code (reporting/index.ts re-exports them).
 */
export const REPORT_FORMATS = ['docx', 'html', 'md', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const MIME_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};
