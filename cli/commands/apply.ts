/**
 * `dondoc apply [--dry-run] [--json]`: starts the planners the plan needs and the server
 * lacks; running and finished ones are left alone. Safe to repeat.
 */
import type { Command } from 'commander';
import { loadPlanOrFail } from '../load-plan';
import { progressReporter } from '../progress';
import { cliClock, runCommand, withClient } from '../temporal';

export function register(program: Command): void {
  program
    .command('apply')
    .description('Khởi động các bộ lập lịch còn thiếu cho kế hoạch (chạy lại nhiều lần vẫn an toàn)')
    .option('--dry-run', 'chỉ cho biết sẽ làm gì')
    .option('--json', 'kết quả dạng JSON')
    .action((opts: { dryRun?: boolean; json?: boolean }) =>
      runCommand(async () => {
        const { index } = loadPlanOrFail();
        const clock = cliClock();
        const { applyPlan } = await import('../../client/apply-plan');
        const progress = progressReporter('apply', Boolean(opts.json));
        const report = await withClient((client, env) =>
          applyPlan(client, index, { taskQueue: env.DONDOC_TASK_QUEUE, dryRun: opts.dryRun, progress, clock }),
        );
        progress.end();
        if (opts.json) {
          console.log(JSON.stringify(report, null, 2));
          return;
        }
        const c = report.counts;
        console.log(
          opts.dryRun
            ? `Sẽ khởi động ${c['would-start']} bộ lập lịch; ${c.running} đang chạy, ${c.finished} đã kết thúc.`
            : `Đã khởi động ${c.started} bộ lập lịch; ${c.running} đang chạy (giữ nguyên), ${c.finished} đã kết thúc.`,
        );
      }),
    );
}
