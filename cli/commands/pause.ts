/**
 * `dondoc pause|resume <obligation> --unit U`: stop a planner from opening new occurrences,
 * and let it go on again. Occurrences already open are not touched.
 */
import type { Command } from 'commander';
import { CliError, runCommand, withClient } from '../temporal';
import { formatVi, quoteVi } from '../../vocabulary';

function register1(program: Command, name: 'pause' | 'resume', description: string): void {
  program
    .command(`${name} <obligation>`)
    .description(description)
    .requiredOption('--unit <target>', 'đơn vị (hoặc đơn vị/loại cơ quan, ví dụ chu/mttq)')
    .action((obligation: string, o: { unit: string }) =>
      runCommand(async () => {
        const [{ WorkflowNotFoundError }, { pauseSignal, plannerQuery, resumeSignal }, { plannerId }] = await Promise.all([
          import('@temporalio/client'),
          import('../../workflows/messages'),
          import('../../workflows/planner'),
        ]);
        const id = plannerId(obligation, o.unit);
        const state = await withClient(async (client) => {
          const handle = client.workflow.getHandle(id);
          try {
            await handle.signal(name === 'pause' ? pauseSignal : resumeSignal);
          } catch (err) {
            if (err instanceof WorkflowNotFoundError) throw new CliError(`không có bộ lập lịch đang chạy ${quoteVi(id)}`);
            throw err;
          }
          return handle.query(plannerQuery);
        });
        console.log(`${id}: ${state.paused ? 'tạm dừng' : 'đang chạy'}${state.next ? `; lần thực hiện kế tiếp ${state.next.id} mở ngày ${formatVi(state.next.opensOn)}` : ''}`);
      }),
    );
}

export function register(program: Command): void {
  register1(program, 'pause', 'Tạm dừng một bộ lập lịch (không mở lần thực hiện mới)');
  register1(program, 'resume', 'Cho một bộ lập lịch chạy tiếp');
}
