/**
 * `dondoc drill OBLIGATION --unit U`: opens one occurrence now with its ladder compressed —
 * one working day becomes one minute — so a newcomer sees the reminders, the due-day notice
 * and the escalations arrive within minutes. Needs a running worker (`npm start`).
 */
import type { Command } from 'commander';
import { DrillError, drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { loadPlanOrFail } from '../load-plan';
import { CliError, cliClock, runCommand, withClient } from '../temporal';
import { relationContext } from '../../domain/relation';
import { quoteVi, stepLabel } from '../../vocabulary';

export function register(program: Command): void {
  program
    .command('drill <obligation>')
    .description('Diễn tập: mở ngay một lần thực hiện với thang nhắc rút gọn (một ngày làm việc = một phút)')
    .requiredOption('--unit <unit>', 'đơn vị, ví dụ huyen hoặc bien-son')
    .option('--step-seconds <n>', 'độ dài một “ngày làm việc” của diễn tập, tính bằng giây', '60')
    .option('--json', 'kết quả dạng JSON')
    .action((obligation: string, o: { unit: string; stepSeconds: string; json?: boolean }) =>
      runCommand(async () => {
        const stepSeconds = Number(o.stepSeconds);
        if (!Number.isInteger(stepSeconds) || stepSeconds < 1 || stepSeconds > 86_400) {
          throw new CliError(`--step-seconds ${JSON.stringify(o.stepSeconds)}: cần một số nguyên từ 1 đến 86400`);
        }
        const { index } = loadPlanOrFail();
        const clock = cliClock();
        let spec;
        try {
          spec = drillSpec(index, obligation, o.unit, clock.nowMs(), stepSeconds * 1000, drillTail());
        } catch (err) {
          if (!(err instanceof DrillError)) throw err;
          throw new CliError(
            err.what === 'obligation'
              ? `không có nhiệm vụ ${quoteVi(obligation)}`
              : `nhiệm vụ ${quoteVi(obligation)} không áp dụng cho địa bàn ${quoteVi(o.unit)}`,
          );
        }
        const { occurrenceStartOptions } = await import('../../workflows/start-options');
        await withClient((client, env) =>
          client.workflow.start('occurrenceWorkflow', occurrenceStartOptions(spec, { taskQueue: env.DONDOC_TASK_QUEUE, timeOffsetMs: clock.offsetMs || undefined })),
        );
        if (o.json) {
          console.log(JSON.stringify({ id: spec.id, steps: spec.steps.map((s) => ({ at: s.at, kind: s.kind, to: s.to })) }, null, 2));
          return;
        }
        console.log(`Đã mở lần thực hiện diễn tập ${spec.id}`);
        const ctx = relationContext(index);
        for (const s of spec.steps) console.log(`  ${s.at.slice(11, 19)}  ${stepLabel(s, ctx).padEnd(17)} → ${s.to.join(', ') || '—'}`);
        console.log(`Hoàn thành thử: npx dondoc complete '${spec.id}' --by "tên của bạn"`);
      }),
    );
}
