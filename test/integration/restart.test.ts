/**
 * Durability on the real dev server: the worker stops in the middle of an occurrence's
 * timeline and a new one takes over; a notice whose first attempt fails is retried. Every
 * step of the timeline is notified exactly once either way.
 *
 * The notifier here records every call (no de-duplication), so a repeated notice would show.
 */
import { describe, it } from 'vitest';
import { createActivities } from '../../activities';
import { staticPlanSource } from '../../config/plan-source';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { loadConfig } from '../../config/load';
import {
  planIndex,
  pollUntil,
  recordingNotifier,
  sleep,
  startOccurrence,
  testConfig,
  uniqueTag,
} from '../helpers/integration-plan';
import { bundledWorker, useDevServer } from '../helpers/temporal';

const dev = useDevServer();
const leftovers = dev.leftovers;

/** The two tests wait on real timers; they run side by side to keep the file short. */
describe.concurrent('notices survive a worker restart and a failed attempt', () => {
  it('stopping the worker after the 3rd notice and starting another repeats none, and skips only what fell due meanwhile and was superseded', { timeout: 90_000 }, async ({ expect }) => {
    const STEP = 1500;
    const { config } = loadConfig();
    const index = planIndex(config);
    const tag = uniqueTag('rs');
    const taskQueue = `itest-restart-${tag}`;
    const workflowId = `itest-restart/${tag}/ladder`;
    leftovers.add(workflowId);
    const notifier = recordingNotifier();
    const activities = createActivities({ plan: staticPlanSource(config), notifier, client: dev.env.client, taskQueue });

    // The shipped standard ladder, one working day = 1.5 s: reminders −5 and −1, due, overdue
    // +1 and +2, escalations +3, +7, +12, +17, closed at +20 (39 s from now).
    const spec = drillSpec(index, 'chair-working-session', 'huyen', Date.now(), STEP, drillTail());
    const expected = spec.steps.filter((s) => s.kind !== 'close').map((s) => s.index);
    expect(expected).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(spec.steps.at(-1)!.kind).toBe('close');

    const first = (await bundledWorker(dev.env, { taskQueue, activities })).worker;
    const firstRun = first.run();
    const handle = await startOccurrence(dev.env.client, spec, { workflowId, taskQueue });
    const three = await pollUntil(() => notifier.of(spec.id).length, (n) => n >= 3, { timeoutMs: 20_000, intervalMs: 20 });
    expect(three).toBeGreaterThanOrEqual(3);
    first.shutdown();
    await firstRun;
    // Usually exactly three; a loaded machine may let the first worker send one more.
    const beforeRestart = notifier.of(spec.id).map((n) => n.step);
    const k = beforeRestart.length;
    expect(k).toBeGreaterThanOrEqual(3);
    expect(beforeRestart).toEqual(expected.slice(0, k));

    await sleep(3 * STEP); // steps fall due while no worker runs
    const restartedAt = Date.now();
    const second = (await bundledWorker(dev.env, { taskQueue, activities })).worker;
    const result = await second.runUntil(handle.result());

    // Of the steps that fell due while no worker ran, each body got only the latest (the
    // catch-up rule, domain/catch-up.ts); the others are recorded as skipped. Nothing repeated.
    const notices = notifier.of(spec.id);
    const skippedSteps = result.steps.filter((s) => s.state === 'skipped').map((s) => s.index);
    expect(skippedSteps.length).toBeGreaterThan(0);
    expect(notices.map((n) => n.step)).toEqual(expected.filter((i) => !skippedSteps.includes(i)));
    expect(notifier.attempts.filter((n) => n.occurrence === spec.id).map((n) => n.step)).toEqual(notices.map((n) => n.step));
    for (const i of skippedSteps) {
      const s = result.steps[i]!;
      expect(s.atMs).toBeLessThan(restartedAt); // only steps that fell due during the outage
      expect(['superseded', 'past-deadline']).toContain(s.skipReason);
    }
    // The rest came from the second worker, none before its step's time, including the latest
    // of the steps that fell due while no worker ran (sent late, once).
    for (const n of notices.slice(k)) expect(n.atMs).toBeGreaterThanOrEqual(restartedAt);
    expect(notices.slice(k).filter((n) => spec.steps[n.step]!.atMs < restartedAt).length).toBeGreaterThan(0);
    for (const n of notices) expect(n.atMs).toBeGreaterThanOrEqual(spec.steps[n.step]!.atMs - 100);

    expect(result.status).toBe('overdue');
    expect(result.final).toBe(true);
    expect(result.statusLabel).toBe('quá hạn, chưa hoàn thành');
    expect(result.steps.filter((s) => !skippedSteps.includes(s.index)).every((s) => s.state === 'sent')).toBe(true);
    const described = await handle.describe();
    expect(described.status.name).toBe('COMPLETED');
  });

  it('a notice that fails once (plain Error) is retried and delivered exactly once', { timeout: 90_000 }, async ({ expect }) => {
    // Steps 20 s apart: the retry (15 s after the failure) comes before the next step could supersede it.
    const STEP = 20_000;
    const tag = uniqueTag('rs');
    // The shipped drill ladder: reminders −2 and −1, due, +1, +2, +3, +5, closed at +8.
    const config = testConfig({ tag, obligations: ['quarterly-briefing'], ladder: 'drill' });
    const taskQueue = `itest-restart-${tag}`;
    const workflowId = `itest-restart/${tag}/retry`;
    leftovers.add(workflowId);
    const notifier = recordingNotifier();
    const activities = createActivities({ plan: staticPlanSource(config), notifier, client: dev.env.client, taskQueue });
    const spec = drillSpec(planIndex(config), 'quarterly-briefing', 'huyen', Date.now(), STEP, drillTail());
    const expected = spec.steps.filter((s) => s.kind !== 'close').map((s) => s.index);
    expect(expected).toHaveLength(7);
    const FAILING = 0; // the first reminder
    notifier.failFirst(spec.id, FAILING);

    const { worker } = await bundledWorker(dev.env, { taskQueue, activities });
    const result = await worker.runUntil(async () => {
      const handle = await startOccurrence(dev.env.client, spec, { workflowId, taskQueue });
      await pollUntil(() => notifier.delivered.filter((n) => n.step === FAILING).length, (n) => n > 0, { timeoutMs: 40_000 });
      await handle.executeUpdate('complete', { args: [{ by: 'tt-huyen-uy' }] }); // ends it before the next step
      return handle.result();
    });

    const attempts = notifier.attempts.filter((n) => n.step === FAILING);
    expect(attempts).toHaveLength(2);
    // The workflow's retry policy: first retry after 15 s.
    expect(attempts[1]!.atMs - attempts[0]!.atMs).toBeGreaterThanOrEqual(14_000);
    expect(notifier.delivered.filter((n) => n.step === FAILING)).toHaveLength(1);
    expect(notifier.delivered.map((n) => n.step)).toEqual([FAILING]);

    const failed = result.steps.find((s) => s.index === FAILING)!;
    expect(failed.state).toBe('sent');
    expect(failed.failures).toBeUndefined();
    expect(result.status).toBe('done-on-time');
  });
});
