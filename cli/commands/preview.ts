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
import { quietWhenPipeCloses } from '../pipe';
import { loadOrReport } from '../load-plan';
import { loadConfig, type LoadedConfig } from '../../config/load';
import { compareDates, isValidLocalDate } from '../../domain/calendar/local-date';
import type { LocalDate } from '../../domain/model';
import { PlanIndex, type Occurrence } from '../../domain/occurrences';
import type { StepKind } from '../../domain/timeline';
import { relationContext, type RelationContext } from '../../domain/relation';
import { capitalizeVi, formatInstantVi, formatVi, formatViLong, periodLabelVi, slugVi, stepKindLabel, stepLabel } from '../../vocabulary';
import { timeOfInstant } from '../../domain/calendar/local-date';

/** Where a command writes: process.stdout / process.stderr, or a buffer in tests. */
export interface Output {
  write(chunk: string): unknown;
}

export interface PreviewOptions {
  from?: string;
  to?: string;
  unit?: string;
  obligation?: string;
  json?: boolean;
}

export interface PreviewDeps {
  out?: Output;
  err?: Output;
  /** Loads the configuration; the shipped files by default. */
  load?: () => LoadedConfig;
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

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** How far `wanted` is from `name` (both slugs): 0 when equal, under 1 when one contains the other. */
function nameDistance(wanted: string, name: string): number {
  if (wanted === name) return 0;
  const [shorter, longer] = wanted.length <= name.length ? [wanted, name] : [name, wanted];
  if (shorter.length >= 3 && longer.includes(shorter)) return 0.5 + (longer.length - shorter.length) / 1000;
  return editDistance(wanted, name);
}

/**
 * The known id closest to `value`, comparing without case or diacritics against each id
 * and its other names (a unit's Vietnamese name, say): an exact match, then a name that
 * contains the value or is contained in it (`luc-ngan` → `huyện Lục Ngạn` → `huyen`), then
 * the fewest edits; the first one on a tie.
 */
export function closestId(value: string, known: ReadonlyArray<{ id: string; names?: readonly string[] }>): string | undefined {
  const wanted = slugVi(value);
  let best: { id: string; distance: number } | undefined;
  for (const candidate of known) {
    for (const name of [candidate.id, ...(candidate.names ?? [])]) {
      const distance = nameDistance(wanted, slugVi(name));
      if (!best || distance < best.distance) best = { id: candidate.id, distance };
    }
  }
  return best?.id;
}

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
  const query: PreviewQuery = { ...dates };
  if (options.unit !== undefined) {
    if (!index.units.has(options.unit)) {
      const known = [...index.units.values()].map((u) => ({ id: u.id, names: [u.name] }));
      return { error: unknown('đơn vị', '--unit', options.unit, closestId(options.unit, known)) };
    }
    query.unit = options.unit;
  }
  if (options.obligation !== undefined) {
    if (!index.obligations.has(options.obligation)) {
      const known = [...index.obligations.values()].map((o) => ({ id: o.id, names: [o.title] }));
      return { error: unknown('nhiệm vụ', '--obligation', options.obligation, closestId(options.obligation, known)) };
    }
    query.obligation = options.obligation;
  }
  return query;
}

function unknown(what: string, option: string, value: string, suggestion: string | undefined): string {
  const hint = suggestion ? `; có phải ${JSON.stringify(suggestion)}?` : '';
  return `không có ${what} ${JSON.stringify(value)} (${option})${hint}`;
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
 *         07:30, thứ Hai, ngày 28/10/2024  kết thúc đôn đốc
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

/** Runs the command and prints; returns the exit code. */
export function runPreview(options: PreviewOptions, deps: PreviewDeps = {}): number {
  const out = deps.out ?? process.stdout;
  const err = deps.err ?? process.stderr;
  const fail = (line: string): number => {
    err.write(`dondoc preview: ${line}\n`);
    return 2;
  };
  // Dates first: a typo there needs no configuration to be reported.
  const dates = checkDates(options);
  if ('error' in dates) return fail(dates.error);
  const loaded = loadOrReport(deps.load ?? (() => loadConfig()), err);
  if (!loaded) return 2;
  const index = PlanIndex.fromConfig(loaded.config);
  const query = checkQuery(options, index);
  if ('error' in query) return fail(query.error);
  const occurrences = index.occurrencesBetween(query.from, query.to, {
    ...(query.unit ? { unit: query.unit } : {}),
    ...(query.obligation ? { obligation: query.obligation } : {}),
  });
  out.write(options.json ? `${JSON.stringify(previewJson(index, occurrences), null, 2)}\n` : previewText(index, occurrences, query));
  return 0;
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
    .action((options: PreviewOptions) => {
      quietWhenPipeCloses();
      process.exitCode = runPreview(options);
    });
}
