/**
 * `dondoc simulate --from YYYY-MM-DD --months N [--respond …] [--unit U] [--obligation O]
 * [--seed N] [--json]`: the real workflows for the plan on the time-skipping test server.
 */
import type { Command } from 'commander';
import { isValidLocalDate } from '../../domain/calendar/local-date';
import { type StatusCode } from '../../domain/status';
import type { RespondPattern } from '../../simulation/responder';
import { loadPlanOrFail } from '../load-plan';
import { progressReporter } from '../progress';
import { CliError, runCommand } from '../temporal';
import { relationContext } from '../../domain/relation';
import { formatInstantVi, formatNumberVi, formatVi, quoteVi, statusLabel, stepLabel } from '../../vocabulary';

const PATTERNS: RespondPattern[] = ['on-time', 'late', 'never', 'mixed'];

interface Options {
  from?: string;
  months: string;
  respond: string;
  unit?: string;
  obligation?: string;
  seed: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description('Mô phỏng: chạy các workflow thật của kế hoạch trên máy chủ kiểm thử tua nhanh thời gian')
    .requiredOption('--from <YYYY-MM-DD>', 'ngày bắt đầu mô phỏng')
    .option('--months <n>', 'số tháng', '12')
    .option('--respond <pattern>', `cách các cơ quan phản hồi: ${PATTERNS.join(' | ')}`, 'mixed')
    .option('--unit <unit>', 'chỉ một đơn vị')
    .option('--obligation <id>', 'chỉ một nhiệm vụ')
    .option('--seed <n>', 'hạt giống cho kiểu phản hồi mixed', '1')
    .option('--json', 'kết quả dạng JSON: {notifications, outcomes}')
    .action((o: Options) =>
      runCommand(async () => {
        if (!isValidLocalDate(o.from)) throw new CliError(`--from ${JSON.stringify(o.from)}: cần một ngày dạng YYYY-MM-DD`);
        const months = Number(o.months);
        if (!Number.isInteger(months) || months < 1 || months > 60) throw new CliError(`--months ${JSON.stringify(o.months)}: cần một số nguyên từ 1 đến 60`);
        if (!PATTERNS.includes(o.respond as RespondPattern)) throw new CliError(`--respond ${JSON.stringify(o.respond)}: chọn một trong ${PATTERNS.join(', ')}`);
        const seed = Number(o.seed);
        if (!Number.isInteger(seed)) throw new CliError(`--seed ${JSON.stringify(o.seed)}: cần một số nguyên`);
        const { config, index } = loadPlanOrFail();
        if (o.unit && !index.units.has(o.unit)) throw new CliError(`không có đơn vị ${quoteVi(o.unit)}`);
        if (o.obligation && !index.obligations.has(o.obligation)) throw new CliError(`không có nhiệm vụ ${quoteVi(o.obligation)}`);
        const { simulate } = await import('../../simulation/simulate');
        const progress = progressReporter('simulate', Boolean(o.json));
        const result = await simulate({
          config,
          from: o.from,
          months,
          respond: o.respond as RespondPattern,
          seed,
          unit: o.unit,
          obligation: o.obligation,
          progress,
        });
        progress.end();
        if (o.json) {
          const { notifications, outcomes } = result;
          console.log(JSON.stringify({ notifications, outcomes }, null, 2));
          return;
        }
        console.log(`Mô phỏng từ ${formatVi(result.from)} đến ${formatVi(result.until)} (phản hồi: ${o.respond})`);
        for (const n of result.notifications) {
          console.log(`${formatInstantVi(Date.parse(n.at))}  ${stepLabel(n, relationContext(index)).padEnd(17)} ${n.occurrence} → ${n.to.join(', ')}`);
        }
        const counts = new Map<StatusCode, number>();
        for (const out of result.outcomes) counts.set(out.status, (counts.get(out.status) ?? 0) + 1);
        console.log(`\n${result.outcomes.length} lần thực hiện, ${result.notifications.length} thông báo; ${formatNumberVi(result.wallMs / 1000, 1)} giây`);
        for (const [status, n] of counts) console.log(`  ${statusLabel(status)}: ${n}`);
      }),
    );
}
