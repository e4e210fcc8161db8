/**
 * `dondoc status [--overdue] [--unit U] [--obligation O] [--json]`: occurrences and their
 * status from Temporal visibility. An id the plan does not have is refused, naming the
 * closest one it has.
 */
import type { Command } from 'commander';
import { loadPlan } from '../load-plan';
import { action, printed, type Printed } from '../output';
import { requireKnown } from '../suggest';
import { withClient } from '../temporal';
import type { StatusRow } from '../../client/status';
import { capitalizeVi, formatVi, handedOverWords, skipReasonLabel, statusLabel } from '../../vocabulary';

/** Why a catch-up leaves notices unsent (domain/catch-up.ts), as the timeline words it. */
const SKIPPED_WHY = `${skipReasonLabel('superseded')}, hoặc ${skipReasonLabel('past-deadline')}`;

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
    if (r.skippedNotices) out.push(`            Không gửi bù ${r.skippedNotices} thông báo bị lỡ (${SKIPPED_WHY}).`);
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

interface Options {
  overdue?: boolean;
  unit?: string;
  obligation?: string;
  json?: boolean;
}

async function runStatus(opts: Options): Promise<Printed> {
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
    .command('status')
    .description('Tình hình thực hiện các nhiệm vụ (đọc từ Temporal)')
    .option('--overdue', 'chỉ các việc quá hạn, chưa hoàn thành')
    .option('--unit <unit>', 'một đơn vị, ví dụ bien-son')
    .option('--obligation <id>', 'một nhiệm vụ, ví dụ quarterly-briefing')
    .option('--json', 'kết quả dạng JSON')
    .action(action('status', runStatus));
}
