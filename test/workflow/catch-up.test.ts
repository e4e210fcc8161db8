/**
 * After an outage, an occurrence catches up with what is true now, not with every notice it
 * missed (domain/catch-up.ts): the worker stopped for a working day, over a weekend, for twenty
 * working days; SMTP refusing mail for two working days; and a delay under the grace.
 *
 * The quarterly briefing of Q3/2024 (due Monday 30/9/2024 08:00; owner Thường trực Huyện ủy,
 * whose only supervisor is Ban Thường vụ): −5 (23/9) owner and participants, −1 (27/9) owner,
 * due (30/9), +1 (1/10), +2 (2/10) owner, +3 (3/10), +7 (9/10), +12 (16/10), +17 (23/10) owner
 * and Ban Thường vụ, closed at +20 (28/10); notices at 07:15:12, huyện's second of the ladder's
 * send window (07:00–07:30).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import type { CapturedNotification } from '../../activities/notify';
import type { StepState } from '../../workflows/messages';
import { at, dondocHarness, shippedPlan, specById, type DondocHarness, type OccurrenceRun } from '../helpers/dondoc-harness';
import { timeSkippingEnv } from '../helpers/temporal';

// A quarterly duty on the standard ladder (the giao ban of Thường trực is never chased).
const BRIEFING = 'occ/chair-working-session/huyen/2024-Q3';
const OWNER = 'ubnd-huyen';
const LEADERSHIP = 'tt-huyen-uy';
const MONITOR = 'ban-dan-van';

let env: TestWorkflowEnvironment;
/** A worker that can be stopped and restarted (no sticky cache), for the outages of the worker. */
let restartable: DondocHarness;
/** A worker as usual, for the SMTP outage (hundreds of workflow tasks: the cache keeps them cheap). */
let cached: DondocHarness;
let h: DondocHarness;
let current: OccurrenceRun | undefined;

beforeAll(async () => {
  env = await timeSkippingEnv();
  restartable = await dondocHarness(env, inject('workflowBundlePath'), { restartable: true });
  cached = await dondocHarness(env, inject('workflowBundlePath'));
});
afterEach(async () => {
  h.failNotices(undefined);
  if (current && (await current.handle.describe()).status.name === 'RUNNING') await current.handle.terminate('test over');
  current = undefined;
});
afterAll(async () => {
  await restartable?.close();
  await cached?.close();
  await env?.teardown();
});

async function briefing(on: DondocHarness): Promise<OccurrenceRun> {
  h = on;
  h.resetNotices();
  current = await h.startOccurrence(specById(BRIEFING));
  return current;
}

/** The worker down from `from` to `to`, then a minute for the new one to catch up: the notices sent at the restart. */
async function outage(r: OccurrenceRun, from: number, to: number): Promise<CapturedNotification[]> {
  await r.advanceTo(from);
  const before = r.notices().length;
  await r.outage(to);
  await r.advanceTo(to + 60_000);
  return r.notices().slice(before);
}

/** Notices received by each body, as [body, step index] pairs. */
function received(notices: CapturedNotification[]): [string, number][] {
  return notices.flatMap((n) => n.step.to.map((body): [string, number] => [body, n.step.index])).sort();
}

/** Working days from the due date to the send time of a notice: what its words must say. */
function workingDaysLate(n: CapturedNotification): number {
  const { index } = shippedPlan();
  return index.calendar.workingDaysBetween(n.occurrence.due, localDateOfInstant(n.logicalAtMs));
}

const skippedOf = (steps: StepState[]) => steps.filter((s) => s.skipped?.length).map((s) => [s.index, s.skipped!.map((x) => [x.body, x.reason, x.by])]);

describe('the worker down, then restarted', () => {
  it('for one working day: the late reminder still goes (it is still true), nothing is skipped', async () => {
    const r = await briefing(restartable);
    const got = await outage(r, at('2024-09-27', '06:00'), at('2024-09-27', '12:00'));
    expect(received(got)).toEqual([[OWNER, 1]]);
    expect(got[0]!.logicalAtMs).toBeGreaterThanOrEqual(at('2024-09-27', '12:00'));
    expect(r.spec.due).toBe('2024-09-30');
    const state = await r.state();
    expect(state.skippedNotices).toBe(0);
    expect(skippedOf(state.steps)).toEqual([]);
  });

  it('for three days over a weekend: only the due-day notice goes; Friday\'s reminder, no longer true, is skipped, and the worker\'s log says so with the reason', async () => {
    const r = await briefing(restartable);
    const stderr = vi.spyOn(process.stderr, 'write');
    const got = await outage(r, at('2024-09-27', '06:00'), at('2024-09-30', '12:00'));
    // The workflow's log goes through the worker's sinks after its activation: wait for the line.
    const loggedLines = () => stderr.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('notices skipped after a late wake') && line.includes(r.handle.workflowId));
    for (let i = 0; i < 50 && loggedLines().length === 0; i++) await new Promise((done) => setTimeout(done, 100));
    const logged = loggedLines();
    stderr.mockRestore();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('[WARN]');
    expect(logged[0]).toContain('"skipped":1,"reasons":{"past-deadline":1}');
    expect(received(got)).toEqual([[OWNER, 2]]);
    expect(got[0]!.step.kind).toBe('due');
    expect(localDateOfInstant(got[0]!.logicalAtMs)).toBe(r.spec.due); // "hôm nay là hạn" is true
    const state = await r.state();
    expect(state.steps[1]).toMatchObject({ kind: 'reminder', state: 'skipped', skipReason: 'past-deadline', skipped: [{ body: OWNER, reason: 'past-deadline' }] });
    expect(state.skippedNotices).toBe(1);
    expect((await r.handle.describe()).memo?.skippedNotices).toBe(1);
  });

  it('for twenty working days: one notice per recipient, the latest escalation, with the days late counted at sending; the ladder goes on', async () => {
    const r = await briefing(restartable);
    const got = await outage(r, at('2024-09-24', '12:00'), at('2024-10-22', '12:00'));
    // −1, due, +1, +2, +3, +7 and +12 were all due: each recipient gets its latest — the owner and
    // Ban Dân vận the +12 escalation; Thường trực, reported to once per late case (+7 only), that one.
    expect(received(got)).toEqual([
      [MONITOR, 7],
      [LEADERSHIP, 6],
      [OWNER, 7],
    ]);
    expect(got).toHaveLength(2);
    const last = got.find((n) => n.step.index === 7)!;
    expect(last.step).toMatchObject({ kind: 'escalation', offset: 12 });
    expect(workingDaysLate(last)).toBe(16); // 30/9 → 22/10: what the notice must say, not "12"
    const state = await r.state();
    expect(state.status).toBe('overdue');
    expect(state.steps.slice(1, 6).map((s) => s.state)).toEqual(Array(5).fill('skipped'));
    expect(state.steps[6]!.state).toBe('sent');
    // "còn 1 ngày" and "hôm nay là hạn" would be false; the others are superseded by +12.
    expect(state.steps[1]!.skipped).toEqual([{ body: OWNER, reason: 'past-deadline' }]);
    expect(state.steps[2]!.skipped).toEqual([{ body: OWNER, reason: 'past-deadline' }]);
    expect(state.steps.slice(3, 7).every((s) => s.skipped!.every((x) => x.reason === 'superseded' && x.by === 7))).toBe(true);
    expect(state.steps[6]!.skipped!.map((x) => x.body).sort()).toEqual([MONITOR, OWNER]);
    expect(state.skippedNotices).toBe(1 + 1 + 1 + 1 + 2 + 2); // −1, due, +1, +2 to the owner; +3, +7 to the owner and Ban Dân vận

    // Then the ladder walks on as before: +17 on 23/10, closed on 28/10.
    await r.advanceTo(at('2024-10-23', '12:00'));
    expect(r.notices().at(-1)!.step).toMatchObject({ index: 8, offset: 17 });
    const final = await r.result();
    expect(final).toMatchObject({ status: 'overdue', final: true });
  });

  it('for less than the grace (an hour and a quarter late): the notice goes as it is, nothing skipped', async () => {
    const r = await briefing(restartable);
    const got = await outage(r, at('2024-09-27', '07:00'), at('2024-09-27', '08:30'));
    expect(received(got)).toEqual([[OWNER, 1]]);
    expect((await r.state()).skippedNotices).toBe(0);
  });
});

describe('SMTP refusing mail', () => {
  it('for two working days: at the end each recipient gets one notice, the latest, and the earlier ones are skipped', async () => {
    const r = await briefing(cached);
    await r.advanceTo(at('2024-09-27', '06:00'));
    let down = true;
    h.failNotices(() => (down ? new Error('421 dịch vụ tạm ngừng') : undefined));
    await r.advanceTo(at('2024-10-01', '06:00')); // Friday and Monday: −1 and the due-day notice fail and wait
    const waiting = await r.state();
    // Friday's reminder, still waiting when the due-day notice came due, was dropped for it; the
    // due-day notice, tried again after the due day ("hôm nay là hạn" would be false), too.
    expect(waiting.steps.slice(1, 3).map((s) => [s.state, s.skipReason])).toEqual([
      ['skipped', 'superseded'],
      ['skipped', 'past-deadline'],
    ]);
    expect(waiting.steps[1]!.skipped).toEqual([{ body: OWNER, reason: 'superseded', by: 2 }]);
    expect(waiting.steps[2]!.attempts).toBeGreaterThan(5);
    down = false;
    const before = r.notices().filter((n) => !n.failed).length;
    await r.advanceTo(at('2024-10-01', '12:00')); // SMTP answers again; +1 comes due at 07:15
    const delivered = r.notices().filter((n) => !n.failed).slice(before);
    expect(received(delivered)).toEqual([[OWNER, 3]]);
    expect((await r.state()).steps[3]!.state).toBe('sent');
    // Since the outage began (failNotices starts a fresh capture) nothing else was delivered.
    expect(r.notices().filter((n) => !n.failed).map((n) => n.step.index)).toEqual([3]);
  });
});
