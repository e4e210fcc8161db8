/**
 * `dondoc drill OBLIGATION --unit U`: opens one occurrence now with its ladder compressed —
 * one working day becomes one minute — so a newcomer sees the reminders, the due-day notice
 * and the escalations arrive within minutes. Needs a running worker (`npm start`).
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import { eventLead, meetingOf } from '../../domain/meetings';
import { specOf, type OccurrenceSpec } from '../../domain/spec';
import { plainClock } from '../../domain/timeline';
import type { PlanIndex } from '../../domain/occurrences';
import { loadPlanOrFail } from '../load-plan';
import { CliError, runCommand, withClient } from '../temporal';
import { relationContext } from '../../domain/relation';
import { quoteVi, stepLabel } from '../../vocabulary';

export function drillSpec(index: PlanIndex, obligationId: string, unit: string, nowMs: number, stepMs: number): OccurrenceSpec {
  if (!index.obligations.has(obligationId)) throw new CliError(`không có nhiệm vụ ${quoteVi(obligationId)}`);
  const target = index.targets(obligationId).find((t) => t.unit === unit);
  if (!target) throw new CliError(`nhiệm vụ ${quoteVi(obligationId)} không áp dụng cho đơn vị ${quoteVi(unit)}`);
  const ladder = index.ladderOf(obligationId);
  const lead = Math.max(0, ...ladder.reminders.map((r) => r.before)) + 1;
  const dueAtMs = nowMs + lead * stepMs;
  const steps = index.timeline(target, plainClock(dueAtMs, stepMs));
  // The meeting at the deadline, or the event an invitation is for, as many steps after it as working days.
  const obligation = index.obligation(obligationId);
  const schedule = obligation.schedules[0]!;
  const eventAfter = eventLead(schedule.due);
  const meeting = meetingOf(obligation.kind, schedule, dueAtMs, eventAfter === undefined ? undefined : dueAtMs + eventAfter * stepMs);
  // To the second, plus a random tail: two drills started together are two occurrences.
  const stamp = `${new Date(nowMs + 7 * 3_600_000).toISOString().slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(2).toString('hex')}`;
  const due = localDateOfInstant(dueAtMs);
  const id = `drill/${obligationId}/${target.key}/${stamp}`;
  const spec = specOf(index, {
    id,
    obligation: obligationId,
    unit: target.unit,
    target: target.key,
    owners: target.owners,
    participants: target.participants,
    period: { key: `drill-${stamp}`, recurrence: 'once', start: localDateOfInstant(nowMs), end: due, year: Number(due.slice(0, 4)) },
    due,
    dueAt: '',
    dueAtMs,
    overdueFromMs: dueAtMs + stepMs,
    opensOn: localDateOfInstant(nowMs),
    steps,
    ...(meeting ? { meeting } : {}),
  });
  const { unitEndsAtMs: _ignored, unitEnd: _unitEnd, ...rest } = spec;
  return { ...rest, graceMs: stepMs / 2 };
}

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
        const spec = drillSpec(index, obligation, o.unit, Date.now(), stepSeconds * 1000);
        const { occurrenceStartOptions } = await import('../../workflows/start-options');
        await withClient((client, env) =>
          client.workflow.start('occurrenceWorkflow', occurrenceStartOptions(spec, { taskQueue: env.DONDOC_TASK_QUEUE })),
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
