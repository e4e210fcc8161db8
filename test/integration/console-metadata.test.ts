/**
 * The Temporal UI as the admins' console: what dondoc's workflows say of themselves through
 * the SDK's user metadata — a static summary and details at every start, a summary on every
 * timer and every notice, and the current details kept up to date — read back from
 * `describe()`, the history and the metadata query, as the UI reads them.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { captureNotifier } from '../../activities/notify';
import { staticPlanSource } from '../../config/plan-source';
import { formatVi, occurrencePeriodLabel, occurrenceSummary } from '../../vocabulary';
import { plannerStartOptions } from '../../workflows/start-options';
import { eventTypeName } from '../helpers/dondoc-harness';
import { planIndex, pollUntil, startDrill, testConfig, uniqueTag } from '../helpers/integration-plan';
import { bundledWorker, useDevServer } from '../helpers/temporal';

const dev = useDevServer();
const tag = uniqueTag('ui');
const config = testConfig({ tag, obligations: ['quarterly-briefing', 'chair-working-session'] });
const index = planIndex(config);
const taskQueue = `itest-ui-${tag}`;
const capture = captureNotifier();

type Event = temporal.api.history.v1.IHistoryEvent;
const summaryOf = (e: Event): string | undefined => {
  const payload = e.userMetadata?.summary;
  return payload ? (defaultPayloadConverter.fromPayload(payload) as string) : undefined;
};
const currentDetails = async (id: string) =>
  ((await dev.env.client.workflow.getHandle(id).query('__temporal_workflow_metadata')) as { currentDetails?: string }).currentDetails ?? '';

describe('an occurrence in the Temporal UI', () => {
  it('has its summary and details from the start, words on every timer and notice, and current details that follow it', async () => {
    const activities = createActivities({ plan: staticPlanSource(config), notifier: capture, client: dev.env.client, taskQueue });
    const { worker } = await bundledWorker(dev.env, { taskQueue, activities });
    await worker.runUntil(async () => {
      const workflowId = `${tag}-occ`;
      dev.leftovers.add(workflowId);
      const { spec, handle } = await startDrill(dev.env.client, index, { obligation: 'chair-working-session', unit: 'huyen', stepMs: 2_000, workflowId, taskQueue });

      const described = await handle.describe();
      expect(await described.staticSummary()).toBe(occurrenceSummary(spec));
      const details = await described.staticDetails();
      expect(details).toContain(`**Kỳ:** ${occurrencePeriodLabel(spec)} · **Thời hạn:** ${formatVi(spec.due)}`);
      expect(details).toContain('**Địa bàn:** huyện Lục Ngạn');
      expect(details).toContain('**Chủ trì:** Ủy ban nhân dân huyện'); // the directory's name, read in the district

      // Two notices out: the timers before them and the notices themselves carry words.
      await pollUntil(() => capture.captured.filter((n) => n.occurrence.id === spec.id).length, (n) => n >= 2, { timeoutMs: 30_000 });
      const events = (await handle.fetchHistory()).events ?? [];
      const timers = events.filter((e) => eventTypeName(e) === 'TimerStarted').map(summaryOf);
      expect(timers[0]).toMatch(/^Nhắc trước hạn, trước 5 bước — \d{2}:\d{2}, thứ /);
      expect(timers.every((s) => s !== undefined && s.length > 0)).toBe(true);
      // The notices are local activities (markers `core_local_activity`; `patched()` records others).
      const notices = events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').map(summaryOf);
      expect(notices[0]).toBe(
        'Gửi “nhắc trước hạn” (bước 1) tới Ủy ban nhân dân huyện, Ủy ban MTTQ huyện, Liên đoàn Lao động huyện, Hội Nông dân huyện, Hội Cựu chiến binh huyện, Hội Liên hiệp Phụ nữ huyện, Huyện đoàn',
      );

      const now = await currentDetails(workflowId);
      expect(now).toContain('**Tình hình:** đang thực hiện trong hạn');
      expect(now).toMatch(/\*\*Bước tiếp theo:\*\* /);
      expect(now).toMatch(/\*\*Thông báo:\*\* đã gửi [1-9]/);

      await handle.executeUpdate('complete', { args: [{ by: 'Văn phòng UBND huyện' }] });
      await handle.result();
      const after = await currentDetails(workflowId).catch(() => undefined);
      // A finished workflow answers queries from its last state where the server allows it.
      if (after !== undefined) expect(after).toContain('**Kết quả:** Báo cáo đã hoàn thành — Văn phòng UBND huyện');
    });
  }, 90_000);
});

describe('a planner in the Temporal UI', () => {
  it('says which obligation and territory it plans, and what it waits for', async () => {
    const activities = createActivities({ plan: staticPlanSource(config), notifier: capture, client: dev.env.client, taskQueue });
    const { worker } = await bundledWorker(dev.env, { taskQueue, activities });
    await worker.runUntil(async () => {
      const workflowId = `${tag}-planner`;
      dev.leftovers.add(workflowId);
      const input = { plan: config.plan.id, obligation: 'quarterly-briefing', target: 'huyen', notDueBeforeMs: Date.now() };
      const handle = await dev.env.client.workflow.start('plannerWorkflow', plannerStartOptions(index, input, { taskQueue, workflowId }));
      const described = await handle.describe();
      expect(await described.staticSummary()).toBe('Lập lịch: Giao ban — huyện Lục Ngạn');
      expect(await described.staticDetails()).toContain('**Căn cứ:** mục II.1, đoạn 2');
      const waiting = await pollUntil(
        async () => (await handle.fetchHistory()).events?.find((e) => eventTypeName(e) === 'TimerStarted'),
        (e) => e !== undefined,
        { timeoutMs: 20_000 },
      );
      expect(summaryOf(waiting!)).toMatch(/^Mở kỳ quý [IV]+\/\d{4} — 00:00, /);
      expect(await currentDetails(workflowId)).toMatch(/^\*\*Kỳ tiếp theo:\*\* quý [IV]+\/\d{4} \(occ\/quarterly-briefing\/huyen\/\d{4}-Q[1-4]\)/);
    });
  }, 60_000);
});
