/**
 * `dondoc simulate --from YYYY-MM-DD --months N [--respond …] [--unit U] [--obligation O]
 * [--seed N] [--json]`: the real workflows for the plan on the time-skipping test server.
 */
import type { Command } from 'commander';
import { isValidLocalDate } from '../../domain/calendar/local-date';
import { type StatusCode } from '../../domain/status';
import type { RespondPattern } from '../../workers/simulation/responder';
import { loadPlan } from '../load-plan';
import { action, CliError, printed, type Printed } from '../output';
import { progressReporter } from '../progress';
import { requireKnown } from '../suggest';
import { relationContext } from '../../domain/relation';
import { formatInstantVi, formatNumberVi, formatVi, statusLabel, stepLabel } from '../../vocabulary';

const PATTERNS: RespondPattern[] = ['on-time', 'late', 'never', 'mixed'];

interface Options {
  from?: string;
  months: string;
  respond: string;
  unit?: string;
  obligation?: string;
  seed: string;
  json?: boolean;
  morningAtOnce?: boolean;
}

/** Runs the plan's workflows under time skipping and prints every notice and outcome. */
async function runSimulate(o: Options): Promise<Printed> {
  if (!isValidLocalDate(o.from)) throw new CliError(`--from ${JSON.stringify(o.from)}: cần một ngày dạng YYYY-MM-DD`);
  const months = Number(o.months);
  if (!Number.isInteger(months) || months < 1 || months > 60) throw new CliError(`--months ${JSON.stringify(o.months)}: cần một số nguyên từ 1 đến 60`);
  if (!PATTERNS.includes(o.respond as RespondPattern)) throw new CliError(`--respond ${JSON.stringify(o.respond)}: chọn một trong ${PATTERNS.join(', ')}`);
  const seed = Number(o.seed);
  if (!Number.isInteger(seed)) throw new CliError(`--seed ${JSON.stringify(o.seed)}: cần một số nguyên`);
  const { config, index } = loadPlan();
  requireKnown(index, { kind: 'unit', value: o.unit, option: '--unit' }, { kind: 'obligation', value: o.obligation, option: '--obligation' });
  const { simulate } = await import('../../workers/simulation/simulate');
  const progress = progressReporter('simulate', Boolean(o.json));
  const result = await simulate({ config, from: o.from, months, respond: o.respond as RespondPattern, seed, unit: o.unit, obligation: o.obligation, morningAtOnce: o.morningAtOnce, progress });
  progress.end();
  if (o.json) {
    const { notifications, outcomes } = result;
    return printed(`${JSON.stringify({ notifications, outcomes }, null, 2)}\n`);
  }
  const ctx = relationContext(index);
  const lines = [`Mô phỏng từ ${formatVi(result.from)} đến ${formatVi(result.until)} (phản hồi: ${o.respond})`];
  if (o.morningAtOnce) lines.push(MORNING_AT_ONCE_NOTE);
  for (const n of result.notifications) lines.push(`${formatInstantVi(Date.parse(n.at))}  ${stepLabel(n, ctx).padEnd(17)} ${n.occurrence} → ${n.to.join(', ')}`);
  const counts = new Map<StatusCode, number>();
  for (const out of result.outcomes) counts.set(out.status, (counts.get(out.status) ?? 0) + 1);
  lines.push('', `${result.outcomes.length} lần thực hiện, ${result.notifications.length} thông báo; ${formatNumberVi(result.wallMs / 1000, 1)} giây`);
  for (const [status, n] of counts) lines.push(`  ${statusLabel(status)}: ${n}`);
  return printed(`${lines.join('\n')}\n`);
}

const MORNING_AT_ONCE_HELP =
  'tính mọi thông báo của một buổi sáng vào giờ gửi của thang nhắc (07:30 trong kế hoạch kèm theo), không rải trong khung giờ gửi: cùng ngày, cùng người nhận, cùng kết quả, mô phỏng nhanh hơn';
const MORNING_AT_ONCE_NOTE = 'Thông báo của mỗi buổi sáng được tính vào giờ gửi của thang nhắc, không theo giây riêng của từng đơn vị trong khung giờ gửi.';

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
    .option('--morning-at-once', MORNING_AT_ONCE_HELP)
    .option('--json', 'kết quả dạng JSON: {notifications, outcomes}')
    .action(action('simulate', runSimulate));
}
