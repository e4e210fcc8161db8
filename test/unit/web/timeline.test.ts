/**
 * The occurrence page's timeline after a catch-up (domain/catch-up.ts): each skipped step says
 * why it was not sent, and which later notice went instead.
 */
import { describe, expect, test } from 'vitest';
import type { StepState } from '../../../workflows/messages';
import { occurrencePage } from '../../../web/pages/occurrence';
import { formatInstantVi, skipReasonLabel } from '../../../vocabulary';
import { conventionReport } from '../../helpers/conventions';
import { SESSION, shippedIndex } from '../email/fixtures';

describe('skipped notices on /o/…', () => {
  const spec = SESSION(); // the standard ladder: Chủ tịch UBND huyện, and the organisations at −5
  const { steps, ...rest } = spec;
  const [reminder, reminder2, due, overdue] = steps; // −5, −1, due day, +1 (the standard ladder)
  // Found late on the first overdue morning (after an SMTP outage that had let the reminder −5
  // reach one recipient only): the reminders are no longer true; the due-day notice went to
  // nobody, the overdue one goes instead.
  const [firstOwner, ...otherOwners] = reminder!.to;
  const state: StepState[] = steps.map((s) => ({ ...s, state: 'pending' }));
  state[0] = { ...reminder!, to: [firstOwner!], state: 'sent', sentAtMs: reminder!.atMs, skipped: otherOwners.map((body) => ({ body, reason: 'past-deadline' })) };
  state[1] = { ...reminder2!, state: 'skipped', skipReason: 'past-deadline', skipped: reminder2!.to.map((body) => ({ body, reason: 'past-deadline' })) };
  state[2] = { ...due!, state: 'skipped', skipReason: 'superseded', skipped: due!.to.map((body) => ({ body, reason: 'superseded', by: overdue!.index })) };
  state[3] = { ...overdue!, state: 'sent', sentAtMs: overdue!.atMs + 2_000 };
  const page = occurrencePage(spec.id, { spec: rest, status: 'overdue', statusLabel: '', final: false, extensions: [], skippedNotices: 0, steps: state }, shippedIndex);
  const rows = page.slice(page.indexOf('<tbody>')).split('<tr class="step-').slice(1);

  test('a whole step skipped for one reason: "không gửi" and the reason, in its row', () => {
    expect(rows[1]).toContain(`không gửi: ${skipReasonLabel('past-deadline')}`);
    expect(rows[1]).not.toContain('Không gửi tới');
  });

  test('superseded: the reason names the notice that went instead, and when', () => {
    expect(rows[2]).toContain(`không gửi: ${skipReasonLabel('superseded')} (quá hạn, ${formatInstantVi(overdue!.atMs)})`);
  });

  test('a step sent to some and skipped for others: both, naming who did not get it', () => {
    expect(otherOwners.length).toBeGreaterThan(0);
    expect(rows[0]).toContain(`đã gửi lúc ${formatInstantVi(reminder!.atMs)}`);
    const names = otherOwners.map((id) => shippedIndex.bodyName(id)).join('; ');
    expect(rows[0]).toContain(`<li>Không gửi tới ${names}: ${skipReasonLabel('past-deadline')}</li>`);
  });

  test('a step not sent because the occurrence was resolved says so', () => {
    const resolved: StepState[] = steps.map((s) => ({ ...s, state: 'skipped', skipReason: 'resolved' }));
    const p = occurrencePage(spec.id, { spec: rest, status: 'done-on-time', statusLabel: '', final: true, extensions: [], skippedNotices: 0, steps: resolved }, shippedIndex);
    expect(p).toContain(`không gửi: ${skipReasonLabel('resolved')}`);
  });

  test('the page follows the writing conventions', () => {
    expect(conventionReport([['/o/…', page]])).toEqual([]);
  });
});
