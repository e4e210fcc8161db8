/**
 * `dondoc draft <file> [--directory FILE] [--out FILE] [--reference FILE] [--json]`: turns a
 * plan document (.docx, .pdf with a text layer, .txt) into a draft of `plan.yaml` for an
 * officer to review (drafting/).
 *
 * The draft goes to `--out`, or to stdout; the summary — obligations found, each with its
 * confidence and what to check, the clauses left for review, and with `--reference` how the
 * draft compares with a plan written by hand — goes to stdout when the draft has a file of
 * its own, else to stderr. `--json` prints the summary as JSON (with the draft when there is
 * no `--out`). Bodies are matched against the directory in force (DONDOC_DIRECTORY or the
 * shipped one) or `--directory`; the ladders are those of the plan in force.
 *
 * Exit 0; 2 with one line for a document that cannot be read or is not a plan, or with every
 * issue of a directory or reference plan that does not load.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { configPaths, displayName, loadConfig } from '../../config/load';
import type { Directory } from '../../domain/model';
import { OBLIGATION_KIND_LABELS } from '../../vocabulary/labels';
import { levelPhrase } from '../../vocabulary/levels';
import { formatVi } from '../../vocabulary/dates';
import { formatNumberVi, quoteVi } from '../../vocabulary/text';
import type { DraftSelector } from '../../drafting/actors';
import { draftPlan, type DraftSummary } from '../../drafting/draft';
import { recurrenceWords } from '../../drafting/duties';
import { laddersOf, loadDirectory } from '../../drafting/inputs';
import { DraftInputError } from '../../drafting/read';
import { action, CliError, printed, type Printed } from '../output';

export interface DraftOptions {
  directory?: string;
  out?: string;
  reference?: string;
  json?: boolean;
}

function selectorVi(s: DraftSelector, directory: Directory): string {
  return 'body' in s ? s.body : `${s.kinds.join(', ')} (${levelPhrase(directory, s.level)})`;
}

const percent = (x: number) => `${formatNumberVi(Math.round(x * 1000) / 10)}%`;

/** The readable summary, in Vietnamese. */
export function summaryText(draft: DraftSummary, directory: Directory, written?: string): string {
  const { source, plan, duties, review } = draft;
  const format = { txt: 'văn bản thuần', docx: 'Word', pdf: 'PDF' }[source.format];
  const lines = [
    `Dự thảo kế hoạch từ ${source.file} (${format}): ${duties.length} nhiệm vụ, ${review.length} đoạn cần xem xét.`,
    `Cơ quan ban hành: ${plan.issuedBy}; theo dõi, đôn đốc: ${plan.monitor}; thời gian: ${formatVi(plan.from)} đến ${formatVi(plan.to)}.`,
    written ? `Đã ghi ${written}. Kiểm tra: dondoc validate ${written}` : 'Dự thảo in ra đầu ra chuẩn.',
  ];
  if (draft.notes.length > 0) lines.push('', 'Cần xem lại phần đầu:', ...draft.notes.map((n) => `  - ${n}`));
  lines.push('', 'Nhiệm vụ (độ tin cậy — mục — loại, kỳ — chủ trì):');
  duties.forEach((d, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. [${formatNumberVi(d.confidence, 2)}] ${d.ref} — ${OBLIGATION_KIND_LABELS[d.kind]}, ${recurrenceWords(d)} — ${d.owner.map((o) => selectorVi(o, directory)).join('; ')}`);
    lines.push(`      ${d.id}: ${d.title}`);
    for (const check of d.checks) lines.push(`      · ${check}`);
  });
  if (review.length > 0) {
    lines.push('', 'Cần xem xét (chưa thành nhiệm vụ):');
    for (const item of review) lines.push(`  - ${item.ref}: ${item.reason}`, `    ${quoteVi(item.quote.length > 160 ? `${item.quote.slice(0, 157)}…` : item.quote)}`);
  }
  const recall = draft.recall;
  if (recall) {
    lines.push(
      '',
      `Đối chiếu với ${recall.reference}: tìm thấy ${recall.found}/${recall.total} nhiệm vụ (${percent(recall.recall)}), ` +
        `đúng loại, kỳ và chủ trì ${recall.exact}/${recall.total}; thêm ${recall.extra.length} nhiệm vụ không có trong bản đối chiếu.`,
    );
    for (const m of recall.matches) if (m.differences.length > 0) lines.push(`  ≠ ${m.id} ↔ ${m.draft}: ${m.differences.join('; ')}`);
    if (recall.missing.length > 0) lines.push(`  thiếu: ${recall.missing.join(', ')}`);
    if (recall.extra.length > 0) lines.push(`  thêm: ${recall.extra.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON form: the summary, and the draft itself when it was not written to a file. */
export function summaryJson(draft: DraftSummary, written?: string): unknown {
  const { yaml, ...rest } = draft;
  return { ...rest, ...(written ? { written } : { yaml }) };
}

/** Drafts the plan: the draft and its summary, or the line saying why there is none. */
export async function runDraft(file: string, options: DraftOptions): Promise<Printed> {
  const directoryFile = options.directory ? path.resolve(options.directory) : configPaths().directory;
  let summary: DraftSummary;
  let directory: Directory;
  try {
    directory = loadDirectory(directoryFile);
    const ladders = laddersOf(configPaths().plan);
    const reference = options.reference
      ? { plan: loadConfig({ plan: path.resolve(options.reference), directory: directoryFile }).config.plan, file: displayName(path.resolve(options.reference)) }
      : undefined;
    summary = await draftPlan({ file: path.resolve(file), shownAs: file, directory, ladders, ...(reference ? { reference } : {}) });
  } catch (e) {
    if (e instanceof DraftInputError) throw new CliError(e.message);
    throw e;
  }

  let written: string | undefined;
  if (options.out) {
    try {
      writeFileSync(options.out, summary.yaml);
      written = options.out;
    } catch (e) {
      throw new CliError(`${options.out}: không ghi được tệp (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  if (options.json) return printed(`${JSON.stringify(summaryJson(summary, written), null, 2)}\n`);
  // The summary goes beside the draft: on stdout when the draft has a file of its own, else on stderr.
  return written ? printed(summaryText(summary, directory, written)) : printed(summary.yaml, summaryText(summary, directory));
}

export function register(program: Command): void {
  program
    .command('draft')
    .description('Soạn dự thảo tệp kế hoạch (plan.yaml) từ văn bản kế hoạch .docx, .pdf hoặc .txt, để cán bộ rà soát')
    .argument('<file>', 'văn bản kế hoạch: .docx, .pdf có lớp chữ, hoặc .txt (UTF-8)')
    .option('--directory <file>', 'danh bạ để nhận ra cơ quan; mặc định là danh bạ đang dùng')
    .option('--out <file>', 'ghi dự thảo vào tệp này (mặc định in ra đầu ra chuẩn)')
    .option('--reference <file>', 'đối chiếu với một tệp kế hoạch đã có cho cùng văn bản (độ phủ)')
    .option('--json', 'in tóm tắt dạng JSON')
    .action(action('draft', (file: string, options: DraftOptions) => runDraft(file, options)));
}
