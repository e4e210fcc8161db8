/**
 * Morning digests and calendar changes in the email notifier, without Temporal: the digest's
 * letter (order, count, registers), which notices are queued and which go at once, the
 * mailbox's send (one notice alone as it is, several as one, each once), and cancellations
 * to exactly the addresses the ledger says received the invite.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Mail from 'nodemailer/lib/mailer';
import { afterAll, describe, expect, test } from 'vitest';
import { composeDigest } from '../../../activities/email/compose';
import { MailLedger, messageIdFor } from '../../../activities/email/ledger';
import { digestOn, emailNotifier, mailboxId, type DigestQueue } from '../../../activities/email/notifier';
import type { MailTransport } from '../../../activities/email/transport';
import type { DigestItem, NotifyInput } from '../../../activities/types';
import type { Config } from '../../../domain/model';
import type { OccurrenceSpec } from '../../../domain/spec';
import { BRIEFING, FROM, LINKS, REGISTRATION, SESSION, indexOf, inputFor, shippedIndex as index, spec, staticPlanSource, stepOf, withRealContacts } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-digest-unit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Words of a request or a to-do list: never in a letter to Party leadership (which is "kính đề nghị … cho ý kiến", "quan tâm chỉ đạo"). */
const INSTRUCTIONS = /(?<!kính )đề nghị|Đề nghị|Nội dung đề nghị|Việc cần làm|Khẩn trương/;

function item(s: OccurrenceSpec, kind: Parameters<typeof stepOf>[1], offset: number, bodyId: string) {
  const { steps: _s, ...occurrence } = s;
  const body = index.bodies.get(bodyId)!;
  return { occurrence, step: stepOf(s, kind, offset), body, contact: body.contacts[0]!, index, links: LINKS };
}

const PROPOSALS = () => spec('occ/participation-proposals/bien-son/2024', '2024-01-01', '2024-12-31');
const RECEPTION_MARCH = () => spec('occ/citizen-reception-invite/bien-son/2024-03', '2024-03-01', '2024-03-31');
const HND = () => spec('occ/creative-activity-registration/huyen/2024/hnd', '2024-01-01', '2024-12-31');
const SESSION_Q1 = () => spec('occ/chair-working-session/bien-son/2024-Q1', '2024-01-01', '2024-03-31');

describe('the digest letter', () => {
  test('most urgent first, the count and the breakdown in the subject, each notice with its status line, due date and links', () => {
    // Ủy ban nhân dân xã Biên Sơn's morning of 22/3/2024: two duties late, one meeting to convene.
    const digest = composeDigest({
      morning: '2024-03-22',
      items: [item(SESSION_Q1(), 'reminder', -5, 'ubnd-bien-son'), item(RECEPTION_MARCH(), 'escalation', 7, 'ubnd-bien-son'), item(PROPOSALS(), 'escalation', 17, 'ubnd-bien-son')],
    });
    expect(digest.order).toEqual([2, 1, 0]); // 17 days late, 7 days late, then the reminder
    expect(digest.subject).toBe('[Quá hạn] Tổng hợp 3 nhiệm vụ ngày 22/3/2024: 2 quá hạn và 1 sắp đến hạn');
    const headings = [...digest.text.matchAll(/^(\d)\. (.+)$/gm)].map((m) => m[2]);
    expect(headings).toEqual([
      'Quá hạn] Đề xuất nhiệm vụ cho MTTQ, đoàn thể năm 2024 — chậm 17 ngày làm việc, hạn 28/02/2024',
      'Quá hạn] Mời dự tiếp công dân tháng 3/2024 — chậm 7 ngày làm việc, hạn 13/3/2024',
      'Nhắc việc] Chủ tịch UBND làm việc với MTTQ và các đoàn thể quý I/2024 — hạn 29/3/2024',
    ].map((h) => `[${h}`));
    // Each section keeps its register's words, its details and its own links.
    expect(digest.text.match(/Đề nghị Ủy ban nhân dân xã khẩn trương thực hiện và báo cáo kết quả\./g)).toHaveLength(2);
    expect(digest.text).toContain('- Thời hạn: thứ Tư, ngày 28/02/2024');
    expect(digest.text).toContain('- Thời hạn: thứ Sáu, ngày 29/3/2024; họp dự kiến từ 8 giờ 00 đến 10 giờ 00');
    for (const notice of digest.notices) for (const a of notice.actions) expect(digest.text).toContain(a.url);
    expect(digest.notices.map((n) => n.actions.length)).toEqual([1, 2, 1]);
    expect(digest.text.match(/^Kính gửi: /gm)).toHaveLength(1);
    expect(digest.html).toContain('1. [Quá hạn] Đề xuất nhiệm vụ');
  });

  test("to a commune's Party committee: each section asks it to lead, none to act itself", () => {
    const digest = composeDigest({ morning: '2024-03-22', items: [item(RECEPTION_MARCH(), 'escalation', 7, 'dang-uy-bien-son'), item(PROPOSALS(), 'escalation', 17, 'dang-uy-bien-son')] });
    expect(digest.subject).toBe('[Đôn đốc] Tổng hợp 2 nhiệm vụ ngày 22/3/2024: 2 quá hạn');
    expect(digest.text.match(/quan tâm lãnh đạo, chỉ đạo, đôn đốc/g)).toHaveLength(2);
    expect(digest.text).not.toContain('Nội dung đề nghị');
    expect(digest.notices.every((n) => n.actions.length === 0)).toBe(true);
  });

  test('to Party leadership: a report of facts in every section, never an instruction, no link — its own giao ban is recorded by Ban Dân vận', () => {
    const digest = composeDigest({
      morning: '2024-09-16',
      items: [item(BRIEFING(), 'reminder', -10, 'tt-huyen-uy'), item(HND(), 'escalation', 7, 'tt-huyen-uy')],
    });
    expect(digest.subject).toMatch(/^\[Báo cáo\] Tổng hợp 2 nhiệm vụ ngày 16\/9\/2024: 1 quá hạn và 1 sắp đến hạn$/);
    expect(digest.text).toContain('Ban Dân vận Huyện ủy kính báo cáo Thường trực Huyện ủy tình hình 2 nhiệm vụ');
    expect(digest.text).not.toMatch(INSTRUCTIONS);
    expect(digest.html).not.toMatch(INSTRUCTIONS);
    expect(digest.order).toEqual([1, 0]); // the late one first
    expect(digest.notices.map((n) => n.actions.length)).toEqual([0, 0]);
    expect(digest.text).not.toContain('/a/');
    expect(digest.text).toContain('2. [Báo cáo] Dự kiến lịch giao ban quý III/2024');
    expect(digest.text).toContain('Ban Dân vận Huyện ủy kính báo cáo.');
    expect(digest.text).toContain('Ý kiến chỉ đạo (nếu có), kính đề nghị phản hồi qua thư này.');
  });

  test('one notice is not a digest', () => {
    expect(() => composeDigest({ morning: '2024-09-23', items: [item(SESSION(), 'reminder', -5, 'ubnd-huyen')] })).toThrow(RangeError);
  });
});

/** A transport that keeps what it is handed. */
function captureTransport(): MailTransport & { sent: Mail.Options[] } {
  const sent: Mail.Options[] = [];
  return { mode: 'smtp', description: 'capture', sent, send: async (m) => (sent.push(m), { detail: '250 OK' }), verify: async () => {}, close: async () => {} };
}

function queue(): DigestQueue & { queued: { mailbox: string; item: DigestItem }[] } {
  const queued: { mailbox: string; item: DigestItem }[] = [];
  return { queued, enqueue: async ({ mailbox, item: i }) => void queued.push({ mailbox, item: i }) };
}

let n = 0;
function notifier(config: Config = withRealContacts(), digests?: DigestQueue, dir = path.join(tmp, `n${++n}`)) {
  const transport = captureTransport();
  const mail = emailNotifier({ plan: staticPlanSource(config), transport, ledger: MailLedger.inDataDir(dir), links: LINKS, from: FROM, log: () => {}, ...(digests ? { digests } : {}) });
  return { mail, transport, dir };
}

const ctx = { workflowId: 'wf/session' };

describe('queueing', () => {
  const session = SESSION();
  const reminder = inputFor(session, stepOf(session, 'reminder', -5));

  test('with digests every reachable address is queued in its mailbox of the morning, nothing sent; without a workflow to report to, sent at once', async () => {
    const q = queue();
    const { mail, transport } = notifier(withRealContacts(), q);
    const result = await mail.deliver(reminder, ctx);
    expect(transport.sent).toHaveLength(0);
    expect(result.delivered).toEqual([]);
    expect(result.queued!.map((x) => x.bodies)).toEqual(reminder.step.to.map((b) => [b]));
    expect(q.queued.map((x) => x.mailbox)).toEqual(reminder.step.to.map((b) => mailboxId(session.plan, '2024-09-23', `${b}@lucngan.test`)));
    expect(q.queued[0]!.mailbox).toMatch(/^digest\/ke-hoach-115-luc-ngan\/2024-09-23\/[0-9a-f]{16}$/);
    expect(q.queued[0]!.mailbox).not.toContain('@');
    expect(q.queued[0]!.item).toEqual({ workflowId: 'wf/session', notice: reminder, bodies: [reminder.step.to[0]] });

    const direct = notifier(withRealContacts(), queue());
    expect((await direct.mail.deliver(reminder)).delivered).toEqual(reminder.step.to);
    expect(direct.transport.sent).toHaveLength(reminder.step.to.length);
  });

  test('a body whose directory entry says digest: false, or a plan that says so, is sent at once', async () => {
    const base = withRealContacts();
    const off = (ids: string[]): Config => ({ ...base, directory: { ...base.directory, bodies: base.directory.bodies.map((b) => (ids.includes(b.id) ? { ...b, digest: false } : b)) } });
    const q = queue();
    const { mail, transport } = notifier(off(['ubnd-huyen']), q);
    const result = await mail.deliver(reminder, ctx);
    expect(result.delivered).toEqual(['ubnd-huyen']);
    expect(transport.sent.map((m) => (m.to as { address: string }).address)).toEqual(['ubnd-huyen@lucngan.test']);
    expect(q.queued).toHaveLength(reminder.step.to.length - 1);

    const planOff: Config = { ...base, plan: { ...base.plan, digest: false } };
    expect(digestOn(indexOf(planOff), indexOf(planOff).bodies.get('tt-huyen-uy')!)).toBe(false);
    expect(digestOn(indexOf(base), indexOf(base).bodies.get('tt-huyen-uy')!)).toBe(true);
    const both: Config = { ...off([]), plan: planOff.plan, directory: { ...base.directory, bodies: base.directory.bodies.map((b) => (b.id === 'mttq-huyen' ? { ...b, digest: true } : b)) } };
    expect(digestOn(indexOf(both), indexOf(both).bodies.get('mttq-huyen')!)).toBe(true);
  });
});

describe("the mailbox's send", () => {
  const session = SESSION();
  const reg = REGISTRATION();
  const address = 'mttq-bien-son@lucngan.test';
  const mailbox = mailboxId(reg.plan, '2024-03-22', address);
  const regNotice: NotifyInput = inputFor(reg, stepOf(reg, 'reminder', -5));
  const other: NotifyInput = inputFor(spec('occ/great-unity-day/bien-son/2024', '2024-01-01', '2024-12-31'), stepOf(spec('occ/great-unity-day/bien-son/2024', '2024-01-01', '2024-12-31'), 'reminder'));

  test('one notice alone goes as the notice it is (its own Message-ID); a retry sends nothing more', async () => {
    const { mail, transport } = notifier();
    const input = { mailbox, round: 1, items: [{ workflowId: 'wf/reg', notice: regNotice, bodies: ['mttq-bien-son'] }] };
    const result = await mail.deliverDigest(input);
    const id = messageIdFor(reg.plan, reg.id, regNotice.step.index, address);
    expect(result.outcomes).toEqual([{ outcome: 'sent', messageId: id }]);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]!.messageId).toBe(id);
    expect(transport.sent[0]!.subject).toMatch(/^\[Nhắc việc\] Đăng ký hoạt động sáng tạo năm 2024/);
    expect(await mail.deliverDigest(input)).toEqual(result);
    expect(transport.sent).toHaveLength(1);
  });

  test('several notices go as one email, once, whatever the round or attempt; the ledger finds each notice in it', async () => {
    const { mail, transport, dir } = notifier();
    const items = [
      { workflowId: 'wf/reg', notice: regNotice, bodies: ['mttq-bien-son'] },
      { workflowId: 'wf/day', notice: other, bodies: ['mttq-bien-son'] },
    ];
    const first = await mail.deliverDigest({ mailbox, round: 1, items });
    expect(first.outcomes.map((o) => o.outcome)).toEqual(['sent', 'sent']);
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]!.subject).toMatch(/^\[Nhắc việc\] Tổng hợp 2 nhiệm vụ ngày 22\/3\/2024: 2 sắp đến hạn$/);
    // Again (an activity retried), in another order: the same message, not sent twice.
    const again = await mail.deliverDigest({ mailbox, round: 2, items: [...items].reverse() });
    expect(again.outcomes).toEqual([...first.outcomes].reverse());
    expect(transport.sent).toHaveLength(1);
    // A new process on the same ledger knows each notice went, so the notify activity run again does not queue it again.
    const later = notifier(withRealContacts(), queue(), dir);
    expect((await later.mail.deliver(regNotice, { workflowId: 'wf/reg' })).delivered).toEqual(['mttq-bien-son']);
    expect(later.transport.sent).toHaveLength(0);
  });

  test('a notice whose body has another address now is handed back (deferred); a placeholder over SMTP fails', async () => {
    const moved = notifier(withRealContacts({ 'mttq-bien-son': 'chu-tich.mttq@bienson.test' }));
    const items = [{ workflowId: 'wf/reg', notice: regNotice, bodies: ['mttq-bien-son'] }];
    expect((await moved.mail.deliverDigest({ mailbox, round: 1, items })).outcomes).toEqual([{ outcome: 'deferred', reason: expect.stringContaining('địa chỉ') }]);
    expect(moved.transport.sent).toHaveLength(0);

    const placeholder = notifier(index.config);
    const shippedMailbox = mailboxId(reg.plan, '2024-03-22', index.bodies.get('mttq-bien-son')!.contacts[0]!.email);
    const failed = await placeholder.mail.deliverDigest({ mailbox: shippedMailbox, round: 1, items });
    expect(failed.outcomes).toEqual([{ outcome: 'failed', reason: expect.stringContaining('giữ chỗ') }]);
  });

  test('a cancellation goes to exactly the addresses the ledger says received the invite, once', async () => {
    const { mail, transport } = notifier();
    const reminder = inputFor(session, stepOf(session, 'reminder', -5));
    await mail.deliver(reminder);
    const invited = transport.sent.filter((m) => m.icalEvent).map((m) => (m.to as { address: string }).address);
    expect(invited.length).toBeGreaterThan(0);
    const { steps: _s, ...occurrence } = session;
    const cancel = { occurrence, method: 'CANCEL' as const, sequence: 1, logicalAtMs: session.steps[1]!.atMs };
    const result = await mail.updateCalendar(cancel);
    expect(result.sent.sort()).toEqual([...invited].sort());
    const cancels = transport.sent.slice(reminder.step.to.length);
    expect(cancels.map((m) => (m.icalEvent as { method: string }).method)).toEqual(invited.map(() => 'CANCEL'));
    expect(String((cancels[0]!.icalEvent as { content: string }).content)).toContain('SEQUENCE:1');
    await mail.updateCalendar(cancel);
    expect(transport.sent).toHaveLength(reminder.step.to.length + invited.length);
    // An occurrence whose invite nobody received: nothing to cancel.
    const { steps: _r, ...reg2 } = REGISTRATION();
    expect(await mail.updateCalendar({ ...cancel, occurrence: reg2 })).toEqual({ sent: [], failed: [] });
  });
});
