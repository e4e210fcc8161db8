/**
 * `dondoc complete|waive|extend|record OCCURRENCE …`: resolve an occurrence through its
 * workflow's Updates; `dondoc reopen OCCURRENCE …`: withdraw its result (the monitor). The
 * rules decide (the workflow's validators, domain/resolution.ts); their Vietnamese messages
 * are shown as they are, with exit code 2.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import type { Action } from '../../client/occurrence-actions';
import type { ReopenInput } from '../../workflows/messages';
import type { OccurrenceState } from '../../workflows/messages';
import { CliError, runCommand, withClient } from '../temporal';
import { closedReason, formatVi, statusWithReason } from '../../vocabulary';

function report(state: OccurrenceState, json: boolean | undefined): void {
  if (json) console.log(JSON.stringify(state, null, 2));
  else console.log(`${state.spec.id}: ${statusWithReason(state.status, closedReason(state.spec))} (hạn ${formatVi(state.spec.due)})`);
}

async function run(id: string, action: Action, json?: boolean): Promise<void> {
  const { act } = await import('../../client/occurrence-actions');
  await runAction((client) => act(client, id, action), json);
}

async function runAction(call: (client: Client) => Promise<OccurrenceState>, json?: boolean): Promise<void> {
  const { ActionRefused } = await import('../../client/occurrence-actions');
  const state = await withClient(async (client) => {
    try {
      return await call(client);
    } catch (err) {
      if (err instanceof ActionRefused) throw new CliError(err.message);
      throw err;
    }
  });
  report(state, json);
}

export function register(program: Command): void {
  program
    .command('complete <occurrence>')
    .description('Báo cáo đã hoàn thành một lần thực hiện')
    .requiredOption('--by <who>', 'người báo cáo')
    .option('--note <text>', 'ghi chú')
    .option('--evidence <text>', 'minh chứng (bắt buộc với nhiệm vụ cần minh chứng)')
    .option('--json', 'kết quả dạng JSON')
    .action((id: string, o: { by: string; note?: string; evidence?: string; json?: boolean }) =>
      runCommand(() => run(id, { action: 'complete', input: { by: o.by, note: o.note, evidence: o.evidence } }, o.json)),
    );
  program
    .command('waive <occurrence>')
    .description('Báo cáo “không phát sinh” cho một lần thực hiện (chỉ với nhiệm vụ cho phép)')
    .requiredOption('--by <who>', 'người báo cáo')
    .requiredOption('--reason <text>', 'lý do')
    .option('--json', 'kết quả dạng JSON')
    .action((id: string, o: { by: string; reason: string; json?: boolean }) =>
      runCommand(() => run(id, { action: 'waive', input: { by: o.by, reason: o.reason } }, o.json)),
    );
  program
    .command('extend <occurrence>')
    .description('Gia hạn một lần thực hiện')
    .requiredOption('--to <YYYY-MM-DD>', 'hạn mới')
    .requiredOption('--by <who>', 'người gia hạn')
    .requiredOption('--reason <text>', 'lý do')
    .option('--json', 'kết quả dạng JSON')
    .action((id: string, o: { to: string; by: string; reason: string; json?: boolean }) =>
      runCommand(() => run(id, { action: 'extend', input: { by: o.by, newDue: o.to, reason: o.reason } }, o.json)),
    );
  program
    .command('reopen <occurrence>')
    .description('Mở lại một lần thực hiện đã có kết quả: hủy kết quả đã báo cáo, tiếp tục nhắc việc, đôn đốc')
    .requiredOption('--by <who>', 'người mở lại')
    .requiredOption('--reason <text>', 'lý do mở lại')
    .option('--json', 'kết quả dạng JSON')
    .action((id: string, o: ReopenInput & { json?: boolean }) =>
      runCommand(async () => {
        const { reopen } = await import('../../client/occurrence-actions');
        await runAction((client) => reopen(client, id, { by: o.by, reason: o.reason }), o.json);
      }),
    );
  program
    .command('record <occurrence>')
    .description('Báo cáo số liệu của một chỉ tiêu')
    .requiredOption('--value <number>', 'giá trị')
    .requiredOption('--by <who>', 'người báo cáo')
    .option('--note <text>', 'ghi chú')
    .option('--json', 'kết quả dạng JSON')
    .action((id: string, o: { value: string; by: string; note?: string; json?: boolean }) =>
      runCommand(() => {
        const value = Number(o.value);
        if (o.value.trim() === '' || !Number.isFinite(value)) throw new CliError(`--value ${JSON.stringify(o.value)} không phải là một số`);
        return run(id, { action: 'record', input: { by: o.by, value, note: o.note } }, o.json);
      }),
    );
}
