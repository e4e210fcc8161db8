/**
 * The occurrence workflow on the time-skipping server, with occurrences of the shipped plan
 * (2024, run on today's server through `timeOffsetMs`) and a capturing notifier.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { occurrenceSummary } from '../../vocabulary';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import type { OccurrenceSpec } from '../../domain/spec';
import {
  closeUpdate,
  completeUpdate,
  extendUpdate,
  recordUpdate,
  waiveUpdate,
  type OccurrenceState,
} from '../../workflows/messages';
import { SA } from '../../workflows/search-attributes';
import { specOf } from '../../domain/spec';
import { INPUT_LIMITS } from '../../domain/input-limits';
import { at, eventTypeName, shippedPlan, specById, type DondocHarness, type HistoryEvent, type OccurrenceRun } from '../helpers/dondoc-harness';
import { useHarness } from '../helpers/use-harness';

// A quarterly duty on the standard ladder (the giao ban of Thường trực is on the leadership-owned
// one, which is never chased): owner ubnd-huyen, due Mon 30/9/2024.
const BRIEFING = 'occ/chair-working-session/huyen/2024-Q3';
const VETERANS = 'occ/veterans-chair-indicator/huyen/2024'; // indicator ≥ 55 %, owner hccb-huyen
const CREATIVE = 'occ/creative-activity-registration/bien-son/2024/mttq'; // evidence required
const RECEPTION = 'occ/citizen-reception-invite/bien-son/2024-03'; // waivable
const RECEPTION_CHU_DEC = 'occ/citizen-reception-invite/chu/2024-12'; // thị trấn Chũ ends 31/12/2024

const MINUTE = 60_000;
/**
 * Events of a whole ladder (nobody answers), every obligation of the shipped plan. Issue 8's
 * target is 60; the standard ladder's 9 notices and close at 10 distinct instants cost
 * 5 fixed (start, first workflow task, completion) + 5 per wake (timer started and fired,
 * workflow task scheduled, started, completed) × 10 + 9 notice markers + 2 upserts (overdue at
 * the first overdue notice, DondocResolvedAt at the close) + 2 for the patch that waits for a
 * wake's notices before the next timer (its marker, and the SDK's TemporalChangeVersion upsert)
 * = 68, as long as every notice, the overdue status and the close keep their instants.
 */
const HISTORY_LIMIT = 68;
/** The patch `notices-before-next-wait` (workflows/occurrence.ts): a marker and an upsert of TemporalChangeVersion, once per run that sends. */
const PATCH_EVENTS = 2;
const HISTORY_TARGET = 60;

const harness = useHarness();
let env: TestWorkflowEnvironment;
let h: DondocHarness;
beforeAll(() => {
  ({ env, h } = harness);
});

/** Starts an occurrence (at its opening, 00:00 of `opensOn`, by default). */
async function start(spec: OccurrenceSpec, opts: { startAtMs?: number } = {}): Promise<OccurrenceRun> {
  return harness.track(await h.startOccurrence(spec, { startAtMs: opts.startAtMs }));
}

/** Starts an occurrence at its opening (00:00 of `opensOn`) with a fresh capture. */
async function run(id: string | OccurrenceSpec): Promise<OccurrenceRun> {
  h.resetNotices();
  return start(typeof id === 'string' ? specById(id) : id);
}

/** Noon (Vietnam) of the day a step is sent: safely after it, before the next one. */
const noonOf = (spec: OccurrenceSpec, index: number) => at(localDateOfInstant(spec.steps[index]!.atMs), '12:00');

const notices = (spec: OccurrenceSpec) => spec.steps.filter((s) => s.kind !== 'close');

/** The Update is rejected by its validator; returns the rejection message. */
async function rejected(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => {
      throw new Error('the update was accepted');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as Error).message;
}

async function acceptedUpdates(r: OccurrenceRun): Promise<number> {
  return (await r.history()).filter((e) => eventTypeName(e) === 'WorkflowExecutionUpdateAccepted').length;
}

/** Nothing was notified after `ms` for this occurrence. */
function expectSilentAfter(r: OccurrenceRun, ms: number) {
  expect(r.notices().filter((n) => n.logicalAtMs > ms)).toEqual([]);
}

describe('the occurrence workflow', () => {
  describe('started late', () => {
    it('only the latest notice already due goes out; the stale ones are marked skipped, the rest of the ladder follows', async () => {
      h.resetNotices();
      const spec = specById(BRIEFING);
      // Opened on its due day at noon: both reminders and the due-day notice (07:15) are past.
      const r = await start(spec, { startAtMs: at(spec.due, '12:00') });
      await r.advanceTo(noonOf(spec, 3)); // the first overdue notice's day
      expect(r.notices().map((n) => n.step.kind)).toEqual(['due', 'overdue']);
      const state = await r.state();
      expect(state.steps.slice(0, 4).map((s) => s.state)).toEqual(['skipped', 'skipped', 'sent', 'sent']);
      expect(state.status).toBe('overdue');
    });
  });

  describe('nobody responds', () => {
    it('a district organisation’s indicator walks its whole ladder, each notice once, on time; escalations go to Ban Dân vận, then Thường trực Huyện ủy', async () => {
      const { index } = shippedPlan();
      expect(index.bodies.get('hccb-huyen')?.supervisors).toEqual(['ban-dan-van', 'tt-huyen-uy']);
      const r = await run(VETERANS);
      const final = await r.result();

      const got = r.notices();
      expect(got.map((n) => n.step.index)).toEqual(notices(r.spec).map((s) => s.index));
      for (const n of got) {
        const step = r.spec.steps[n.step.index]!;
        expect(n.step).toMatchObject(step);
        expect(n.logicalAtMs).toBeGreaterThanOrEqual(step.atMs);
        expect(n.logicalAtMs - step.atMs).toBeLessThan(MINUTE);
      }
      const escalations = got.filter((n) => n.step.kind === 'escalation').map((n) => [n.step.level, n.step.to]);
      expect(escalations).toEqual([
        [1, ['hccb-huyen', 'ban-dan-van']],
        // Thường trực Huyện ủy is reported to once per late case (+7) …
        [2, ['hccb-huyen', 'ban-dan-van', 'tt-huyen-uy']],
        // … the weekly repeats urge the owner through Ban Dân vận only.
        [1, ['hccb-huyen', 'ban-dan-van']],
        [1, ['hccb-huyen', 'ban-dan-van']],
      ]);
      // Nobody above the owner hears before the first escalation.
      const firstEscalation = got.findIndex((n) => n.step.kind === 'escalation');
      expect(got.slice(0, firstEscalation).flatMap((n) => n.step.to)).toSatisfy((to: string[]) => to.every((b) => b === 'hccb-huyen'));

      expect(final).toMatchObject({ status: 'overdue', final: true, statusLabel: 'quá hạn, chưa hoàn thành' });
      expect(final.resolution).toBeUndefined();
      expect(final.steps.map((s) => s.state)).toEqual(r.spec.steps.map(() => 'sent'));
      const close = final.steps.at(-1)!;
      expect(close.kind).toBe('close');
      expect(close.sentAtMs! - close.atMs).toBeLessThan(MINUTE);
    });

    it(`a quarterly duty's whole ladder stays within ${HISTORY_LIMIT} history events`, async () => {
      const r = await run(BRIEFING);
      const final = await r.result();
      expect(final.status).toBe('overdue');
      // Every escalation of the ladder goes out, each to whom the plan says.
      const escalations = r.spec.steps.filter((s) => s.kind === 'escalation');
      expect(escalations.length).toBeGreaterThanOrEqual(4);
      expect(r.notices().filter((n) => n.step.kind === 'escalation').map((n) => n.step.to)).toEqual(escalations.map((s) => s.to));
      const events = await r.history();
      expect(events.length).toBeLessThanOrEqual(HISTORY_LIMIT);
      expect(eventTypeName(events.at(-1)!)).toBe('WorkflowExecutionCompleted');
    });

    it('a notice rejected for good marks its step failed with the reason; later steps still go out', async () => {
      h.failNotices((n) => (n.step.index === 1 ? ApplicationFailure.nonRetryable('550 hộp thư không tồn tại', 'MailboxRejected') : undefined));
      const r = await run(BRIEFING);
      const final = await r.result();
      const failed = final.steps[1]!;
      expect(failed.state).toBe('failed');
      expect(failed.failures).toEqual(failed.to.map((body) => ({ body, reason: expect.stringContaining('550 hộp thư không tồn tại') })));
      expect(final.steps.filter((s) => s.index !== 1).map((s) => s.state)).toEqual(Array(final.steps.length - 1).fill('sent'));
      expect(r.notices().map((n) => n.step.index)).toEqual(notices(r.spec).map((s) => s.index)); // tried once each
      expect(final.status).toBe('overdue');
    });
  });

  describe('complete', () => {
    it('before the due date: done on time, and nothing more is sent', async () => {
      const r = await run(BRIEFING);
      await r.advanceTo(noonOf(r.spec, 1)); // the day of the last reminder (−1)
      expect((await r.state()).status).toBe('open');
      const reply = await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'ubnd-huyen', note: 'Đã họp giao ban quý III.' }] });
      expect(reply).toMatchObject({ status: 'done-on-time', final: true, resolution: { action: 'complete', by: 'ubnd-huyen' } });
      const doneAt = await r.now();

      const final = await r.result();
      expect(final.status).toBe('done-on-time');
      expect(final.resolution!.atMs).toBeLessThanOrEqual(doneAt);
      expect(r.notices().map((n) => n.step.kind)).toEqual(['reminder', 'reminder']);
      expectSilentAfter(r, doneAt);
      expect(final.steps.map((s) => s.state)).toEqual(['sent', 'sent', ...Array(8).fill('skipped')]);
    });

    it('on the due date after the due hour: still done on time (the day counts, not the hour)', async () => {
      const r = await run(BRIEFING);
      await r.advanceTo(at(r.spec.due, '16:00'));
      expect(await r.now()).toBeGreaterThan(r.spec.dueAtMs);
      const reply = await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'ubnd-huyen' }] });
      expect(reply.status).toBe('done-on-time');
      expect((await r.result()).status).toBe('done-on-time');
    });

    it('after the status turned overdue: done late, and the escalations stop', async () => {
      const r = await run(BRIEFING);
      await r.advanceTo(noonOf(r.spec, 4)); // second overdue notice, before the first escalation
      const before = await r.state();
      expect(before).toMatchObject({ status: 'overdue', final: false });
      const reply = await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'ubnd-huyen' }] });
      expect(reply.status).toBe('done-late');
      const doneAt = await r.now();

      const final = await r.result();
      expect(final).toMatchObject({ status: 'done-late', final: true, statusLabel: 'hoàn thành quá hạn' });
      expect(r.notices().map((n) => n.step.kind)).toEqual(['reminder', 'reminder', 'due', 'overdue', 'overdue']);
      expectSilentAfter(r, doneAt);
    });

    it('evidence is required where the obligation asks for it', async () => {
      const r = await run(CREATIVE);
      await r.advanceTo(noonOf(r.spec, 0));
      const label = 'Tên hoạt động sáng tạo, nổi bật đã đăng ký';
      expect(await rejected(r.handle.executeUpdate(completeUpdate, { args: [{ by: 'mttq-bien-son' }] }))).toContain(label);
      expect(await rejected(r.handle.executeUpdate(completeUpdate, { args: [{ by: 'mttq-bien-son', evidence: '   ' }] }))).toContain(label);
      expect(await acceptedUpdates(r)).toBe(0);
      expect((await r.state()).status).toBe('open');

      const evidence = 'Mô hình "Khu dân cư văn minh, đoàn kết" ở thôn Khuân Trắng';
      const reply = await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'mttq-bien-son', evidence }] });
      expect(reply).toMatchObject({ status: 'done-on-time', resolution: { action: 'complete', evidence } });
      expect(await acceptedUpdates(r)).toBe(1);
    });
  });

  describe('the reporter’s post (Chức vụ)', () => {
    it('travels with the result into the state; an over-long or non-text post is refused in Vietnamese and changes nothing', async () => {
      const r = await run(BRIEFING);
      await r.advanceTo(noonOf(r.spec, 0));
      const tooLong = 'x'.repeat(INPUT_LIMITS.position + 1);
      expect(await rejected(r.handle.executeUpdate(completeUpdate, { args: [{ by: 'Nguyễn Văn A', position: tooLong }] }))).toBe(
        `Chức vụ của người báo cáo dài quá ${INPUT_LIMITS.position} ký tự.`,
      );
      const notText = { by: 'Nguyễn Văn A', position: { title: 'Chủ tịch' } } as unknown as { by: string; position: string };
      expect(await rejected(r.handle.executeUpdate(completeUpdate, { args: [notText] }))).toBe('Chức vụ của người báo cáo phải là văn bản.');
      expect(await acceptedUpdates(r)).toBe(0);
      expect(await r.state()).toMatchObject({ status: 'open', final: false });
      expect((await r.state()).resolution).toBeUndefined();

      const reply = await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'Nguyễn Văn A', position: ' Phó Chủ tịch UBND huyện ' }] });
      expect(reply.resolution).toMatchObject({ action: 'complete', by: 'Nguyễn Văn A', position: 'Phó Chủ tịch UBND huyện' });
      expect((await r.result()).resolution?.position).toBe('Phó Chủ tịch UBND huyện');
    });

    it('an Update without it (older clients, the CLI without --position) is recorded without one', async () => {
      const r = await run(RECEPTION);
      await r.advanceTo(noonOf(r.spec, 0));
      const reply = await r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason: 'Không có lịch tiếp dân.' }] });
      expect(reply).toMatchObject({ status: 'waived', resolution: { action: 'waive', by: 'ubnd-bien-son' } });
      expect(reply.resolution).not.toHaveProperty('position');
      // Waited to its end (the waiver cancels the invite): a run left open holds the time-skipping server for the next test.
      expect((await r.result()).resolution).not.toHaveProperty('position');
    });
  });

  describe('waive', () => {
    it('a waivable obligation can be waived with a reason', async () => {
      const r = await run(RECEPTION);
      await r.advanceTo(noonOf(r.spec, 0));
      expect(await rejected(r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason: '' }] }))).toMatch(/^Thiếu lý do/);
      const reason = 'Tháng 3 không có buổi tiếp công dân cần mời.';
      const reply = await r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason }] });
      expect(reply).toMatchObject({ status: 'waived', final: true, statusLabel: 'không phát sinh', resolution: { action: 'waive', reason } });
      const final = await r.result();
      expect(final.status).toBe('waived');
      expect(r.notices().map((n) => n.step.index)).toEqual([0]);
    });

    it('a non-waivable obligation refuses, in Vietnamese, before anything is written', async () => {
      const r = await run(BRIEFING);
      await r.advanceTo(noonOf(r.spec, 0));
      const message = await rejected(r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-huyen', reason: 'Không họp.' }] }));
      expect(message).toBe('Nhiệm vụ này không được ghi “không phát sinh”.');
      const state = await r.state();
      expect(state).toMatchObject({ status: 'open', final: false });
      expect(state.resolution).toBeUndefined();
      expect(await acceptedUpdates(r)).toBe(0);
    });
  });

  describe('indicator', () => {
    it('refuses complete and non-numbers; a value below the target is recorded as not met', async () => {
      const r = await run(VETERANS);
      await r.advanceTo(noonOf(r.spec, 0));
      expect(await rejected(r.handle.executeUpdate(completeUpdate, { args: [{ by: 'hccb-huyen' }] }))).toMatch(/đề nghị dùng đường dẫn “Báo cáo số liệu”\.$/);
      const bad = [{ by: 'hccb-huyen', value: '60' }, { by: 'hccb-huyen', value: null }, { by: 'hccb-huyen' }];
      for (const args of bad) {
        expect(await rejected(r.handle.executeUpdate(recordUpdate, { args: [args as never] }))).toBe('Số liệu phải là một số.');
      }
      expect(await acceptedUpdates(r)).toBe(0);
      const reply = await r.handle.executeUpdate(recordUpdate, { args: [{ by: 'hccb-huyen', value: 48.5 }] });
      expect(reply).toMatchObject({ status: 'done-on-time', resolution: { action: 'record', value: 48.5, met: false } });
    });

    it('a value at or above the target is met', async () => {
      const r = await run(VETERANS);
      await r.advanceTo(noonOf(r.spec, 3)); // after the due date
      const reply = await r.handle.executeUpdate(recordUpdate, { args: [{ by: 'hccb-huyen', value: 55 }] });
      expect(reply).toMatchObject({ status: 'done-late', resolution: { action: 'record', value: 55, met: true } });
      expect((await r.result()).resolution?.met).toBe(true);
    });

    it('record is refused where the obligation is not an indicator', async () => {
      const r = await run(BRIEFING);
      expect(await rejected(r.handle.executeUpdate(recordUpdate, { args: [{ by: 'ubnd-huyen', value: 1 }] }))).toBe('Nhiệm vụ này không báo cáo bằng số liệu.');
    });
  });

  describe('extend', () => {
    it('moves the due date to a working day, reopens an overdue occurrence and re-times the remaining reminders', async () => {
      const { index } = shippedPlan();
      const r = await run(BRIEFING);
      await r.advanceTo(noonOf(r.spec, 5)); // 3/10/2024: first escalation sent
      const before = await r.state();
      expect(before.status).toBe('overdue');
      expect(before.steps.map((s) => s.state)).toEqual([...Array(6).fill('sent'), ...Array(4).fill('pending')]);

      // Saturday 12/10/2024 → Monday 14/10/2024.
      const extendedAt = await r.now();
      const reply = await r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-10-12', reason: 'Chờ ý kiến Ban Thường vụ.' }] });
      expect(reply.spec.due).toBe('2024-10-14');
      expect(reply.status).toBe('open');
      expect(reply.extensions).toMatchObject([{ by: 'ban-dan-van', from: '2024-09-30', to: '2024-10-14' }]);
      // The summary (memo, emails, lists) follows the new due date.
      expect(occurrenceSummary(reply.spec)).toMatch(/ — hạn 14\/10\/2024$/);
      expect(String((await r.handle.describe()).memo?.summary)).toMatch(/ — hạn 14\/10\/2024$/);

      const expectedNew = index
        .timelineAround(index.target('chair-working-session', 'huyen'), '2024-10-14', reply.spec.dueAtMs)
        .filter((s) => s.atMs > extendedAt);
      expect(reply.spec.dueAtMs).toBe(at('2024-10-14', '08:00'));
      const fresh = reply.steps.slice(6);
      expect(fresh.map((s) => [s.kind, s.atMs, s.to])).toEqual(expectedNew.map((s) => [s.kind, s.atMs, s.to]));
      expect(fresh.every((s) => s.state === 'pending' && s.atMs > extendedAt)).toBe(true);
      expect(fresh.map((s) => s.index)).toEqual(expectedNew.map((_, i) => 10 + i)); // after every old index

      // A second extension: indexes still never collide.
      await r.advanceTo(at('2024-10-11', '12:00'));
      const again = await r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-10-21', reason: 'Lùi thêm một tuần.' }] });
      expect(again.spec.due).toBe('2024-10-21');
      const indexes = again.steps.map((s) => s.index);
      expect(new Set(indexes).size).toBe(indexes.length);

      const final = await r.result();
      expect(final).toMatchObject({ status: 'overdue', final: true });
      expect(final.spec.due).toBe('2024-10-21');
      const sent = r.notices();
      expect(new Set(sent.map((n) => n.step.index)).size).toBe(sent.length);
      for (const n of sent) expect(n.logicalAtMs - n.step.atMs).toBeLessThan(MINUTE);
      // The last due-day notice is for the new date.
      expect(sent.filter((n) => n.step.kind === 'due').map((n) => localDateOfInstant(n.step.atMs))).toEqual(['2024-09-30', '2024-10-21']);
      expect(final.extensions).toHaveLength(2);
    });

    it('refuses a due date that is not after the current one, or not a date; nothing changes', async () => {
      const r = await run(BRIEFING);
      await r.advanceTo(noonOf(r.spec, 0));
      for (const newDue of ['2024-09-30', '2024-09-01', '2024-02-30', '30/10/2024', 'tuần sau']) {
        expect(await rejected(r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue, reason: 'Lùi hạn.' }] }))).toMatch(/^Hạn mới/);
      }
      expect(await rejected(r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-10-15', reason: '' }] }))).toBe('Thiếu lý do gia hạn.');
      const state = await r.state();
      expect(state.spec.due).toBe('2024-09-30');
      expect(state.extensions).toEqual([]);
      expect(await acceptedUpdates(r)).toBe(0);
    });

    // ExtendInput says "after today": on an overdue occurrence a date between the old due
    // date and today would be an extension that is already over (fixed in f22db86).
    it('refuses a new due date that is already past, even when it is after the old due date', async () => {
      const r = await run(BRIEFING);
      await r.advanceTo(noonOf(r.spec, 5)); // 3/10/2024, overdue since 1/10
      expect(localDateOfInstant(await r.now())).toBe('2024-10-03');
      expect(await rejected(r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-10-02', reason: 'Lùi hạn.' }] }))).toMatch(/^Hạn mới/);
      const state = await r.state();
      expect(state).toMatchObject({ status: 'overdue', extensions: [] });
      expect(state.spec.due).toBe('2024-09-30');
    });
  });

  describe('the end of an occurrence', () => {
    it('an open occurrence of a unit that ends is closed when the unit ends, and nothing is sent after', async () => {
      const r = await run(RECEPTION_CHU_DEC);
      expect(r.spec.unitEndsAtMs).toBe(at('2025-01-01'));
      const final = await r.result();
      expect(final).toMatchObject({ status: 'closed', final: true, statusLabel: 'kết thúc theo dõi' });
      // Thị trấn Chũ went to thị xã Chũ: closed with that reason, never "giải thể" or "không còn tồn tại".
      expect(final.resolution).toMatchObject({ action: 'close', by: 'dondoc', reason: 'chuyển về thị xã Chũ từ ngày 01/01/2025 (Nghị quyết 1191/NQ-UBTVQH15)' });
      expect(final.resolution!.atMs - at('2025-01-01')).toBeLessThan(MINUTE);
      expect(final.resolution!.atMs).toBeGreaterThanOrEqual(at('2025-01-01'));
      expectSilentAfter(r, at('2025-01-01'));
      const expected = notices(r.spec).filter((s) => s.atMs < at('2025-01-01'));
      expect(r.notices().map((n) => n.step.index)).toEqual(expected.map((s) => s.index));
      expect(final.steps.filter((s) => s.atMs >= at('2025-01-01')).every((s) => s.state === 'skipped')).toBe(true);
    });

    // BUG (workflows/occurrence.ts, send()/the end of the run): a notice still in flight when
    // the occurrence is resolved is cancelled (`notifications.cancel()`), and the rejection
    // handler returns on cancellation without touching the step, so the final state keeps
    // `state: 'sending'` for good — here although the notice was delivered (captured, its
    // marker is in history), in production e.g. while SMTP retries are backing off. The
    // simulator hits this on every answer (it answers from inside the notice, as done here;
    // that costs 8 s, see simulate.test.ts). Fix: on cancellation set `step.state = 'skipped'`
    // (or keep a delivered result: resolve before cancelling), so that no final state says
    // `sending`.
    it('a notice in flight when the occurrence is resolved does not stay "sending"', async () => {
      const spec = specById(BRIEFING);
      let workflowId = '';
      h.onNotice(async (n) => {
        if (n.step.index === 0) await env.client.workflow.getHandle(workflowId).executeUpdate(completeUpdate, { args: [{ by: 'ubnd-huyen' }] });
      });
      const r = await start(spec);
      workflowId = r.handle.workflowId;
      const final = await r.result();
      expect(final.status).toBe('done-on-time');
      expect(r.notices().map((n) => n.step.index)).toEqual([0]);
      expect(final.steps.filter((s) => s.state === 'sending')).toEqual([]);
    }, 30_000);

    it('every update is refused once the occurrence is final, and its history does not change', async () => {
      const r = await run(RECEPTION);
      await r.advanceTo(noonOf(r.spec, 0));
      await r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason: 'Không phát sinh.' }] });
      const final: OccurrenceState = await r.result();
      const length = (await r.history()).length;
      const attempts: (() => Promise<unknown>)[] = [
        () => r.handle.executeUpdate(completeUpdate, { args: [{ by: 'ubnd-bien-son' }] }),
        () => r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason: 'Lần nữa.' }] }),
        () => r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-12-31', reason: 'Lùi.' }] }),
        () => r.handle.executeUpdate(recordUpdate, { args: [{ by: 'ubnd-bien-son', value: 1 }] }),
        () => r.handle.executeUpdate(closeUpdate, { args: [{ by: 'ban-dan-van', reason: 'Đóng.' }] }),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toThrow();
      expect((await r.history()).length).toBe(length);
      expect(await r.result()).toEqual(final);
    });
  });
});

/** The search attributes each upsert of a history set, in order. */
function upserts(events: HistoryEvent[]): string[][] {
  return events
    .filter((e) => eventTypeName(e) === 'UpsertWorkflowSearchAttributes')
    .map((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).sort());
}
const count = (events: HistoryEvent[], type: string) => events.filter((e) => eventTypeName(e) === type).length;

/** What users see of a run: its notices (kind, instant, recipients) and its search attributes. */
async function seen(r: OccurrenceRun) {
  const sa = (await r.handle.describe()).typedSearchAttributes;
  return {
    notices: r.notices().map((n) => ({ index: n.step.index, kind: n.step.kind, atMs: n.step.atMs, to: n.step.to, onTime: n.logicalAtMs - n.step.atMs < MINUTE })),
    status: sa.get(SA.status),
    due: sa.get(SA.due)?.getTime(),
    resolved: sa.get(SA.resolvedAt) !== undefined,
  };
}

/** One occurrence of each obligation of the shipped plan whose unit outlives its ladder. */
function ladderSpecs(): OccurrenceSpec[] {
  const { config, index } = shippedPlan();
  return config.plan.obligations.map((o) => {
    const spec = index
      .occurrencesBetween(config.plan.period.from, config.plan.period.to, { obligation: o.id })
      .map((occ) => specOf(index, occ))
      .find((sp) => sp.unitEndsAtMs === undefined || sp.unitEndsAtMs > sp.steps.at(-1)!.atMs);
    if (!spec) throw new Error(`no occurrence of ${o.id} runs its whole ladder`);
    return spec;
  });
}

describe('history events', () => {
  it.each(ladderSpecs().map((spec) => [spec.obligation, spec] as const))(
    `%s: the whole ladder, nobody answering, stays within ${HISTORY_LIMIT} events, one wake per instant, every notice on time`,
    async (_obligation, spec) => {
      const r = await run(spec);
      const final = await r.result();
      const what = await seen(r);
      expect(what.notices.map((n) => n.index)).toEqual(notices(spec).map((s) => s.index));
      expect(what.notices.every((n) => n.onTime)).toBe(true);
      expect(what).toMatchObject({ status: 'overdue', resolved: true });
      expect(final.skippedNotices).toBe(0);

      // One timer per distinct instant of the timeline and the overdue turn (a step's, except on a
      // ladder with nothing after the due date — the giao ban's), no wake that sends nothing but
      // the close; one marker per notice, the overdue status once and DondocResolvedAt alone at the close.
      const events = await r.history();
      const instants = new Set([...spec.steps.map((s) => s.atMs), spec.overdueFromMs]).size;
      expect(count(events, 'TimerStarted')).toBe(instants);
      expect(count(events, 'MarkerRecorded')).toBe(notices(spec).length + 1);
      expect(upserts(events)).toEqual([['TemporalChangeVersion'], ['DondocStatus'], ['DondocResolvedAt']]);
      expect(events.length).toBe(5 + 5 * instants + notices(spec).length + 2 + PATCH_EVENTS);
      expect(events.length).toBeLessThanOrEqual(HISTORY_LIMIT);
      expect(eventTypeName(events.at(-1)!)).toBe('WorkflowExecutionCompleted');
      console.log(`[history] ${spec.id}, whole ladder: ${events.length} events (limit ${HISTORY_LIMIT}, issue 8 target ${HISTORY_TARGET})`);
    },
  );

  it('a resolution costs no TimerCanceled', async () => {
    const r = await run(BRIEFING);
    await r.advanceTo(noonOf(r.spec, 1));
    await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'ubnd-huyen', note: 'Đã họp.' }] });
    await r.result();
    const events = await r.history();
    expect(await seen(r)).toMatchObject({ status: 'done-on-time', resolved: true });
    expect(count(events, 'TimerCanceled')).toBe(0);
    expect(upserts(events)).toEqual([['TemporalChangeVersion'], ['DondocResolvedAt', 'DondocStatus']]);
  });

  it('an extension of an overdue occurrence: DondocDue and DondocStatus in one upsert; its moved meeting, one calendar update behind its patch marker', async () => {
    const r = await run(BRIEFING);
    await r.advanceTo(noonOf(r.spec, 5));
    const calendarBefore = h.calendarChanges.length;
    await r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-10-12', reason: 'Chờ ý kiến.' }] });
    await r.advanceTo(noonOf(r.spec, 5) + 60_000);
    const events = await r.history();
    expect(await seen(r)).toMatchObject({ status: 'open', due: at('2024-10-14', '08:00'), resolved: false });
    // The six notices sent, the patch markers of waiting for notices and of the calendar update (issue 16), nothing else.
    expect(count(events, 'MarkerRecorded')).toBe(8);
    expect(upserts(events)).toEqual([['TemporalChangeVersion'], ['DondocStatus'], ['DondocDue', 'DondocStatus'], ['TemporalChangeVersion']]);
    expect(h.calendarChanges.slice(calendarBefore).map((c) => [c.method, c.sequence, c.occurrence.meeting!.startAtMs])).toEqual([['REQUEST', 1, at('2024-10-14', '08:00')]]);
    await r.handle.terminate('test over');
  });

  it('a late start skips the stale notices: one check of what went out before, one memo change (the count)', async () => {
    const spec = specById(BRIEFING);
    h.resetNotices();
    const r = await start(spec, { startAtMs: at(spec.due, '12:00') });
    await r.advanceTo(noonOf(spec, 3));
    const events = await r.history();
    expect((await seen(r)).notices.map((n) => n.kind)).toEqual(['due', 'overdue']);
    // The two notices, the check of the notifier's record before skipping, the patch marker.
    expect(count(events, 'MarkerRecorded')).toBe(4);
    expect(upserts(events)).toEqual([['TemporalChangeVersion'], ['DondocStatus']]);
    expect(count(events, 'WorkflowPropertiesModified')).toBe(1);
    expect((await r.handle.describe()).memo?.skippedNotices).toBe(8); // −5 to the owner and 6 participants, −1 to the owner
    await r.handle.terminate('test over');
  });
});
