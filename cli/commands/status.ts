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
import { formatVi, statusLabel } from '../../vocabulary';

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
  const lines: string[] = [];
  for (const r of rows) {
    const due = r.due ? formatVi(r.due) : '—';
    lines.push(`${due}  ${statusLabel(r.status).padEnd(26)}  ${r.id}`);
    if (r.summary) lines.push(`            ${r.summary}`);
  }
  lines.push(`${rows.length} lần thực hiện.`);
  return printed(`${lines.join('\n')}\n`);
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
