import { describe, expect, test } from 'vitest';
import { composeEmail, letterFor, subjectTitle } from '../../../activities/email/compose';
import { recurrenceOfKey } from '../../../domain/periods';
import { meetingWhen } from '../../../vocabulary';
import type { OccurrenceSpec } from '../../../domain/spec';
import type { Step } from '../../../domain/timeline';
import { tokenOfUrl, verifyLink } from '../../../platform/links';
import { BRIEFING, LINKS, RECEPTION, REGISTRATION, SECRET, shippedIndex as index, spec, stepOf, VETERANS } from './fixtures';
import { clauseRefVi, joinVi } from '../../../vocabulary';

function compose(s: OccurrenceSpec, step: Step, bodyId: string) {
  const { steps: _s, ...occurrence } = s;
  const body = index.bodies.get(bodyId)!;
  return composeEmail({ occurrence, step, body, contact: body.contacts[0]!, index, links: LINKS });
}

function linksIn(text: string): string[] {
  return [...text.matchAll(/https:\/\/dondoc\.lucngan\.test\/a\/[A-Za-z0-9._-]+/g)].map((m) => m[0]);
}

describe('composing an email', () => {
  const briefing = BRIEFING();

  test('the reminder to the owner: subject, Vietnamese date, clause, what to do, one complete link', () => {
    const email = compose(briefing, stepOf(briefing, 'reminder', -5), 'tt-huyen-uy');
    expect(email.letter).toBe('reminder');
    expect(email.subject).toBe('[Nhắc việc] Giao ban quý III/2024 — hạn Thứ Hai, 30/09/2024');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Thứ Hai, 30/09/2024');
      expect(part).toContain('5 ngày làm việc');
      expect(part).toContain('mục II.1, đoạn 2');
      expect(part).toContain('Thực hiện nghiêm túc việc duy trì chế độ giao ban');
      expect(part).toContain('08:00–10:00, Thứ Hai, 30/09/2024');
      expect(part).toContain('Ban Dân vận Huyện ủy Lục Ngạn');
    }
    expect(email.text).toContain('Kính gửi: Thường trực Huyện ủy Lục Ngạn');
    expect(email.invite).toBe(true);
    expect(email.actions.map((a) => a.action)).toEqual(['complete']);
    const [link] = linksIn(email.text);
    expect(link).toBe(email.actions[0]!.url);
    expect(email.html).toContain(`href="${link}"`);
    const verified = verifyLink(tokenOfUrl(link!)!, SECRET, briefing.dueAtMs);
    expect(verified).toEqual({ ok: true, claims: { occurrence: briefing.id, action: 'complete', body: 'tt-huyen-uy', expiresAtMs: Date.parse('2024-11-29T17:00:00Z') } });
  });

  test('a participant is invited, without action links', () => {
    const email = compose(briefing, stepOf(briefing, 'reminder', -5), 'mttq-huyen');
    expect(email.role).toBe('participant');
    expect(email.invite).toBe(true);
    expect(email.actions).toEqual([]);
    expect(linksIn(email.text)).toEqual([]);
    expect(email.text).toContain('Ủy ban MTTQ huyện Lục Ngạn là đơn vị tham gia nhiệm vụ dưới đây, do Thường trực Huyện ủy Lục Ngạn chủ trì');
    expect(email.text).toContain('Dự họp theo giấy mời của Thường trực Huyện ủy Lục Ngạn');
  });

  test("those invited to the chair's citizen reception are invited to the reception day, not to a meeting", () => {
    const reception = RECEPTION();
    const email = compose(reception, stepOf(reception, 'reminder', -5), 'mttq-bien-son');
    expect(email.role).toBe('participant');
    expect(email.invite).toBe(true);
    expect(email.text).toContain('Tham dự theo giấy mời của Ủy ban nhân dân xã Biên Sơn (lịch dự kiến: 08:00–12:00, Thứ Hai, 15/07/2024');
    expect(email.text).not.toContain('Dự họp');
  });

  test('due today, on a waivable invitation: complete and waive links; the reception is on its own day, after the due date', () => {
    const reception = RECEPTION();
    const email = compose(reception, stepOf(reception, 'due'), 'ubnd-bien-son');
    // The invitations are due on Thursday 11/07, two working days before the reception on Monday 15/07.
    expect(email.subject).toBe('[Đến hạn hôm nay] Mời dự tiếp công dân tháng 07/2024 — hạn Thứ Năm, 11/07/2024');
    expect(email.text).toContain('Hôm nay, Thứ Năm, 11/07/2024, là hạn');
    expect(email.text).toContain('Gửi giấy mời trước hoặc đúng hạn (lịch dự kiến: 08:00–12:00, Thứ Hai, 15/07/2024');
    expect(email.invite).toBe(true);
    expect(email.actions.map((a) => a.action)).toEqual(['complete', 'waive']);
    expect(email.text).toContain('Không phát sinh: https://');
    for (const a of email.actions) {
      expect(verifyLink(tokenOfUrl(a.url)!, SECRET, reception.dueAtMs)).toMatchObject({ ok: true, claims: { action: a.action, body: 'ubnd-bien-son' } });
    }
  });

  test('overdue: working days late, the evidence asked for, no invite', () => {
    const reg = REGISTRATION();
    const email = compose(reg, stepOf(reg, 'overdue', 1), 'mttq-bien-son');
    expect(email.letter).toBe('overdue');
    expect(email.subject).toBe('[Quá hạn 1 ngày làm việc] Đăng ký hoạt động sáng tạo năm 2024 — hạn Thứ Sáu, 29/03/2024');
    expect(email.text).toContain('đã quá hạn 1 ngày làm việc (hạn Thứ Sáu, 29/03/2024)');
    expect(email.text).toContain('quá hạn, chưa hoàn thành');
    expect(email.text).toContain('Tên hoạt động sáng tạo, nổi bật đã đăng ký');
    expect(email.invite).toBe(false);
  });

  test('escalation: the supervisor is told which body is late, on what, by how many working days', () => {
    const reg = REGISTRATION();
    const step = stepOf(reg, 'escalation', 3);
    const email = compose(reg, step, 'dang-uy-bien-son');
    expect(email.letter).toBe('escalation');
    expect(email.subject).toBe('[Báo cáo vượt cấp] Ủy ban MTTQ xã Biên Sơn chậm 3 ngày làm việc: Đăng ký hoạt động sáng tạo năm 2024');
    expect(email.text).toContain('Ủy ban MTTQ xã Biên Sơn chưa hoàn thành nhiệm vụ dưới đây, đã quá hạn 3 ngày làm việc');
    expect(email.text).toContain('Đảng ủy xã Biên Sơn, cấp trên trực tiếp của đơn vị chủ trì');
    expect(email.text).toContain('Đôn đốc Ủy ban MTTQ xã Biên Sơn khẩn trương hoàn thành');
    expect(email.actions).toEqual([]);
    // The owner named in the same step gets the overdue letter, saying who was told.
    const owner = compose(reg, step, 'mttq-bien-son');
    expect(owner.letter).toBe('overdue');
    expect(owner.text).toContain('đã được báo cáo vượt cấp tới Đảng ủy xã Biên Sơn');
  });

  test('a level-2 supervisor and the monitor are named for what they are', () => {
    const reg = REGISTRATION();
    const step = stepOf(reg, 'escalation', 7);
    expect(step.to).toContain('ban-dan-van');
    const email = compose(reg, step, 'ban-dan-van');
    expect(email.text).toContain('Ban Dân vận Huyện ủy Lục Ngạn, cấp trên tiếp theo của đơn vị chủ trì');
    // The monitor is not asked to write to itself.
    expect(email.text).not.toContain('đề nghị trao đổi với Ban Dân vận');
  });

  test('an indicator: record link and the target', () => {
    const v = VETERANS();
    const email = compose(v, stepOf(v, 'reminder', -5), 'hccb-huyen');
    expect(email.actions.map((a) => a.action)).toEqual(['record']);
    expect(email.text).toContain('chỉ tiêu từ 55% trở lên');
    expect(email.text).toContain('Ghi nhận số liệu: https://');
  });

  test('every interpolated value is escaped in the HTML', () => {
    const evil: OccurrenceSpec = { ...briefing, title: '<script>alert("x")</script> Giao ban', clauseText: 'a <b onmouseover=alert(1)>b</b> & c', unitName: '"><img src=x>' };
    const email = compose(evil, stepOf(evil, 'reminder', -5), 'tt-huyen-uy');
    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<b onmouseover');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Giao ban');
    expect(email.html).toContain('a &lt;b onmouseover=alert(1)&gt;b&lt;/b&gt; &amp; c');
    expect(email.text).toContain('<script>alert("x")</script> Giao ban');
  });

  test('a one-off duty has no period in its subject', () => {
    const s = spec('occ/coordination-regulation/huyen/2021-12-31', '2021-12-01', '2021-12-31');
    const email = compose(s, stepOf(s, 'reminder', -1), s.owners[0]!);
    expect(email.subject).toBe('[Nhắc việc] Ban hành quy chế phối hợp — hạn Thứ Sáu, 31/12/2021');
    expect(email.text).not.toContain('- Kỳ:');
  });

  test('letters by step kind and role', () => {
    expect(letterFor('reminder', 'participant')).toBe('reminder');
    expect(letterFor('escalation', 'owner')).toBe('overdue');
    expect(letterFor('escalation', 'observer')).toBe('escalation');
    expect(() => letterFor('close', 'owner')).toThrow();
    expect(subjectTitle(briefing)).toBe('Giao ban quý III/2024');
  });

  test('helpers', () => {
    expect(clauseRefVi('II.1 ¶2')).toBe('mục II.1, đoạn 2');
    expect(clauseRefVi('II.3 (Hội CCB)')).toBe('mục II.3 (Hội CCB)');
    expect(joinVi(['A'])).toBe('A');
    expect(joinVi(['A', 'B', 'C'])).toBe('A, B và C');
    expect(recurrenceOfKey('2024-Q3')).toBe('quarterly');
    expect(recurrenceOfKey('2024-07')).toBe('monthly');
    expect(recurrenceOfKey('2024')).toBe('annual');
    expect(recurrenceOfKey('2021-12-31')).toBe('once');
    expect(meetingWhen(Date.parse('2024-09-30T01:00:00Z'), 120)).toBe('08:00–10:00, Thứ Hai, 30/09/2024');
    expect(meetingWhen(Date.parse('2024-09-30T15:00:00Z'), 120)).toBe('22:00 Thứ Hai, 30/09/2024 – 00:00 Thứ Ba, 01/10/2024');
  });
});
