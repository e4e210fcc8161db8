/**
 * `dondoc report --year Y [--unit U] [--format docx|html|md|csv] [--out FILE]`: the draft
 * annual report (dự thảo báo cáo) from the occurrences' statuses in Temporal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '../../reporting/formats';
import { loadPlan } from '../load-plan';
import { action, CliError, printed, type Printed } from '../output';
import { requireKnown } from '../suggest';
import { cliClock, withClient } from '../temporal';

interface Options {
  year: string;
  unit?: string;
  format?: string;
  out?: string;
}

/** The format asked for, or the one the output file's extension names; Markdown on the terminal. */
export function reportFormat(format: string | undefined, out: string | undefined): ReportFormat {
  const wanted = format ?? (out ? path.extname(out).slice(1).toLowerCase().replace(/^markdown$/, 'md') : 'md');
  if (!(REPORT_FORMATS as readonly string[]).includes(wanted)) {
    throw new CliError(format ? `--format ${JSON.stringify(format)}: chọn một trong ${REPORT_FORMATS.join(', ')}` : `--out ${JSON.stringify(out)}: không rõ định dạng; thêm --format ${REPORT_FORMATS.join('|')}`);
  }
  return wanted as ReportFormat;
}

/** The draft report: bytes on stdout, or a file and a one-line summary on stderr. */
async function runReport(o: Options): Promise<Printed> {
  const year = Number(o.year);
  if (!/^\d{4}$/.test(o.year) || !Number.isInteger(year)) throw new CliError(`--year ${JSON.stringify(o.year)}: cần một năm, ví dụ 2024`);
  const format = reportFormat(o.format, o.out);
  const { index } = loadPlan();
  requireKnown(index, { kind: 'unit', value: o.unit, option: '--unit' });
  const { from, to } = index.config.plan.period;
  if (year < Number(from.slice(0, 4)) || year > Number(to.slice(0, 4))) {
    throw new CliError(`năm ${year} nằm ngoài thời gian của Kế hoạch (${from.slice(0, 4)}–${to.slice(0, 4)})`);
  }
  const { buildReport, renderReport, reportFileName, temporalSource } = await import('../../reporting');
  const report = await withClient((client) => buildReport(index, { year, unit: o.unit, asOfMs: cliClock().nowMs() }, temporalSource(client)));
  const bytes = await renderReport(index, report, format);
  const out = o.out ?? (format === 'docx' ? reportFileName(year, format, o.unit) : undefined);
  if (!out) return printed(bytes);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, bytes);
  const t = report.totals;
  return printed(
    '',
    `Dự thảo báo cáo năm ${year}: ${out} (${t.expected} lượt nhiệm vụ; hoàn thành đúng hạn ${t.onTime}, hoàn thành quá hạn ${t.late}, quá hạn chưa hoàn thành ${t.overdue}, không phát sinh ${t.waived}` +
      `${t.notStarted ? `, chưa được theo dõi ${t.notStarted}` : ''})\n`,
  );
}

export function register(program: Command): void {
  program
    .command('report')
    .description('Dự thảo báo cáo năm: kết quả thực hiện Kế hoạch theo nhiệm vụ và đơn vị (từ Temporal)')
    .requiredOption('--year <YYYY>', 'năm báo cáo')
    .option('--unit <unit>', 'chỉ một đơn vị, ví dụ bien-son')
    .option('--format <format>', `${REPORT_FORMATS.join(' | ')} (mặc định: theo đuôi tệp --out, hoặc md)`)
    .option('--out <file>', 'ghi vào tệp (docx mặc định: du-thao-bao-cao-<năm>.docx)')
    .action(action('report', runReport));
}
