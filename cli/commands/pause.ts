/**
 * `dondoc pause|resume <obligation> --unit U`: stop a planner from opening new occurrences,
 * and let it go on again. Occurrences already open are not touched.
 */
import type { Command } from 'commander';
import { loadPlan } from '../load-plan';
import { action, printed, type Printed } from '../output';
import { requireKnown } from '../suggest';
import { refusedAs, withClient } from '../temporal';
import { formatVi } from '../../vocabulary';

async function runPause(name: 'pause' | 'resume', obligation: string, target: string): Promise<Printed> {
  requireKnown(loadPlan().index, { kind: 'obligation', value: obligation }, { kind: 'unit', value: target.split('/')[0]!, option: '--unit' });
  const { setPlannerPaused } = await import('../../client/planner-control');
  const { id, state } = await withClient((client) => refusedAs(() => setPlannerPaused(client, obligation, target, name === 'pause')));
  const next = state.next ? `; lần thực hiện kế tiếp ${state.next.id} mở ngày ${formatVi(state.next.opensOn)}` : '';
  return printed(`${id}: ${state.paused ? 'tạm dừng' : 'đang chạy'}${next}\n`);
}

function register1(program: Command, name: 'pause' | 'resume', description: string): void {
  program
    .command(`${name} <obligation>`)
    .description(description)
    .requiredOption('--unit <target>', 'đơn vị (hoặc đơn vị/loại cơ quan, ví dụ chu/mttq)')
    .action(action(name, (obligation: string, o: { unit: string }) => runPause(name, obligation, o.unit)));
}

export function register(program: Command): void {
  register1(program, 'pause', 'Tạm dừng một bộ lập lịch (không mở lần thực hiện mới)');
  register1(program, 'resume', 'Cho một bộ lập lịch chạy tiếp');
}
