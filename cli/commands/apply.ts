/**
 * `dondoc apply [--dry-run] [--json]`: starts the planners the plan needs and the server
 * lacks; running and finished ones are left alone. Safe to repeat.
 */
import type { Command } from 'commander';
import { loadPlan } from '../load-plan';
import { action, printed, type Printed } from '../output';
import { progressReporter } from '../progress';
import { cliClock, withClient } from '../temporal';

interface Options {
  dryRun?: boolean;
  json?: boolean;
}

async function runApply(opts: Options): Promise<Printed> {
  const { index } = loadPlan();
  const { applyPlan } = await import('../../client/apply-plan');
  const progress = progressReporter('apply', Boolean(opts.json));
  const clock = cliClock();
  const report = await withClient((client, env) => applyPlan(client, index, { taskQueue: env.DONDOC_TASK_QUEUE, dryRun: opts.dryRun, progress, clock }));
  progress.end();
  if (opts.json) return printed(`${JSON.stringify(report, null, 2)}\n`);
  const c = report.counts;
  return printed(
    opts.dryRun
      ? `Sẽ khởi động ${c['would-start']} bộ lập lịch; ${c.running} đang chạy, ${c.finished} đã kết thúc.\n`
      : `Đã khởi động ${c.started} bộ lập lịch; ${c.running} đang chạy (giữ nguyên), ${c.finished} đã kết thúc.\n`,
  );
}

export function register(program: Command): void {
  program
    .command('apply')
    .description('Khởi động các bộ lập lịch còn thiếu cho kế hoạch (chạy lại nhiều lần vẫn an toàn)')
    .option('--dry-run', 'chỉ cho biết sẽ làm gì')
    .option('--json', 'kết quả dạng JSON')
    .action(action('apply', runApply));
}
