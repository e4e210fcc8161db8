/**
 * `applyPlan` / `dondoc apply` on the shared dev server: one planner per (obligation, target),
 * idempotent, `--dry-run` starts nothing.
 *
 * Planner ids are `planner/<obligation>/<target>` and do not name the plan, so the tests on a
 * test config rename its obligations with a unique tag. The shipped-plan CLI run below is the
 * ONLY test of the integration suite that may create the shipped ids `planner/<obligation>/<target>`
 * on the shared server's `default` namespace.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { captureNotifier } from '../../activities/notify';
import { staticPlanSource, type PlanSource } from '../../config/plan-source';
import { loadConfig } from '../../config/load';
import { toInstantMs } from '../../domain/calendar/local-date';
import type { Config } from '../../domain/model';
import { nextOccurrence } from '../../domain/planning';
import { applyPlan, type ApplyReport } from '../../client/apply-plan';
import { plannerQuery } from '../../workflows/messages';
import { plannerId, type PlannerResult } from '../../workflows/planner';
import { SA } from '../../workflows/search-attributes';
import { lines, runDondoc } from '../helpers/cli';
import { planIndex, pollUntil, testConfig, uniqueTag } from '../helpers/integration-plan';
import { bundledWorker, useDevServer } from '../helpers/temporal';

const dev = useDevServer();
const leftovers = dev.leftovers;

const TWO_OBLIGATIONS = ['quarterly-briefing', 'great-unity-day'];

function plannerIds(config: Config): string[] {
  const index = planIndex(config);
  return config.plan.obligations.flatMap((o) => index.targets(o.id).map((t) => plannerId(o.id, t.key))).sort();
}

async function workerFor(config: Config | PlanSource, taskQueue: string) {
  const plan = 'current' in config ? config : staticPlanSource(config);
  const activities = createActivities({ plan, notifier: captureNotifier(), client: dev.env.client, taskQueue });
  return (await bundledWorker(dev.env, { taskQueue, activities })).worker;
}

describe('applyPlan on a live test plan', () => {
  it('starts one planner per (obligation, target) once; a second run starts none and reports them running', async () => {
    const tag = uniqueTag('ap');
    const config = testConfig({ tag, obligations: TWO_OBLIGATIONS, renameObligations: true });
    const index = planIndex(config);
    const ids = plannerIds(config);
    // quarterly-briefing: the district alone; great-unity-day: every commune's Front.
    const communes = config.directory.units.filter((u) => u.level === 'commune').length;
    expect(ids).toHaveLength(1 + communes);
    const N = ids.length;
    const taskQueue = `itest-apply-${tag}`;
    const worker = await workerFor(config, taskQueue);

    await worker.runUntil(async () => {
      const first = await applyPlan(dev.env.client, index, { taskQueue });
      for (const id of ids) leftovers.add(id);
      expect(first.counts).toEqual({ started: N, 'would-start': 0, running: 0, finished: 0 });
      expect(first.planners.map((p) => p.id).sort()).toEqual(ids);
      expect(new Set(first.planners.map((p) => p.fate))).toEqual(new Set(['started']));

      const second = await applyPlan(dev.env.client, index, { taskQueue });
      expect(second.counts).toEqual({ started: 0, 'would-start': 0, running: N, finished: 0 });
      expect(second.planners.map((p) => p.id).sort()).toEqual(ids);

      const dry = await applyPlan(dev.env.client, index, { taskQueue, dryRun: true });
      expect(dry.counts).toEqual({ started: 0, 'would-start': 0, running: N, finished: 0 });

      // The planners are live, not just started: the district's quarterly-briefing planner has
      // asked for its next occurrence and opened it if its opening day has come.
      const obligation = `quarterly-briefing-${tag}`;
      const expected = nextOccurrence(index, index.target(obligation, 'huyen'), { notDueBeforeMs: Date.now() }).occurrence;
      expect(expected).toBeDefined();
      const opened = toInstantMs(expected!.opensOn, '00:00') <= Date.now();
      const planner = dev.env.client.workflow.getHandle(plannerId(obligation, 'huyen'));
      const state = await pollUntil(
        () => planner.query(plannerQuery),
        (s) => s.started === (opened ? 1 : 0) && s.next !== undefined && (opened ? s.next.id !== expected!.id : s.next.id === expected!.id),
        { timeoutMs: 15_000 },
      );
      expect(state.started).toBe(opened ? 1 : 0);
      if (opened) {
        leftovers.add(expected!.id);
        const occ = await dev.env.client.workflow.getHandle(expected!.id).describe();
        expect(occ.status.name).toBe('RUNNING');
        expect(occ.typedSearchAttributes.get(SA.plan)).toBe(config.plan.id);
        expect(occ.typedSearchAttributes.get(SA.kind)).toBe('occurrence');
      }
    });
  });

  it('--dry-run starts nothing', async () => {
    const tag = uniqueTag('ap');
    const config = testConfig({ tag, obligations: TWO_OBLIGATIONS, renameObligations: true });
    const ids = plannerIds(config);
    const report = await applyPlan(dev.env.client, planIndex(config), { taskQueue: `itest-apply-${tag}`, dryRun: true });
    expect(report.counts).toEqual({ started: 0, 'would-start': ids.length, running: 0, finished: 0 });
    expect(report.planners.map((p) => p.id).sort()).toEqual(ids);
    for (const id of ids) leftovers.add(id); // in case the dry run did start something
    const found = await Promise.all(
      ids.map((id) =>
        dev.env.client.workflow
          .getHandle(id)
          .describe()
          .then(
            () => 'exists',
            (err: unknown) => (err instanceof WorkflowNotFoundError ? 'missing' : String(err)),
          ),
      ),
    );
    expect(new Set(found)).toEqual(new Set(['missing']));
  });

  // Regression, once a bug: planner ids are `planner/<obligation>/<target>` and do not name the plan, and apply
  // leaves a finished planner alone. When the 2021–2025 plan has ended and its successor plan
  // (new plan id, new period) keeps the obligation ids — as a 2026–2030 plan would — `apply`
  // reports every planner "finished" and starts none: the new plan never runs.
  // Fix (client/apply-plan.ts): when the existing planner is finished and belongs to another
  // plan (its DondocPlan search attribute, or its input's `plan`, differs from
  // `index.config.plan.id`), start a new run under the same id (the default reuse policy allows
  // it) and count it `started`; or put the plan id in the planner id
  // (`planner/<plan>/<obligation>/<target>`).
  it('a successor plan that keeps the obligation ids of an ended plan gets its planners started', async () => {
    const tag = uniqueTag('ap');
    const ended = testConfig({
      tag,
      obligations: ['quarterly-briefing'],
      renameObligations: true,
      planId: `itest-${tag}-2021-2025`,
      period: { from: '2021-08-31', to: '2025-12-31' },
    });
    const successor = testConfig({ tag, obligations: ['quarterly-briefing'], renameObligations: true, planId: `itest-${tag}-next` });
    // The worker's plan source follows the files: first the ended plan, then its successor.
    let current = planIndex(ended);
    const taskQueue = `itest-apply-${tag}`;
    const worker = await workerFor({ current: () => current }, taskQueue);
    const id = plannerId(`quarterly-briefing-${tag}`, 'huyen');
    leftovers.add(id);

    await worker.runUntil(async () => {
      const first = await applyPlan(dev.env.client, current, { taskQueue });
      expect(first.counts.started).toBe(1);
      const result = (await dev.env.client.workflow.getHandle(id).result()) as PlannerResult;
      expect(result.reason).toBe('plan-ended');

      current = planIndex(successor);
      const second = await applyPlan(dev.env.client, current, { taskQueue });
      expect(second.counts).toEqual({ started: 1, 'would-start': 0, running: 0, finished: 0 });
    });
  });
});

describe('dondoc apply --json on the shipped plan', () => {
  it('starts every planner once; they finish at once (the plan has ended); a second run starts none', { timeout: 180_000 }, async () => {
    const { config } = loadConfig();
    const ids = plannerIds(config);
    const tag = uniqueTag('cli');
    const taskQueue = `itest-apply-${tag}`;
    const worker = await workerFor(config, taskQueue);
    const cliEnv = { TEMPORAL_ADDRESS: inject('temporalAddress'), DONDOC_TASK_QUEUE: taskQueue };

    await worker.runUntil(async () => {
      const first = await runDondoc(['apply', '--json'], cliEnv, 90_000);
      for (const id of ids) leftovers.add(id);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const report = JSON.parse(first.stdout) as ApplyReport;
      expect(Object.keys(report).sort()).toEqual(['counts', 'planners']);
      expect(report.counts).toEqual({ started: ids.length, 'would-start': 0, running: 0, finished: 0 });
      expect(report.planners.map((p) => p.id).sort()).toEqual(ids);
      for (const p of report.planners) {
        expect(Object.keys(p).sort()).toEqual(['fate', 'id']);
        expect(p.id).toMatch(/^planner\/[a-z0-9-]+\/[a-z0-9-]+(\/[a-z0-9-]+)?$/);
      }

      // A second run starts nothing, whether the first run's planners are still running or
      // done; the dry run (human-readable) says the same.
      const [second, dry] = await Promise.all([runDondoc(['apply', '--json'], cliEnv, 90_000), runDondoc(['apply', '--dry-run'], cliEnv, 90_000)]);
      expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' });
      const again = JSON.parse(second.stdout) as ApplyReport;
      expect(again.counts.started).toBe(0);
      expect(again.counts['would-start']).toBe(0);
      expect(again.counts.running + again.counts.finished).toBe(ids.length);
      expect(again.planners.map((p) => p.id).sort()).toEqual(ids);
      expect(dry.code).toBe(0);
      const line = lines(dry.stdout);
      expect(line).toHaveLength(1);
      const m = /^Sẽ khởi động 0 bộ lập lịch; (\d+) đang chạy, (\d+) đã kết thúc\.$/.exec(line[0]!);
      expect(m, line[0]).not.toBeNull();
      expect(Number(m![1]) + Number(m![2])).toBe(ids.length);

      // Against today's clock nothing is left to open: the planners end at once, having
      // started no occurrence (plan-ended, or unit-ended: every unit of the shipped directory
      // ended before the plan did).
      for (const sample of [plannerId('quarterly-briefing', 'huyen'), plannerId('great-unity-day', 'bien-son'), plannerId('creative-activity-registration', 'chu/mttq')]) {
        const r = (await dev.env.client.workflow.getHandle(sample).result()) as PlannerResult;
        expect(['plan-ended', 'unit-ended']).toContain(r.reason);
        expect(r.started).toBe(0);
      }
      const occurrences = await dev.env.client.workflow.count(`TaskQueue = '${taskQueue}' AND WorkflowType = 'occurrenceWorkflow'`);
      expect(occurrences.count).toBe(0);
    });
  });
});
