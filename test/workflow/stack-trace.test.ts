/**
 * The "Stack Trace" of the Temporal UI (the `__stack_trace` query) with the sandbox's limit of six
 * frames (workflows/stack-trace-limit.ts): each awaited promise's stack is cut short, and the
 * trace still says where in dondoc's code a waiting workflow waits. In a simulation's bundle
 * (workflows/stack-traces-off.ts) it has no frames at all.
 */
import { describe, expect, it } from 'vitest';
import { plannerQuery } from '../../workflows/messages';
import { at, specById } from '../helpers/dondoc-harness';
import { useHarness, type HarnessInUse } from '../helpers/use-harness';

/** The stacks of the trace: one per awaited promise, separated by a blank line. */
const stacksOf = (trace: string) => trace.split(/\n\s*\n/).map((s) => s.split('\n').filter((l) => l.trim().startsWith('at ')));

// Six frames, of which the SDK's promise hook takes two (its own and Node's): four shown.
const SHOWN = 4;

/** The quarterly briefing's planner, waiting for the second quarter to open: its trace. */
async function waitingPlannerTrace(harness: HarnessInUse): Promise<string> {
  const p = await harness.h.startPlanner(
    { obligation: 'quarterly-briefing', target: 'huyen', notDueBeforeMs: at('2024-01-01'), until: '2024-12-31' },
    { startAtMs: at('2024-01-01') },
  );
  await p.advanceTo(at('2024-01-01') + 3600_000);
  expect((await p.handle.query(plannerQuery)).next?.id).toBe('occ/quarterly-briefing/huyen/2024-Q2');
  return p.handle.query<string>('__stack_trace');
}

describe("the worker's bundle", () => {
  const harness = useHarness();

  it('an occurrence waiting for its next notice: stacks of at most four frames, naming waitUntil and walk', async () => {
    const spec = specById('occ/great-unity-day/bien-son/2024');
    const occ = harness.track(await harness.h.startOccurrence(spec, { startAtMs: at(spec.opensOn) }));
    await occ.advanceTo(at(spec.opensOn) + 3600_000);
    const trace = await occ.handle.query<string>('__stack_trace');
    const stacks = stacksOf(trace);
    expect(stacks.length).toBeGreaterThan(1);
    for (const s of stacks) expect(s.length, s.join('\n')).toBeLessThanOrEqual(SHOWN);
    expect(trace).toMatch(/at waitUntil \(.*workflows\/occurrence\.ts:\d+:\d+\)/);
    expect(trace).toMatch(/at walk \(.*workflows\/occurrence\.ts:\d+:\d+\)/);
  });

  it('a planner waiting for its next opening: stacks of at most four frames, naming untilOpen', async () => {
    const trace = await waitingPlannerTrace(harness);
    for (const s of stacksOf(trace)) expect(s.length, s.join('\n')).toBeLessThanOrEqual(SHOWN);
    expect(trace).toMatch(/at untilOpen \(.*workflows\/planner\.ts:\d+:\d+\)/);
  });
});

describe("a simulation's bundle", () => {
  const harness = useHarness('simulationBundlePath');

  it('a planner waiting for its next opening: a trace without a frame', async () => {
    const trace = await waitingPlannerTrace(harness);
    expect(stacksOf(trace).flat()).toEqual([]);
    expect(trace).not.toMatch(/untilOpen|planner\.ts/);
  });
});
