/**
 * `dondoc status [--overdue] [--unit U] [--obligation O] [--json]`: occurrences and their
 * status from Temporal visibility.
 */
import type { Command } from 'commander';
import type { StatusRow } from '../../client/status';
import { runCommand, withClient } from '../temporal';
import { formatVi, skipReasonLabel, statusLabel } from '../../vocabulary';

/** Why a catch-up leaves notices unsent (domain/catch-up.ts), as the timeline words it. */
const SKIPPED_WHY = `${skipReasonLabel('superseded')}, hoặc ${skipReasonLabel('past-deadline')}`;

/**
 * The text of `dondoc status`: one line per occurrence (due date, status, id), its summary, and
 * how many notices a catch-up left unsent; then the count, and the total of those notices.
 */
export function statusText(rows: readonly StatusRow[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const due = r.due ? formatVi(r.due) : '—';
    out.push(`${due}  ${statusLabel(r.status).padEnd(26)}  ${r.id}`);
    if (r.summary) out.push(`            ${r.summary}`);
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

export function register(program: Command): void {
  program
    .command('status')
    .description('Tình hình thực hiện các nhiệm vụ (đọc từ Temporal)')
    .option('--overdue', 'chỉ các việc quá hạn, chưa hoàn thành')
    .option('--unit <unit>', 'một đơn vị, ví dụ bien-son')
    .option('--obligation <id>', 'một nhiệm vụ, ví dụ quarterly-briefing')
    .option('--json', 'kết quả dạng JSON')
    .action((opts: { overdue?: boolean; unit?: string; obligation?: string; json?: boolean }) =>
      runCommand(async () => {
        const { listOccurrences, statusQuery } = await import('../../client/status');
        const rows = await withClient((client) => listOccurrences(client, opts));
        if (opts.json) {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) {
          console.log(`Không có lần thực hiện nào (${statusQuery(opts)}).`);
          return;
        }
        for (const line of statusText(rows)) console.log(line);
      }),
    );
}
