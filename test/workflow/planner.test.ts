/**
 * The planner workflow on the time-skipping server: one planner per (obligation, target)
 * over 2024 of the shipped plan, starting real occurrence workflows through its activity.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { captureNotifier } from '../../activities/notify';
import { staticPlanSource } from '../../config/plan-source';
import { nextOccurrence, plannedOccurrences, type PlannerWindow } from '../../domain/planning';
import { specOf } from '../../domain/spec';
import { pauseSignal, plannerQuery, resumeSignal } from '../../workflows/messages';
import type { PlannerInput } from '../../workflows/planner';
import { at, dondocHarness, eventTypeName, shippedPlan, specById, type DondocHarness, type PlannerRun } from '../helpers/dondoc-harness';
import { timeSkippingEnv } from '../helpers/temporal';

const MINUTE = 60_000;
/** A run's own events: its start, its first workflow task, the patch marker, its end. */
const RUN_BASE_EVENTS = 5;
/** Each cycle: the timer's workflow task, the timer, the marker of its one local activity (a start and the next). */
const CYCLE_EVENTS = 6;

let env: TestWorkflowEnvironment;
let h: DondocHarness;

beforeAll(async () => {
  env = await timeSkippingEnv();
  h = await dondocHarness(env, inject('workflowBundlePath'));
});
afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

type Planned = { obligation: string; target: string; window: PlannerWindow };

/** What the domain's planner rule says this planner opens: ids and opening days, in order. */
function expected({ obligation, target, window }: Planned) {
  const { index } = shippedPlan();
  return plannedOccurrences(index, index.target(obligation, target), window);
}

/** Why the domain's rule stops the planner after its last occurrence. */
function expectedEnd(p: Planned): string {
  const { index } = shippedPlan();
  const last = expected(p).at(-1);
  const step = nextOccurrence(index, index.target(p.obligation, p.target), p.window, last && { opensOn: last.opensOn, id: last.id });
  if (step.occurrence) throw new Error('the planner would not stop');
  return step.reason;
}

/** startOccurrence calls made for one target (`unit` or `unit/owner`) since `from` (an index into h.starts). */
function startsOf(obligation: string, target: string, from = 0) {
  const [unit, owner] = target.split('/');
  return h.starts.slice(from).filter((s) => s.id.startsWith(`occ/${obligation}/${unit}/`) && (!owner || s.id.endsWith(`/${owner}`)));
}

function plannerInput(p: Planned): Omit<PlannerInput, 'timeOffsetMs' | 'plan'> {
  return { obligation: p.obligation, target: p.target, notDueBeforeMs: p.window.notDueBeforeMs, until: p.window.until };
}

/** Every run but the last continued as new; each run's history holds at most `limit(run)` events. */
async function expectRuns(planner: PlannerRun, count: number, limit: (run: number) => number): Promise<number[]> {
  const runs = await planner.runs();
  expect(runs).toHaveLength(count);
  const lastTypes = runs.map((r) => eventTypeName(r.events.at(-1)!));
  expect(lastTypes).toEqual([...Array(count - 1).fill('WorkflowExecutionContinuedAsNew'), 'WorkflowExecutionCompleted']);
  const sizes = runs.map((r) => r.events.length);
  for (const [i, size] of sizes.entries()) expect(size, `run ${i + 1}`).toBeLessThanOrEqual(limit(i));
  return sizes;
}

/** The events of a run that opens `cycles` occurrences. */
const runEvents = (cycles: number) => RUN_BASE_EVENTS + CYCLE_EVENTS * cycles;

describe('over 2024', () => {
  const FROM = at('2024-01-01');
  const window: PlannerWindow = { notDueBeforeMs: FROM, until: '2024-12-31' };
  const targets: Planned[] = [
    { obligation: 'quarterly-briefing', target: 'huyen', window }, // 4 quarters
    { obligation: 'veterans-chair-indicator', target: 'huyen', window }, // 1 year; none in 2025: the district ends on 30/6/2025
    { obligation: 'creative-activity-registration', target: 'huyen/mttq', window }, // one owner of an `each` obligation
    { obligation: 'chair-working-session', target: 'bien-son', window }, // two schedules: 4 quarters and the year
  ];

  it('the domain rule stops these planners for both reasons', () => {
    expect(targets.map(expectedEnd)).toEqual(['until-reached', 'unit-ended', 'until-reached', 'until-reached']);
  });

  it('each planner starts its occurrences once each, in order, at their opening, all in one run', async () => {
    const mark = h.starts.length;
    const planners = [];
    for (const p of targets) planners.push(await h.startPlanner(plannerInput(p), { startAtMs: FROM }));
    // One result at a time: time skipping is global to the server.
    const results = [];
    for (const planner of planners) results.push(await planner.result());

    const sizes: Record<string, number[]> = {};
    for (const [i, p] of targets.entries()) {
      const want = expected(p);
      expect(want.length).toBeGreaterThan(0);
      expect(results[i]).toEqual({ reason: expectedEnd(p), started: want.length });
      const got = startsOf(p.obligation, p.target, mark);
      expect(got.map((s) => s.id)).toEqual(want.map((o) => o.id));
      expect(got.every((s) => s.started)).toBe(true);
      for (const [k, s] of got.entries()) {
        const opensAt = at(want[k]!.opensOn);
        expect(s.logicalAtMs).toBeGreaterThanOrEqual(opensAt);
        expect(s.logicalAtMs - opensAt).toBeLessThan(MINUTE);
      }
      // The occurrence workflows exist under their readable ids.
      for (const o of want) expect((await env.client.workflow.getHandle(o.id).describe()).type).toBe('occurrenceWorkflow');
      sizes[p.target + ' ' + p.obligation] = await expectRuns(planners[i]!, 1, () => runEvents(want.length));
    }
    console.log('[history] planner events in its one run:', JSON.stringify(sizes));
  });
});

it('a run continues as new once its history reaches the limit, and the planner goes on where it stopped', async () => {
  const mark = h.starts.length;
  // Monthly, from January to June: six cycles.
  const p: Planned = { obligation: 'citizen-reception-invite', target: 'cam-son', window: { notDueBeforeMs: at('2024-01-01'), until: '2024-06-30' } };
  const historyLimit = 15;
  const planner = await h.startPlanner({ ...plannerInput(p), historyLimit }, { startAtMs: at('2024-01-01') });
  const want = expected(p);
  expect(want).toHaveLength(6);
  expect(await planner.result()).toEqual({ reason: 'until-reached', started: 6 });
  expect(startsOf(p.obligation, p.target, mark).map((s) => s.id)).toEqual(want.map((o) => o.id));
  // A run ends after the cycle in which its history reached the limit: over it by that cycle and its end at most.
  const runs = await planner.runs();
  expect(runs.length).toBeGreaterThan(1);
  expect(runs.length).toBeLessThan(want.length); // not one run a cycle
  await expectRuns(planner, runs.length, () => historyLimit + CYCLE_EVENTS + 2);
});

it('pause stops new occurrences from starting; resume goes on', async () => {
  const mark = h.starts.length;
  const p: Planned = { obligation: 'citizen-reception-invite', target: 'bien-son', window: { notDueBeforeMs: at('2024-01-01'), until: '2024-04-30' } };
  const planner = await h.startPlanner(plannerInput(p), { startAtMs: at('2024-01-01') });
  const month = (s: { id: string }) => s.id.split('/')[3];

  await planner.advanceTo(at('2024-01-10', '12:00'));
  expect(startsOf(p.obligation, 'bien-son', mark).map(month)).toEqual(['2024-01']);
  await planner.handle.signal(pauseSignal);
  await planner.advanceTo(at('2024-03-20', '12:00')); // past the openings of February and March
  expect(startsOf(p.obligation, 'bien-son', mark).map(month)).toEqual(['2024-01']);
  const paused = await planner.handle.query(plannerQuery);
  expect(paused).toMatchObject({ paused: true, started: 1, next: { id: 'occ/citizen-reception-invite/bien-son/2024-02' } });

  const resumedAt = at('2024-03-20', '12:00');
  await planner.handle.signal(resumeSignal);
  expect(await planner.result()).toEqual({ reason: 'until-reached', started: 4 });
  const starts = startsOf(p.obligation, 'bien-son', mark);
  expect(starts.map(month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
  // What was due to open while paused opens on resume (a catch-up, in order); April on its day.
  for (const s of starts.slice(1, 3)) expect(s.logicalAtMs).toBeGreaterThanOrEqual(resumedAt);
  expect(starts[3]!.logicalAtMs - at('2024-04-01')).toBeLessThan(MINUTE);
  expect(starts[3]!.logicalAtMs).toBeGreaterThanOrEqual(at('2024-04-01'));
  // The run also holds the two signals and the workflow tasks they woke.
  const sizes = await expectRuns(planner, 1, () => runEvents(4) + 8);
  console.log('[history] planner paused and resumed, events per run:', JSON.stringify(sizes));
});

it('a planner whose unit ends stops with reason unit-ended', async () => {
  // Thị trấn Chũ leaves the district on 31/12/2024.
  const p: Planned = { obligation: 'citizen-reception-invite', target: 'chu', window: { notDueBeforeMs: at('2024-11-01') } };
  const planner = await h.startPlanner(plannerInput(p), { startAtMs: at('2024-11-01') });
  expect(await planner.result()).toEqual({ reason: 'unit-ended', started: 2 });
  expect(expected(p).map((o) => o.period.key)).toEqual(['2024-11', '2024-12']);
  await expectRuns(planner, 1, () => runEvents(2));
});

it('a planner started mid-term skips occurrences already past due and opens those already open at once', async () => {
  const mark = h.starts.length;
  const startAt = at('2024-05-20', '09:00');
  const p: Planned = { obligation: 'chair-working-session', target: 'huyen', window: { notDueBeforeMs: startAt, until: '2024-09-30' } };
  // Q1 (due 29/3) is past; the year (opened 1/1) and Q2 (opened 1/4) are open; Q3 opens on 1/7.
  expect(expected(p).map((o) => o.period.key)).toEqual(['2024', '2024-Q2', '2024-Q3']);
  const planner = await h.startPlanner(plannerInput(p), { startAtMs: startAt });
  expect(await planner.result()).toEqual({ reason: 'until-reached', started: 3 });
  const starts = startsOf(p.obligation, p.target, mark);
  expect(starts.map((s) => s.id.split('/')[3])).toEqual(['2024', '2024-Q2', '2024-Q3']);
  for (const s of starts.slice(0, 2)) expect(s.logicalAtMs - startAt).toBeLessThan(MINUTE);
  expect(starts[2]!.logicalAtMs - at('2024-07-01')).toBeLessThan(MINUTE);
  expect(starts[2]!.logicalAtMs).toBeGreaterThanOrEqual(at('2024-07-01'));
});

it('startOccurrence is idempotent: a second start, concurrent or later, finds the occurrence there', async () => {
  const { config } = shippedPlan();
  const activities = createActivities({ plan: staticPlanSource(config), notifier: captureNotifier(), client: env.client, taskQueue: h.taskQueue });
  const spec = specById('occ/great-unity-day/bien-son/2024');
  const timeOffsetMs = await h.offsetFor(at(spec.opensOn));

  const first = await Promise.all([activities.startOccurrence({ spec, timeOffsetMs }), activities.startOccurrence({ spec, timeOffsetMs })]);
  expect(first.sort()).toEqual([false, true]);
  const handle = env.client.workflow.getHandle(spec.id);
  const { runId } = await handle.describe();
  expect(await activities.startOccurrence({ spec, timeOffsetMs })).toBe(false);
  expect((await handle.describe()).runId).toBe(runId);

  // Finished occurrences are not started again either.
  await handle.terminate('test');
  expect(await activities.startOccurrence({ spec, timeOffsetMs })).toBe(false);
  expect((await handle.describe()).runId).toBe(runId);
  // The same spec rebuilt by a later planner cycle is the same workflow id.
  const { index } = shippedPlan();
  const again = specOf(index, index.occurrencesOf(index.target('great-unity-day', 'bien-son'), '2024-01-01', '2024-12-31')[0]!);
  expect(again.id).toBe(spec.id);
});
