/**
 * `dondoc preview --from YYYY-MM-DD --to YYYY-MM-DD [--unit U] [--obligation O] [--json]`:
 * the occurrences of the plan due in a range, with their notification steps, without
 * starting anything.
 *
 * Text: a Vietnamese calendar grouped by due date. JSON: one object per occurrence with its
 * steps as `{at, kind, to}`. Exit 0; 2 with one line on stderr for a missing or bad date, a
 * reversed range or an unknown id (naming the closest known id), or with every issue of a
 * configuration that does not load.
 */
import type { Command } from 'commander';
import { loadPlan } from '../load-plan';
import { action, CliError, printed, type Printed } from '../output';
import { unknownIdProblem } from '../suggest';
import { loadConfig, type LoadedConfig } from '../../config/load';
import { compareDates, isValidLocalDate } from '../../domain/calendar/local-date';
import type { LocalDate } from '../../domain/model';
import type { PlanIndex, Occurrence } from '../../domain/occurrences';
import type { StepKind } from '../../domain/timeline';
import { relationContext, type RelationContext } from '../../domain/relation';
import { capitalizeVi, formatInstantVi, formatVi, formatViLong, periodLabelVi, stepKindLabel, stepLabel } from '../../vocabulary';
import { timeOfInstant } from '../../domain/calendar/local-date';

export interface PreviewOptions {
  from?: string;
  to?: string;
  unit?: string;
  obligation?: string;
  json?: boolean;
}

/** A checked query: a range of real dates, from ≤ to, and known ids. */
export interface PreviewQuery {
  from: LocalDate;
  to: LocalDate;
  unit?: string;
  obligation?: string;
}

export interface PreviewStepJson {
  /** ISO-8601 in Vietnam's time: `2024-09-23T07:30:00+07:00`. */
  at: string;
  kind: StepKind;
  /** Body ids. */
  to: string[];
}

export interface PreviewOccurrenceJson {
  id: string;
  obligation: string;
  /** Which schedule, when the obligation has several (`quarterly`, `annual`). */
  schedule?: string;
  title: string;
  unit: string;
  unitName: string;
  /** Period key: `2024-Q3`, `2024-09`, `2024`, or the due date of a one-off duty. */
  period: string;
  periodLabel: string;
  due: LocalDate;
  /** The deadline or meeting start, ISO-8601 in +07:00. */
  dueAt: string;
  owners: string[];
  participants: string[];
  steps: PreviewStepJson[];
}

// ─── Checking the arguments ──────────────────────────────────────────────────

const DATE_FORMAT = 'dạng YYYY-MM-DD, ví dụ 2024-09-30';

function dateProblem(option: '--from' | '--to', value: string | undefined): string | undefined {
  if (value === undefined) return `thiếu ${option} (${DATE_FORMAT})`;
  if (!isValidLocalDate(value)) return `${option} ${JSON.stringify(value)} không phải là ngày hợp lệ (${DATE_FORMAT})`;
  return undefined;
}

/** The dates of a query, or the line saying what is wrong with them (no configuration needed). */
export function checkDates(options: PreviewOptions): { from: LocalDate; to: LocalDate } | { error: string } {
  const problem = dateProblem('--from', options.from) ?? dateProblem('--to', options.to);
  if (problem) return { error: problem };
  const from = options.from as LocalDate;
  const to = options.to as LocalDate;
  if (compareDates(from, to) > 0) return { error: `--from ${from} sau --to ${to}: ngày đầu phải trước hoặc bằng ngày cuối` };
  return { from, to };
}

/** The whole query checked against the configuration, or the line saying what is wrong. */
export function checkQuery(options: PreviewOptions, index: PlanIndex): PreviewQuery | { error: string } {
  const dates = checkDates(options);
  if ('error' in dates) return dates;
  const problem =
    (options.unit !== undefined ? unknownIdProblem(index, 'unit', options.unit, '--unit') : undefined) ??
    (options.obligation !== undefined ? unknownIdProblem(index, 'obligation', options.obligation, '--obligation') : undefined);
  if (problem) return { error: problem };
  return { ...dates, ...(options.unit !== undefined ? { unit: options.unit } : {}), ...(options.obligation !== undefined ? { obligation: options.obligation } : {}) };
}

// ─── Output ──────────────────────────────────────────────────────────────────

/** The JSON form: one object per occurrence, in due order. */
export function previewJson(index: PlanIndex, occurrences: readonly Occurrence[]): PreviewOccurrenceJson[] {
  return occurrences.map((occ) => ({
    id: occ.id,
    obligation: occ.obligation,
    ...(occ.schedule ? { schedule: occ.schedule } : {}),
    title: index.obligation(occ.obligation).title,
    unit: occ.unit,
    unitName: index.unitName(occ.unit),
    period: occ.period.key,
    periodLabel: periodLabelVi(occ.period),
    due: occ.due,
    dueAt: occ.dueAt,
    owners: [...occ.owners],
    participants: [...occ.participants],
    steps: occ.steps.map((s) => ({ at: s.at, kind: s.kind, to: [...s.to] })),
  }));
}

function scopeVi(index: PlanIndex, query: PreviewQuery): string {
  const parts: string[] = [];
  if (query.unit) parts.push(`đơn vị: ${index.unitName(query.unit)}`);
  if (query.obligation) parts.push(`nhiệm vụ: ${query.obligation}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/**
 * `07:30, thứ Hai, ngày 23/9/2024  nhắc trước hạn → tt-huyen-uy, mttq-huyen`; an escalation
 * is named by whom it reaches (`đôn đốc`, `báo cáo`, `đôn đốc, báo cáo`).
 */
export function stepLineVi(step: { atMs: number; kind: StepKind; to: readonly string[] }, ctx?: RelationContext): string {
  const to = step.to.length > 0 ? ` → ${step.to.join(', ')}` : '';
  return `${formatInstantVi(step.atMs)}  ${ctx ? stepLabel(step, ctx) : stepKindLabel(step.kind)}${to}`;
}

/**
 * The text form, a Vietnamese calendar:
 *
 *     Lịch đến hạn từ 01/9/2024 đến 30/9/2024: 1 lần thực hiện (đơn vị: huyện Lục Ngạn; …)
 *
 *     Thứ Hai, ngày 30/9/2024
 *       Giao ban hằng quý … — huyện Lục Ngạn — quý III/2024 — hạn 08:00
 *         07:30, thứ Hai, ngày 23/9/2024  nhắc trước hạn → tt-huyen-uy, mttq-huyen, …
 *         …
 *         07:30, thứ Hai, ngày 28/10/2024  kết thúc theo dõi
 *
 * An obligation that each owner body carries separately names that body on its line.
 */
export function previewText(index: PlanIndex, occurrences: readonly Occurrence[], query: PreviewQuery): string {
  const range = `từ ${formatVi(query.from)} đến ${formatVi(query.to)}`;
  const scope = scopeVi(index, query);
  if (occurrences.length === 0) return `Không có lần thực hiện nào đến hạn ${range}${scope}.\n`;
  const lines = [`Lịch đến hạn ${range}: ${occurrences.length} lần thực hiện${scope}`];
  const ctx = relationContext(index);
  let day: LocalDate | undefined;
  for (const occ of occurrences) {
    if (occ.due !== day) {
      day = occ.due;
      lines.push('', capitalizeVi(formatViLong(day)));
    }
    const title = index.obligation(occ.obligation).title;
    const unitName = index.unitName(occ.unit);
    const owner = occ.target.includes('/') ? ` — chủ trì: ${occ.owners.map((id) => index.bodyName(id)).join(', ')}` : '';
    lines.push(`  ${title} — ${unitName} — ${periodLabelVi(occ.period)}${owner} — hạn ${timeOfInstant(occ.dueAtMs)}`);
    for (const step of occ.steps) lines.push(`    ${stepLineVi(step, ctx)}`);
  }
  return `${lines.join('\n')}\n`;
}

// ─── The command ─────────────────────────────────────────────────────────────

/** The occurrences due in the range, as text or JSON. */
export function runPreview(options: PreviewOptions, load: () => LoadedConfig = () => loadConfig()): Printed {
  // Dates first: a typo there needs no configuration to be reported.
  const dates = checkDates(options);
  if ('error' in dates) throw new CliError(dates.error);
  const { index } = loadPlan(load);
  const query = checkQuery(options, index);
  if ('error' in query) throw new CliError(query.error);
  const occurrences = index.occurrencesBetween(query.from, query.to, {
    ...(query.unit ? { unit: query.unit } : {}),
    ...(query.obligation ? { obligation: query.obligation } : {}),
  });
  return printed(options.json ? `${JSON.stringify(previewJson(index, occurrences), null, 2)}\n` : previewText(index, occurrences, query));
}

export function register(program: Command): void {
  program
    .command('preview')
    .description('Xem trước các lần thực hiện đến hạn trong một khoảng ngày và lịch nhắc việc, đôn đốc, báo cáo của từng lần')
    .option('--from <date>', 'ngày đầu, YYYY-MM-DD')
    .option('--to <date>', 'ngày cuối, YYYY-MM-DD (tính cả ngày này)')
    .option('--unit <id>', 'chỉ một đơn vị, ví dụ huyen, bien-son')
    .option('--obligation <id>', 'chỉ một nhiệm vụ, ví dụ quarterly-briefing')
    .option('--json', 'in dạng JSON')
    .action(action('preview', (options: PreviewOptions) => runPreview(options)));
}
