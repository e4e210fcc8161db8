/**
 * Withdrawing a result on the time-skipping server: an official undoes, from the same link and
 * within its window, a result sent by mistake; the monitor reopens a result, while the run still
 * waits after it or once it has finished (a new run under the same id that carries the state).
 * Either way the timeline records it, the status and search attributes follow, and the notices
 * the result had stopped are owed again.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, ActionRefused, reopen } from '../../client/occurrence-actions';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import { completeUpdate, reopenUpdate, undoUpdate } from '../../workflows/messages';
import { UNDO_WINDOW_PATCH } from '../../workflows/occurrence';
import { SA } from '../../workflows/search-attributes';
import { at, eventTypeName, specById, type DondocHarness, type OccurrenceRun } from '../helpers/dondoc-harness';
import { useHarness } from '../helpers/use-harness';

/** The ids of the patches a history's markers record. */
const patchIds = (events: Awaited<ReturnType<OccurrenceRun['history']>>) =>
  events
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map((e) => (JSON.parse(Buffer.from(e.markerRecordedEventAttributes!.details!['patch-data']!.payloads![0]!.data!).toString()) as { id: string }).id);

const BRIEFING = 'occ/chair-working-session/huyen/2024-Q3'; // owner ubnd-huyen (standard ladder; the giao ban of Thường trực is never chased), due Mon 30/9/2024, reminders at −5 and −1
const RECEPTION_CHU_DEC = 'occ/citizen-reception-invite/chu/2024-12'; // thị trấn Chũ ends 31/12/2024
const MINUTE = 60_000;
const OWNER = 'ubnd-huyen';
const fromLink = { by: 'Nguyễn Văn An (Thường trực Huyện ủy)', body: OWNER, undoMinutes: 30 };
const undo = { by: 'Thường trực Huyện ủy', body: OWNER, action: 'complete' as const };

const harness = useHarness();
let env: TestWorkflowEnvironment;
let h: DondocHarness;
beforeAll(() => {
  ({ env, h } = harness);
});

async function run(id: string): Promise<OccurrenceRun> {
  h.resetNotices();
  return harness.track(await h.startOccurrence(specById(id)));
}

const noonOf = (r: OccurrenceRun, index: number) => at(localDateOfInstant(r.spec.steps[index]!.atMs), '12:00');

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => new Error('accepted'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as Error).message;
}

async function searchAttributes(r: OccurrenceRun) {
  const sa = (await env.client.workflow.getHandle(r.handle.workflowId).describe()).typedSearchAttributes;
  return { status: sa.get(SA.status), resolvedAt: sa.get(SA.resolvedAt) };
}

describe('undo from the same link', () => {
  it('within the window: the result is withdrawn and kept in the timeline, the status and search attributes go back, the notices it stopped go out', async () => {
    const r = await run(BRIEFING);
    await r.advanceTo(noonOf(r, 0)); // after the first reminder
    const done = await r.handle.executeUpdate(completeUpdate, { args: [{ ...fromLink, note: 'Bấm nhầm' }] });
    const doneAt = done.resolution!.atMs;
    expect(done).toMatchObject({ status: 'done-on-time', final: true, resolution: { body: OWNER, undoUntilMs: doneAt + 30 * MINUTE } });
    expect((await r.handle.describe()).status.name).toBe('RUNNING'); // it waits for the window
    expect(await searchAttributes(r)).toMatchObject({ status: 'done-on-time' });

    await r.advanceTo(doneAt + 10 * MINUTE);
    const undone = await r.handle.executeUpdate(undoUpdate, { args: [undo] });
    expect(undone).toMatchObject({ status: 'open', final: false });
    expect(undone.resolution).toBeUndefined();
    expect(undone.withdrawn).toEqual([
      { how: 'undo', by: 'Thường trực Huyện ủy', atMs: expect.any(Number), resolution: done.resolution, status: 'done-on-time' },
    ]);
    expect(undone.steps.map((s) => s.state)).toEqual(['sent', ...Array(9).fill('pending')]);
    expect(await searchAttributes(r)).toEqual({ status: 'open', resolvedAt: undefined });

    // The ladder goes on: the last reminder and the due-day notice reach the owner again.
    await r.advanceTo(at(r.spec.due, '12:00'));
    expect(r.notices().map((n) => n.step.kind)).toEqual(['reminder', 'reminder', 'due']);
    // Done again from the link, this time left: the run ends when the window does.
    await r.handle.executeUpdate(completeUpdate, { args: [fromLink] });
    const final = await r.result();
    expect(final).toMatchObject({ status: 'done-on-time', final: true, resolution: { by: fromLink.by, body: OWNER } });
    expect(final.withdrawn).toHaveLength(1);
    const events = await r.history();
    expect(patchIds(events)).toContain(UNDO_WINDOW_PATCH);
    expect(eventTypeName(events.at(-1)!)).toBe('WorkflowExecutionCompleted');
  });

  it('refused from another body or another action, and after the window; then the run ends with its result', async () => {
    const r = await run(BRIEFING);
    await r.advanceTo(noonOf(r, 1));
    await r.handle.executeUpdate(completeUpdate, { args: [fromLink] });
    expect(await refusal(r.handle.executeUpdate(undoUpdate, { args: [{ ...undo, body: 'btv-huyen-uy' }] }))).toBe(
      'Kết quả này không được gửi từ liên kết này nên không hủy được tại đây; đồng chí liên hệ Ban Dân vận.',
    );
    expect(await refusal(r.handle.executeUpdate(undoUpdate, { args: [{ ...undo, action: 'waive' }] }))).toContain('không được gửi từ liên kết này');
    const final = await r.result(); // the window passes
    expect(final.status).toBe('done-on-time');
    expect(final.withdrawn).toBeUndefined();
    // Its last wait was the window: a timer of 30 minutes from the result, which fired.
    const events = await r.history();
    const timers = events.filter((e) => eventTypeName(e) === 'TimerStarted');
    const last = timers.at(-1)!.timerStartedEventAttributes!;
    expect(Number(last.startToFireTimeout!.seconds)).toBe(30 * 60);
    expect(events.some((e) => e.timerFiredEventAttributes?.timerId === last.timerId)).toBe(true);
    expect(eventTypeName(events.at(-1)!)).toBe('WorkflowExecutionCompleted');
    // After the window the run is over: the same link's undo is refused as for any finished occurrence.
    await expect(act(env.client, r.handle.workflowId, { action: 'undo', input: undo })).rejects.toMatchObject({ reason: 'finished' });
  });

  it('a result without a window (the CLI, or DONDOC_UNDO_MINUTES=0) ends the run at once and cannot be undone', async () => {
    const r = await run(BRIEFING);
    await r.advanceTo(noonOf(r, 1));
    const done = await r.handle.executeUpdate(completeUpdate, { args: [{ by: OWNER, body: OWNER, undoMinutes: 0 }] });
    expect(done.resolution?.undoUntilMs).toBeUndefined();
    await r.result();
    const events = await r.history();
    expect(patchIds(events)).not.toContain(UNDO_WINDOW_PATCH);
    expect(events.filter((e) => eventTypeName(e) === 'TimerStarted').length).toBe(
      events.filter((e) => eventTypeName(e) === 'TimerFired').length + 1, // the pending step's timer, left alone
    );
  });
});

describe('reopen by the monitor', () => {
  const why = { by: 'Ban Dân vận Huyện ủy', reason: 'Chưa nhận được biên bản họp.' };

  it('while the run waits after a link result: the reopen Update withdraws it', async () => {
    const r = await run(BRIEFING);
    await r.advanceTo(noonOf(r, 1));
    await r.handle.executeUpdate(completeUpdate, { args: [fromLink] });
    const state = await reopen(env.client, r.handle.workflowId, why, await r.now());
    expect(state).toMatchObject({ status: 'open', final: false, withdrawn: [{ how: 'reopen', by: why.by, reason: why.reason, status: 'done-on-time' }] });
    expect((await r.handle.describe()).status.name).toBe('RUNNING');
    // Ended here rather than left for afterEach to terminate: with that run terminated, the
    // next test's clock on the Java test server jumped by years (seen with this file).
    await r.handle.executeUpdate(completeUpdate, { args: [{ by: OWNER }] });
    expect((await r.result()).withdrawn).toHaveLength(1);
  });

  it('once finished: a new run under the same id carries the state on, records the reopening, and the ladder resumes (overdue now)', async () => {
    const r = await run(BRIEFING);
    await r.advanceTo(noonOf(r, 1));
    await r.handle.executeUpdate(completeUpdate, { args: [{ by: OWNER, note: 'Đã họp.' }] });
    const first = await r.result();
    await r.advanceTo(at('2024-10-02', '12:00')); // after the due date: reopened, it is overdue
    const state = await reopen(env.client, r.handle.workflowId, why, await r.now());
    expect(state).toMatchObject({ status: 'overdue', final: false, timeOffsetMs: r.offset });
    expect(state.withdrawn).toEqual([{ how: 'reopen', by: why.by, reason: why.reason, atMs: expect.any(Number), resolution: first.resolution, status: 'done-on-time' }]);
    const again = env.client.workflow.getHandle(r.handle.workflowId);
    const described = await again.describe();
    expect(described.runId).not.toBe(r.handle.firstExecutionRunId);
    expect(described.typedSearchAttributes.get(SA.status)).toBe('overdue');
    // The catch-up rule sends the one notice still true (the overdue notice of 02/10) and skips the stale ones.
    await r.advanceTo(at('2024-10-02', '13:00'));
    expect(r.notices().map((n) => n.step.index)).toEqual([0, 1, 4]);
    const now = (await again.query('state')) as typeof state;
    expect(now.steps.slice(0, 6).map((s) => s.state)).toEqual(['sent', 'sent', 'skipped', 'skipped', 'sent', 'pending']);
    // Resolved again, it finishes as done late.
    const late = await again.executeUpdate(completeUpdate, { args: [{ by: OWNER, note: 'Đã gửi biên bản.' }] });
    expect(late.status).toBe('done-late');
    await again.result();
  });

  it('refused with a reason, nothing started: an open occurrence, one stopped because its unit ended, no reason given', async () => {
    const open = await run(BRIEFING);
    await open.advanceTo(noonOf(open, 0));
    await expect(reopen(env.client, open.handle.workflowId, why, await open.now())).rejects.toThrow(
      new ActionRefused('Nhiệm vụ này chưa có kết quả báo cáo nên không có gì để mở lại.', 'rejected'),
    );
    expect(await refusal(open.handle.executeUpdate(reopenUpdate, { args: [why] }))).toBe('Nhiệm vụ này chưa có kết quả báo cáo nên không có gì để mở lại.');

    const ended = await run(RECEPTION_CHU_DEC);
    const closed = await ended.result();
    expect(closed.status).toBe('closed');
    await expect(reopen(env.client, ended.handle.workflowId, why, await ended.now())).rejects.toThrow('không mở lại được');
    const done = await run(BRIEFING);
    await done.advanceTo(noonOf(done, 1));
    await done.handle.executeUpdate(completeUpdate, { args: [{ by: OWNER }] });
    await done.result();
    await expect(reopen(env.client, done.handle.workflowId, { by: 'Ban Dân vận', reason: ' ' }, await done.now())).rejects.toThrow('Thiếu lý do mở lại.');
    expect((await env.client.workflow.getHandle(done.handle.workflowId).describe()).runId).toBe(done.handle.firstExecutionRunId);
  });
});
