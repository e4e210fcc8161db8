/**
 * `dondoc status [--overdue] [--unit U] [--obligation O] [--json]`: occurrences and their
 * status from Temporal visibility. An id the plan does not have is refused, naming the
 * closest one it has. `dondoc status OCCURRENCE`: one occurrence in detail (its state), with
 * its result and who reported it, in what post.
 */
import type { Command } from 'commander';
import { loadPlan } from '../load-plan';
import { action, printed, type Printed } from '../output';
import { requireKnown } from '../suggest';
import { refusedAs, withClient } from '../temporal';
import type { StatusRow } from '../../client/status';
import type { OccurrenceState } from '../../workflows/messages';
import {
  FIELD_LABELS,
  closedReason,
  evidenceLabelOf,
  formatNumberVi,
  formatVi,
  capitalizeVi,
  handedOverWords,
  occurrencePeriodLabel,
  resolutionLineVi,
  skipReasonLabel,
  statusLabel,
  statusWithReason,
} from '../../vocabulary';

/** Why a catch-up leaves notices unsent (domain/catch-up.ts), as the timeline words it. */
const SKIPPED_WHY = `${skipReasonLabel('superseded')}, hoặc ${skipReasonLabel('past-deadline')}`;

/** One occurrence's notices a catch-up left unsent, and why: the same line in the list and in the detail. */
const skippedLine = (n: number) => `Không gửi bù ${n} thông báo bị lỡ (${SKIPPED_WHY}).`;

/**
 * The text of `dondoc status`: one line per occurrence (due date, status, id), its summary, from
 * whom it was handed over, and how many notices a catch-up left unsent; then the count, and the
 * total of those notices.
 */
export function statusText(rows: readonly StatusRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const due = r.due ? formatVi(r.due) : '—';
    out.push(`${due}  ${statusLabel(r.status).padEnd(26)}  ${r.id}`);
    if (r.summary) out.push(`            ${r.summary}`);
    if (r.handedOver) out.push(`            ${capitalizeVi(handedOverWords(r.handedOver))}.`);
    if (r.skippedNotices) out.push(`            ${skippedLine(r.skippedNotices)}`);
  }
  out.push(`${rows.length} lần thực hiện.`);
  const skipped = rows.filter((r) => r.skippedNotices > 0);
  if (skipped.length) {
    const total = skipped.reduce((n, r) => n + r.skippedNotices, 0);
    out.push(
      `Không gửi bù ${total} thông báo bị lỡ ở ${skipped.length} lần thực hiện: sau thời gian gián đoạn, mỗi nơi nhận chỉ nhận thông báo mới nhất còn đúng; từng bước và lý do xem tại trang /o/<mã theo dõi>.`,
    );
  }
  return out;
}

/** The text of `dondoc status OCCURRENCE`: what it is, where it stands, and its result with who reported it. */
export function occurrenceText(state: OccurrenceState): string[] {
  const s = state.spec;
  const r = state.resolution;
  const line = (label: string, value: string | undefined) => (value ? [`${label}: ${value}`] : []);
  return [
    s.id,
    ...line(FIELD_LABELS.task, s.title),
    `${FIELD_LABELS.unit}: ${s.unitName} · ${FIELD_LABELS.period}: ${occurrencePeriodLabel(s)}`,
    ...line(FIELD_LABELS.status, statusWithReason(state.status, closedReason(s))),
    ...line(FIELD_LABELS.due, formatVi(s.due)),
    ...line(FIELD_LABELS.resolution, r && resolutionLineVi(r)),
    ...line(FIELD_LABELS.value, r?.value !== undefined ? formatNumberVi(r.value) : undefined),
    ...line(evidenceLabelOf(s.resolution), r?.evidence),
    ...line(FIELD_LABELS.reason, r?.reason),
    ...line(FIELD_LABELS.note, r?.note),
    ...(state.skippedNotices ? [skippedLine(state.skippedNotices)] : []),
  ];
}

interface Options {
  overdue?: boolean;
  unit?: string;
  obligation?: string;
  json?: boolean;
}

async function runStatus(occurrence: string | undefined, opts: Options): Promise<Printed> {
  if (occurrence !== undefined) {
    const { occurrenceState } = await import('../../client/occurrence-actions');
    const state = await withClient((client) => refusedAs(() => occurrenceState(client, occurrence)));
    if (opts.json) return printed(`${JSON.stringify(state, null, 2)}\n`);
    return printed(`${occurrenceText(state).join('\n')}\n`);
  }
  if (opts.unit !== undefined || opts.obligation !== undefined) {
    requireKnown(loadPlan().index, { kind: 'unit', value: opts.unit, option: '--unit' }, { kind: 'obligation', value: opts.obligation, option: '--obligation' });
  }
  const { listOccurrences, statusQuery } = await import('../../client/status');
  const rows = await withClient((client) => listOccurrences(client, opts));
  if (opts.json) return printed(`${JSON.stringify(rows, null, 2)}\n`);
  if (rows.length === 0) return printed(`Không có lần thực hiện nào (${statusQuery(opts)}).\n`);
  return printed(`${statusText(rows).join('\n')}\n`);
}

export function register(program: Command): void {
  program
    .command('status [occurrence]')
    .description('Tình hình thực hiện các nhiệm vụ (đọc từ Temporal); với mã theo dõi: chi tiết một lần thực hiện, kết quả và người báo cáo')
    .option('--overdue', 'chỉ các việc quá hạn, chưa hoàn thành')
    .option('--unit <unit>', 'một đơn vị, ví dụ bien-son')
    .option('--obligation <id>', 'một nhiệm vụ, ví dụ quarterly-briefing')
    .option('--json', 'kết quả dạng JSON')
    .action(action('status', runStatus));
}
