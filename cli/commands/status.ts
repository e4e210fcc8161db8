/**
 * `dondoc status [--overdue] [--unit U] [--obligation O] [--json]`: occurrences and their
 * status from Temporal visibility.
 */
import type { Command } from 'commander';
import { runCommand, withClient } from '../temporal';
import { formatVi, statusLabel } from '../../vocabulary';

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
        for (const r of rows) {
          const due = r.due ? formatVi(r.due) : '—';
          console.log(`${due}  ${statusLabel(r.status).padEnd(26)}  ${r.id}`);
          if (r.summary) console.log(`            ${r.summary}`);
        }
        console.log(`${rows.length} lần thực hiện.`);
      }),
    );
}
