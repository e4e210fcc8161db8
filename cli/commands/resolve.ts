/**
 * `dondoc complete|waive|extend|record OCCURRENCE …`: resolve an occurrence through its
 * workflow's Updates; `dondoc reopen OCCURRENCE …`: withdraw its result (the monitor). The
 * rules decide (the workflow's validators, domain/resolution.ts); their Vietnamese messages
 * are shown as they are, with exit code 2.
 */
import type { Command } from 'commander';
import type { Action } from '../../client/occurrence-actions';
import { action, CliError, printed, type Printed } from '../output';
import { cliClock, refusedAs, withClient } from '../temporal';
import type { OccurrenceState, Reporter } from '../../workflows/messages';
import { closedReason, formatVi, statusWithReason } from '../../vocabulary';

/** What a resolution or a reopening prints: the occurrence's state. */
function stateOf(state: OccurrenceState, json?: boolean): Printed {
  if (json) return printed(`${JSON.stringify(state, null, 2)}\n`);
  return printed(`${state.spec.id}: ${statusWithReason(state.status, closedReason(state.spec))} (hạn ${formatVi(state.spec.due)})\n`);
}

const POSITION_HELP = 'chức vụ của người báo cáo, ví dụ “Phó Chủ tịch Ủy ban MTTQ xã” (không bắt buộc)';

/** Resolves the occurrence and prints its state; a refusal is one line (the workflow's validators say why). */
async function resolve(id: string, request: Action, json?: boolean): Promise<Printed> {
  const { act } = await import('../../client/occurrence-actions');
  return stateOf(await withClient((client) => refusedAs(() => act(client, id, request))), json);
}

export function register(program: Command): void {
  program
    .command('complete <occurrence>')
    .description('Báo cáo đã hoàn thành một lần thực hiện')
    .requiredOption('--by <who>', 'người báo cáo')
    .option('--position <post>', POSITION_HELP)
    .option('--note <text>', 'ghi chú')
    .option('--evidence <text>', 'minh chứng (bắt buộc với nhiệm vụ cần minh chứng)')
    .option('--json', 'kết quả dạng JSON')
    .action(action('complete', (id: string, o: Reporter & { note?: string; evidence?: string; json?: boolean }) =>
      resolve(id, { action: 'complete', input: { by: o.by, position: o.position, note: o.note, evidence: o.evidence } }, o.json),
    ));
  program
    .command('waive <occurrence>')
    .description('Báo cáo “không phát sinh” cho một lần thực hiện (chỉ với nhiệm vụ cho phép)')
    .requiredOption('--by <who>', 'người báo cáo')
    .option('--position <post>', POSITION_HELP)
    .requiredOption('--reason <text>', 'lý do')
    .option('--json', 'kết quả dạng JSON')
    .action(action('waive', (id: string, o: Reporter & { reason: string; json?: boolean }) =>
      resolve(id, { action: 'waive', input: { by: o.by, position: o.position, reason: o.reason } }, o.json),
    ));
  program
    .command('extend <occurrence>')
    .description('Gia hạn một lần thực hiện')
    .requiredOption('--to <YYYY-MM-DD>', 'hạn mới')
    .requiredOption('--by <who>', 'người gia hạn')
    .requiredOption('--reason <text>', 'lý do')
    .option('--json', 'kết quả dạng JSON')
    .action(action('extend', (id: string, o: { to: string; by: string; reason: string; json?: boolean }) =>
      resolve(id, { action: 'extend', input: { by: o.by, newDue: o.to, reason: o.reason } }, o.json),
    ));
  program
    .command('record <occurrence>')
    .description('Báo cáo số liệu của một chỉ tiêu')
    .requiredOption('--value <number>', 'giá trị')
    .requiredOption('--by <who>', 'người báo cáo')
    .option('--position <post>', POSITION_HELP)
    .option('--note <text>', 'ghi chú')
    .option('--json', 'kết quả dạng JSON')
    .action(action('record', (id: string, o: Reporter & { value: string; note?: string; json?: boolean }) => {
      const value = Number(o.value);
      if (o.value.trim() === '' || !Number.isFinite(value)) throw new CliError(`--value ${JSON.stringify(o.value)} không phải là một số`);
      return resolve(id, { action: 'record', input: { by: o.by, position: o.position, value, note: o.note } }, o.json);
    }));
  program
    .command('reopen <occurrence>')
    .description('Mở lại một lần thực hiện đã có kết quả: hủy kết quả đã báo cáo, tiếp tục nhắc việc, đôn đốc')
    .requiredOption('--by <who>', 'người mở lại')
    .requiredOption('--reason <text>', 'lý do mở lại')
    .option('--json', 'kết quả dạng JSON')
    .action(action('reopen', async (id: string, o: { by: string; reason: string; json?: boolean }) => {
      const { reopen } = await import('../../client/occurrence-actions');
      const now = cliClock().nowMs();
      return stateOf(await withClient((client) => refusedAs(() => reopen(client, id, { by: o.by, reason: o.reason }, now))), o.json);
    }));
}
