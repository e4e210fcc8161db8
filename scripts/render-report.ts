/**
 * Renders the sample annual report under docs/report/: a simulated year of the shipped plan
 * (the real workflows on the time-skipping test server, seeded `mixed` responses), its report
 * drafted from those workflows by the same code as `dondoc report`, written as DOCX, HTML,
 * Markdown and CSV, then pages 1 and 2 of the DOCX rendered to PNG (LibreOffice headless →
 * PDF → pdftoppm), and the first page of the annex. Not part of the tests: LibreOffice is slow.
 *
 *   npx tsx scripts/render-report.ts [--year 2024] [--unit huyen] [--respond mixed] [--seed 10] [--out docs/report]
 *
 * docs/report/ holds `--unit huyen` (seed 10 gives the district every kind of answer); the
 * whole district (no --unit, ~700 occurrences) needs a quiet machine.
 *
 * The simulated plan starts on 1 February, so January's occurrences show as "chưa có thông tin".
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load';
import { PlanIndex } from '../domain/occurrences';
import { buildReport, renderReport, reportFileName, REPORT_FORMATS, temporalSource, type AnnualReport } from '../reporting';
import type { RespondPattern } from '../workers/simulation/responder';
import { simulate } from '../workers/simulation/simulate';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      year: { type: 'string', default: '2024' },
      unit: { type: 'string' },
      respond: { type: 'string', default: 'mixed' },
      seed: { type: 'string', default: '10' },
      out: { type: 'string', default: 'docs/report' },
    },
  });
  const year = Number(values.year);
  const { config } = loadConfig();
  const index = PlanIndex.fromConfig(config);
  let report: AnnualReport | undefined;
  const t0 = Date.now();
  const sim = await simulate({
    config,
    from: `${year}-02-01`,
    months: 11,
    respond: values.respond as RespondPattern,
    seed: Number(values.seed),
    unit: values.unit,
    inspect: async (client, nowMs) => {
      report = await buildReport(index, { year, unit: values.unit, asOfMs: nowMs }, temporalSource(client));
    },
  });
  if (!report) throw new Error('the simulation ended without drafting the report');
  console.log(`simulated ${sim.outcomes.length} occurrences in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(report.totals));

  fs.mkdirSync(values.out, { recursive: true });
  for (const format of REPORT_FORMATS) {
    const file = path.join(values.out, reportFileName(year, format, values.unit));
    fs.writeFileSync(file, await renderReport(index, report, format));
    console.log(`wrote ${file}`);
  }

  // DOCX → PDF (LibreOffice, its own throw-away profile) → pages 1 and 2 and the annex's first page as PNG.
  const docx = path.join(values.out, reportFileName(year, 'docx', values.unit));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-report-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { stdio: 'inherit' });
    const pdf = path.join(tmp, path.basename(docx).replace(/\.docx$/, '.pdf'));
    const pages = Number(execFileSync('pdfinfo', [pdf]).toString().match(/^Pages:\s+(\d+)/m)?.[1] ?? 0);
    // The annex starts on the first page whose text begins with PHỤ LỤC (after the page number).
    const annex = Array.from({ length: pages }, (_, i) => i + 1).find((n) =>
      /^\s*\d*\s*PHỤ LỤC/.test(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-']).toString()),
    );
    const wanted: [number | undefined, string][] = [[1, 'trang-1'], [2, 'trang-2'], [annex, 'phu-luc']];
    for (const [page, name] of wanted) {
      if (page === undefined || page > pages) continue;
      const png = path.join(values.out, path.basename(docx).replace(/\.docx$/, `-${name}`));
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', pdf, png]);
      console.log(`wrote ${png}.png (page ${page} of ${pages})`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
