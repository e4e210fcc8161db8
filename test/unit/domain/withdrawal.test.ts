/**
 * The rules of withdrawing a result (domain/resolution.ts) and their words
 * (vocabulary/refusals.ts): undo only from the link the result came from, within its window;
 * reopen by the monitor, with a reason, for a result a person gave.
 */
import { describe, expect, test } from 'vitest';
import { refusalOf, undoDeadline, withdrawalRefusal } from '../../../domain/resolution';
import { refusalMessage } from '../../../vocabulary';

const AT = Date.parse('2024-09-23T02:00:00Z');
const fromLink = { action: 'complete', body: 'mttq-bien-son', undoUntilMs: AT + 30 * 60_000 };
const undo = { by: 'Ủy ban MTTQ xã Biên Sơn', body: 'mttq-bien-son', action: 'complete' };

describe('undo', () => {
  test('accepted from the same body and action before the window ends', () => {
    expect(withdrawalRefusal('undo', { resolution: fromLink }, undo, AT + 29 * 60_000)).toBeUndefined();
  });

  test('refused from another body or action, for a result from the CLI, and once the window is over', () => {
    expect(withdrawalRefusal('undo', { resolution: fromLink }, { ...undo, body: 'ubnd-bien-son' }, AT)).toEqual({ code: 'not-from-link' });
    expect(withdrawalRefusal('undo', { resolution: fromLink }, { ...undo, action: 'waive' }, AT)).toEqual({ code: 'not-from-link' });
    expect(withdrawalRefusal('undo', { resolution: { action: 'complete' } }, undo, AT)).toEqual({ code: 'not-from-link' });
    expect(withdrawalRefusal('undo', {}, undo, AT)).toEqual({ code: 'not-from-link' });
    const late = withdrawalRefusal('undo', { resolution: fromLink }, undo, fromLink.undoUntilMs);
    expect(late).toEqual({ code: 'undo-expired', untilMs: fromLink.undoUntilMs });
    expect(refusalMessage('undo', late!)).toBe('Đã hết thời gian hủy kết quả (đến 09:30, thứ Hai, ngày 23/9/2024); đồng chí liên hệ Ban Dân vận nếu cần mở lại.');
  });

  test('the window: minutes from the result, only for a result that names its link', () => {
    expect(undoDeadline({ body: 'mttq-bien-son', undoMinutes: 30 }, AT)).toBe(AT + 30 * 60_000);
    expect(undoDeadline({ body: 'mttq-bien-son', undoMinutes: 0 }, AT)).toBeUndefined();
    expect(undoDeadline({ undoMinutes: 30 }, AT)).toBeUndefined();
  });

  test('a result that claims a link is checked like the rest of its request', () => {
    const spec = { resolution: { type: 'done' as const }, due: '2024-09-30' };
    expect(refusalOf('complete', spec, { by: 'x', body: 'mttq-bien-son', undoMinutes: 30 }, AT)).toBeUndefined();
    expect(refusalOf('complete', spec, { by: 'x', undoMinutes: 30.5 }, AT)).toEqual({ code: 'bad-undo-window', maxMinutes: 1440 });
    expect(refusalOf('complete', spec, { by: 'x', undoMinutes: 100_000 }, AT)).toEqual({ code: 'bad-undo-window', maxMinutes: 1440 });
    expect(refusalOf('complete', spec, { by: 'x', body: 42 }, AT)).toEqual({ code: 'not-text', field: 'body' });
  });
});

describe('reopen', () => {
  const reopen = { by: 'Ban Dân vận', reason: 'Chưa gửi biên bản' };

  test('accepted for a result a person gave, from the link or not, at any time', () => {
    expect(withdrawalRefusal('reopen', { resolution: fromLink }, reopen, AT + 86_400_000 * 90)).toBeUndefined();
    expect(withdrawalRefusal('reopen', { resolution: { action: 'waive' } }, reopen, AT)).toBeUndefined();
  });

  test('refused without who and why, without a result, or for a stop because the unit ended', () => {
    expect(refusalMessage('reopen', withdrawalRefusal('reopen', { resolution: fromLink }, { by: 'Ban Dân vận' }, AT)!)).toBe('Thiếu lý do mở lại.');
    expect(refusalMessage('reopen', withdrawalRefusal('reopen', { resolution: fromLink }, { reason: 'x' }, AT)!)).toBe('Thiếu người mở lại.');
    expect(refusalMessage('reopen', withdrawalRefusal('reopen', {}, reopen, AT)!)).toBe('Nhiệm vụ này chưa có kết quả báo cáo nên không có gì để mở lại.');
    expect(refusalMessage('reopen', withdrawalRefusal('reopen', { resolution: { action: 'close' } }, reopen, AT)!)).toBe(
      'Nhiệm vụ này đã dừng theo dõi vì địa bàn, đơn vị kết thúc; không mở lại được.',
    );
  });
});
