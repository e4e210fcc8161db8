/**
 * `dondoc drill OBLIGATION --unit U`: opens one occurrence now with its ladder compressed —
 * one working day becomes one minute — so a newcomer sees the reminders, the due-day notice
 * and the escalations arrive within minutes. Needs a running worker (`npm start`).
 */
import type { Command } from 'commander';
import { DrillError } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { loadPlan } from '../load-plan';
import { action, CliError, printed, type Printed } from '../output';
import { requireKnown } from '../suggest';
import { cliClock, withClient } from '../temporal';
import { relationContext } from '../../domain/relation';
import { quoteVi, stepLabel } from '../../vocabulary';

interface Options {
  unit: string;
  stepSeconds: string;
  json?: boolean;
}

async function runDrill(obligation: string, o: Options): Promise<Printed> {
  const stepSeconds = Number(o.stepSeconds);
  if (!Number.isInteger(stepSeconds) || stepSeconds < 1 || stepSeconds > 86_400) {
    throw new CliError(`--step-seconds ${JSON.stringify(o.stepSeconds)}: cần một số nguyên từ 1 đến 86400`);
  }
  const { index } = loadPlan();
  requireKnown(index, { kind: 'obligation', value: obligation }, { kind: 'unit', value: o.unit, option: '--unit' });
  const { startDrill } = await import('../../client/start');
  const clock = cliClock();
  const { spec } = await withClient(async (client, env) => {
    try {
      return await startDrill(client, index, { obligation, unit: o.unit, nowMs: clock.nowMs(), stepMs: stepSeconds * 1000, tail: drillTail(), taskQueue: env.DONDOC_TASK_QUEUE, timeOffsetMs: clock.offsetMs });
    } catch (err) {
      // Both ids exist (checked above): the obligation has no target in this unit.
      if (err instanceof DrillError) throw new CliError(`nhiệm vụ ${quoteVi(obligation)} không áp dụng cho địa bàn ${quoteVi(o.unit)}`);
      throw err;
    }
  });
  if (o.json) return printed(`${JSON.stringify({ id: spec.id, steps: spec.steps.map((s) => ({ at: s.at, kind: s.kind, to: s.to })) }, null, 2)}\n`);
  const ctx = relationContext(index);
  return printed(
    [
      `Đã mở lần thực hiện diễn tập ${spec.id}`,
      ...spec.steps.map((s) => `  ${s.at.slice(11, 19)}  ${stepLabel(s, ctx).padEnd(17)} → ${s.to.join(', ') || '—'}`),
      `Hoàn thành thử: npx dondoc complete '${spec.id}' --by "tên của bạn"`,
      '',
    ].join('\n'),
  );
}

export function register(program: Command): void {
  program
    .command('drill <obligation>')
    .description('Diễn tập: mở ngay một lần thực hiện với thang nhắc rút gọn (một ngày làm việc = một phút)')
    .requiredOption('--unit <unit>', 'đơn vị, ví dụ huyen hoặc bien-son')
    .option('--step-seconds <n>', 'độ dài một “ngày làm việc” của diễn tập, tính bằng giây', '60')
    .option('--json', 'kết quả dạng JSON')
    .action(action('drill', runDrill));
}
