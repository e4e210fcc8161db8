import { describe, expect, test } from 'vitest';
import { composeEmail, letterFor, subjectTitle, tagFor } from '../../../activities/email/compose';
import { PlanIndex } from '../../../domain/occurrences';
import { recurrenceOfKey } from '../../../domain/periods';
import type { OccurrenceSpec } from '../../../domain/spec';
import type { Step } from '../../../domain/timeline';
import { tokenOfUrl, verifyLink } from '../../../platform/links';
import { ADMINISTRATIVE_LINE, withSupervisors } from '../../helpers/directory';
import { BRIEFING, LINKS, RECEPTION, REGISTRATION, SECRET, shipped, shippedIndex as index, spec, stepOf, VETERANS } from './fixtures';

function compose(s: OccurrenceSpec, step: Step, bodyId: string, at: PlanIndex = index) {
  const { steps: _s, ...occurrence } = s;
  const body = at.bodies.get(bodyId)!;
  return composeEmail({ occurrence, step, body, contact: body.contacts[0]!, index: at, links: LINKS });
}

function linksIn(text: string): string[] {
  return [...text.matchAll(/https:\/\/dondoc\.lucngan\.test\/a\/[A-Za-z0-9._-]+/g)].map((m) => m[0]);
}

const CITATION = 'Kế hoạch số …-KH/HU, tháng 8 năm 2021, của Ban Thường vụ Huyện ủy Lục Ngạn';
const BDV = 'Ban Dân vận Huyện ủy Lục Ngạn';
/** Words of a request or a to-do list: never in a letter to Party leadership. */
const INSTRUCTIONS = /Đề nghị|đề nghị|Nội dung đề nghị|Việc cần làm|Khẩn trương/;

describe('composing an email', () => {
  const briefing = BRIEFING();

  test('the reminder to a leadership owner: subject, Vietnamese date, clause, meeting, one complete link', () => {
    const email = compose(briefing, stepOf(briefing, 'reminder', -5), 'tt-huyen-uy');
    expect(email.letter).toBe('reminder');
    expect(email.relation).toBe('leadership');
    expect(email.subject).toBe('[Báo cáo] Giao ban quý III/2024 — hạn 30/9/2024');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('thứ Hai, ngày 30/9/2024');
      expect(part).toContain('5 ngày làm việc');
      expect(part).toContain(`mục II.1, đoạn 2 ${CITATION}`);
      expect(part).toContain('“Thực hiện nghiêm túc việc duy trì chế độ giao ban');
      expect(part).toContain('08:00–10:00, thứ Hai, ngày 30/9/2024');
      expect(part).toContain(BDV);
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
    expect(email.relation).toBe('participant');
    expect(email.invite).toBe(true);
    expect(email.actions).toEqual([]);
    expect(linksIn(email.text)).toEqual([]);
    expect(email.text).toContain('nhiệm vụ dưới đây do Thường trực Huyện ủy Lục Ngạn chủ trì, Ủy ban MTTQ huyện Lục Ngạn phối hợp thực hiện');
    expect(email.text).toContain('Bố trí dự họp (lịch dự kiến: 08:00–10:00, thứ Hai, ngày 30/9/2024)');
  });

  test("those invited to the chair's citizen reception are invited to the reception day, not to a meeting", () => {
    const reception = RECEPTION();
    const email = compose(reception, stepOf(reception, 'reminder', -5), 'mttq-bien-son');
    expect(email.role).toBe('participant');
    expect(email.invite).toBe(true);
    expect(email.text).toContain('Bố trí tham dự theo giấy mời của Ủy ban nhân dân xã Biên Sơn (lịch dự kiến: 08:00–12:00, thứ Hai, ngày 15/7/2024)');
    expect(email.text).not.toContain('Dự họp');
  });

  test('due today, on a waivable invitation: complete and waive links; the reception is on its own day, after the due date', () => {
    const reception = RECEPTION();
    const email = compose(reception, stepOf(reception, 'due'), 'ubnd-bien-son');
    // The invitations are due on Thursday 11/7, two working days before the reception on Monday 15/7.
    expect(email.subject).toBe('[Đến hạn] Mời dự tiếp công dân tháng 7/2024 — hạn hôm nay, 11/7/2024');
    expect(email.text).toContain('Hôm nay, thứ Năm, ngày 11/7/2024, là thời hạn');
    expect(email.text).toContain('Gửi giấy mời trước hoặc đúng thời hạn (buổi tiếp công dân dự kiến: 08:00–12:00, thứ Hai, ngày 15/7/2024)');
    expect(email.invite).toBe(true);
    expect(email.actions.map((a) => a.action)).toEqual(['complete', 'waive']);
    expect(email.text).toContain('Báo cáo không phát sinh: https://');
    for (const a of email.actions) {
      expect(verifyLink(tokenOfUrl(a.url)!, SECRET, reception.dueAtMs)).toMatchObject({ ok: true, claims: { action: a.action, body: 'ubnd-bien-son' } });
    }
  });

  test('overdue: working days late, the evidence asked for, no invite', () => {
    const reg = REGISTRATION();
    const email = compose(reg, stepOf(reg, 'overdue', 1), 'mttq-bien-son');
    expect(email.letter).toBe('overdue');
    expect(email.subject).toBe('[Quá hạn] Đăng ký hoạt động sáng tạo năm 2024 — chậm 1 ngày làm việc, hạn 29/3/2024');
    expect(email.text).toContain('đã quá thời hạn 1 ngày làm việc (thời hạn: thứ Sáu, ngày 29/3/2024)');
    expect(email.text).toContain('quá hạn, chưa hoàn thành');
    expect(email.text).toContain('Tên hoạt động sáng tạo, nổi bật đã đăng ký');
    expect(email.invite).toBe(false);
  });

  test('escalation: the leading committee is told which body is late, on what, by how many working days', () => {
    const reg = REGISTRATION();
    const step = stepOf(reg, 'escalation', 3);
    const email = compose(reg, step, 'dang-uy-bien-son');
    expect(email.letter).toBe('escalation');
    expect(email.subject).toBe('[Đôn đốc] Đăng ký hoạt động sáng tạo năm 2024 — Ủy ban MTTQ xã Biên Sơn chậm 3 ngày làm việc');
    expect(email.text).toContain('Ủy ban MTTQ xã Biên Sơn chưa hoàn thành nhiệm vụ dưới đây, đã quá thời hạn 3 ngày làm việc');
    expect(email.text).toContain('Đề nghị Đảng ủy xã Biên Sơn, cấp ủy trực tiếp lãnh đạo Ủy ban MTTQ xã Biên Sơn, quan tâm lãnh đạo, chỉ đạo, đôn đốc Ủy ban MTTQ xã Biên Sơn khẩn trương hoàn thành');
    expect(email.text).not.toContain('cấp trên trực tiếp');
    expect(email.actions).toEqual([]);
    // The owner named in the same step gets the overdue letter, saying who was told.
    const owner = compose(reg, step, 'mttq-bien-son');
    expect(owner.letter).toBe('overdue');
    expect(owner.text).toContain(`${BDV} đã thông báo việc chậm thực hiện đến Đảng ủy xã Biên Sơn.`);
  });

  test('a level-2 supervisor that is Ban Dân vận itself gets an internal note, not a request to itself', () => {
    const reg = REGISTRATION();
    const step = stepOf(reg, 'escalation', 7);
    expect(step.to).toContain('ban-dan-van');
    const email = compose(reg, step, 'ban-dan-van');
    expect(email.relation).toBe('monitor');
    expect(email.text).toContain('Gửi: Ban Dân vận Huyện ủy Lục Ngạn (thông tin nội bộ)');
    expect(email.text).toContain('Đã gửi thông báo quá hạn đến Ủy ban MTTQ xã Biên Sơn, thông báo đến Đảng ủy xã Biên Sơn.');
    expect(email.text).toContain('Việc cần làm:\n  - Liên hệ trực tiếp, đôn đốc Ủy ban MTTQ xã Biên Sơn');
    expect(email.text).not.toContain(`trao đổi với ${BDV}`);
    expect(email.text).not.toContain('Trân trọng');
  });

  test('an indicator: record link and the target in the plan’s words', () => {
    const v = VETERANS();
    const email = compose(v, stepOf(v, 'reminder', -5), 'hccb-huyen');
    expect(email.actions.map((a) => a.action)).toEqual(['record']);
    expect(email.text).toContain('chỉ tiêu từ 55% trở lên');
    expect(email.text).toContain('- Chỉ tiêu: từ 55% trở lên');
    expect(email.text).toContain('Báo cáo số liệu: https://');
  });

  test('every interpolated value is escaped in the HTML', () => {
    const evil: OccurrenceSpec = { ...briefing, title: '<script>alert("x")</script> Giao ban', clauseText: 'a <b onmouseover=alert(1)>b</b> & c', unitName: '"><img src=x>' };
    const email = compose(evil, stepOf(evil, 'reminder', -5), 'tt-huyen-uy');
    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<b onmouseover');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Giao ban');
    expect(email.html).toContain('a &lt;b onmouseover&#x3D;alert(1)&gt;b&lt;/b&gt; &amp; c');
    expect(email.text).toContain('<script>alert("x")</script> Giao ban');
  });

  test('a note about an attachment goes before the closing, in text and HTML', () => {
    const reg = REGISTRATION();
    const { steps: _s, ...occurrence } = reg;
    const body = index.bodies.get('mttq-bien-son')!;
    const note = 'Gửi kèm: <bảng tổng hợp> năm 2024.';
    const email = composeEmail({ occurrence, step: stepOf(reg, 'reminder', -5), body, contact: body.contacts[0]!, index, links: LINKS, note });
    expect(email.text).toContain(`${note}\n\nTrân trọng.`);
    expect(email.html.indexOf('Gửi kèm: &lt;bảng tổng hợp&gt; năm 2024.')).toBeGreaterThan(email.html.indexOf('Báo cáo đã hoàn thành'));
    expect(email.html.indexOf('Gửi kèm: &lt;bảng tổng hợp&gt; năm 2024.')).toBeLessThan(email.html.indexOf('Trân trọng.'));
    expect(compose(reg, stepOf(reg, 'reminder', -5), 'mttq-bien-son').text).not.toContain('Gửi kèm');
  });

  test('a one-off duty has no period in its subject', () => {
    const s = spec('occ/coordination-regulation/huyen/2021-12-31', '2021-12-01', '2021-12-31');
    const email = compose(s, stepOf(s, 'reminder', -1), s.owners[0]!);
    expect(email.subject).toBe('[Nhắc việc] Ban hành quy chế phối hợp — hạn 31/12/2021');
    expect(email.text).not.toContain('- Kỳ:');
  });

  test('letters by step kind and role, tags by letter and relation', () => {
    expect(letterFor('reminder', 'participant')).toBe('reminder');
    expect(letterFor('escalation', 'owner')).toBe('overdue');
    expect(letterFor('escalation', 'observer')).toBe('escalation');
    expect(() => letterFor('close', 'owner')).toThrow();
    expect(subjectTitle(briefing)).toBe('Giao ban quý III/2024');
    expect(tagFor('reminder', 'leadership')).toBe('report');
    expect(tagFor('escalation', 'leadership')).toBe('report');
    expect(tagFor('escalation', 'leading-committee')).toBe('escalation');
    expect(tagFor('escalation', 'administrative-superior')).toBe('escalation');
    expect(tagFor('escalation', 'monitor')).toBe('escalation');
    expect(tagFor('escalation', 'participant')).toBe('overdue');
    expect(tagFor('overdue', 'owner')).toBe('overdue');
    expect(recurrenceOfKey('2021-12-31')).toBe('once');
  });
});

describe('the register follows the recipient’s relation', () => {
  const hnd = spec('occ/creative-activity-registration/huyen/2024/hnd', '2024-01-01', '2024-12-31');
  const report = spec('occ/annual-implementation-report/huyen/2024', '2024-01-01', '2024-12-31');
  const briefing = BRIEFING();

  test('to an owner: "đề nghị", the task, the due date, what to send back and the links', () => {
    const email = compose(hnd, stepOf(hnd, 'reminder', -5), 'hnd-huyen');
    expect(email.relation).toBe('owner');
    expect(email.text).toContain(`${BDV} đề nghị Hội Nông dân huyện Lục Ngạn thực hiện nhiệm vụ dưới đây; thời hạn: thứ Sáu, ngày 29/3/2024 (còn 5 ngày làm việc).`);
    expect(email.text).toContain('Nội dung đề nghị:\n  - Đăng ký với cấp ủy cùng cấp trước hoặc đúng thời hạn.');
    expect(email.text).toContain('báo cáo bằng đường dẫn “Báo cáo đã hoàn thành” dưới đây và ghi rõ: Tên hoạt động sáng tạo, nổi bật đã đăng ký');
    expect(linksIn(email.text)).toHaveLength(1);
    expect(email.text).toContain(`Trân trọng.\n${BDV.toLocaleUpperCase('vi')}`);
  });

  test('to leadership: a report of facts, never instructions, no to-do list — also when leadership owns the task', () => {
    const cases = [
      compose(hnd, stepOf(hnd, 'escalation', 7), 'tt-huyen-uy'),
      compose(hnd, stepOf(hnd, 'reminder', -5), 'btv-huyen-uy'),
      compose(briefing, stepOf(briefing, 'reminder', -5), 'tt-huyen-uy'),
      compose(briefing, stepOf(briefing, 'due'), 'tt-huyen-uy'),
      compose(briefing, stepOf(briefing, 'escalation', 3), 'tt-huyen-uy'),
      compose(briefing, stepOf(briefing, 'escalation', 3), 'btv-huyen-uy'),
      compose(report, stepOf(report, 'escalation', 3), 'tt-huyen-uy'),
    ];
    for (const email of cases) {
      expect(email.relation).toBe('leadership');
      expect(email.subject).toMatch(/^\[Báo cáo\] /);
      expect(email.text).toContain(`${BDV} kính báo cáo `);
      expect(email.text).toContain(`${BDV} kính báo cáo.\n`);
      expect(email.text, email.subject).not.toMatch(INSTRUCTIONS);
      expect(email.html, email.subject).not.toMatch(INSTRUCTIONS);
    }
    // Reporting on a late organisation, Ban Dân vận proposes; on its own lateness it says what it does.
    expect(cases[0]!.text).toContain(`${BDV} đã nhắc, đôn đốc Hội Nông dân huyện Lục Ngạn; kính đề xuất Thường trực Huyện ủy Lục Ngạn quan tâm chỉ đạo Hội Nông dân huyện Lục Ngạn khẩn trương hoàn thành nhiệm vụ.`);
    expect(cases[6]!.text).toContain(`nhiệm vụ dưới đây do ${BDV} chủ trì đã quá thời hạn 3 ngày làm việc`);
    expect(cases[6]!.text).not.toContain('kính đề xuất');
  });

  test('to the leading committee: "đề nghị … quan tâm lãnh đạo, chỉ đạo, đôn đốc", before the due date too', () => {
    const reg = REGISTRATION();
    const email = compose(reg, stepOf(reg, 'reminder', -5), 'dang-uy-bien-son');
    expect(email.relation).toBe('leading-committee');
    expect(email.subject).toBe('[Nhắc việc] Đăng ký hoạt động sáng tạo năm 2024 — hạn 29/3/2024');
    expect(email.text).toContain('Đề nghị Đảng ủy xã Biên Sơn quan tâm lãnh đạo, chỉ đạo, đôn đốc Ủy ban MTTQ xã Biên Sơn thực hiện đúng thời hạn.');
    expect(email.actions).toEqual([]);
  });

  test('to an administrative superior: "cấp trên trực tiếp", "quan tâm chỉ đạo, đôn đốc"', () => {
    const admin = PlanIndex.fromConfig(withSupervisors(shipped, ADMINISTRATIVE_LINE));
    const reception = spec('occ/citizen-reception-invite/bien-son/2024-07', '2024-07-01', '2024-07-31', admin);
    const step = stepOf(reception, 'escalation', 3);
    expect(step.to).toContain('ubnd-huyen');
    const email = compose(reception, step, 'ubnd-huyen', admin);
    expect(email.relation).toBe('administrative-superior');
    expect(email.subject).toBe('[Đôn đốc] Mời dự tiếp công dân tháng 7/2024 — Ủy ban nhân dân xã Biên Sơn chậm 3 ngày làm việc');
    expect(email.text).toContain('Đề nghị Ủy ban nhân dân huyện Lục Ngạn, cấp trên trực tiếp của Ủy ban nhân dân xã Biên Sơn, quan tâm chỉ đạo, đôn đốc Ủy ban nhân dân xã Biên Sơn');
    expect(email.text).not.toContain('cấp ủy trực tiếp lãnh đạo');
  });

  test('to Ban Dân vận as owner of the annual report: an internal note with its own to-do list and link', () => {
    const email = compose(report, stepOf(report, 'reminder', -5), 'ban-dan-van');
    expect(email.relation).toBe('monitor');
    expect(email.role).toBe('owner');
    expect(email.subject).toBe('[Nhắc việc] Báo cáo kết quả thực hiện Kế hoạch năm 2024 — hạn 13/12/2024');
    expect(email.text).toContain('Gửi: Ban Dân vận Huyện ủy Lục Ngạn (thông tin nội bộ)');
    expect(email.text).toContain('Ban chủ trì nhiệm vụ dưới đây; thời hạn: thứ Sáu, ngày 13/12/2024 (còn 5 ngày làm việc).');
    expect(email.text).toContain('Việc cần làm:\n  - Hoàn thành báo cáo, gửi trước hoặc đúng thời hạn.');
    expect(linksIn(email.text)).toHaveLength(1);
    expect(email.text).not.toContain('Kính gửi');
  });

  test('every notice speaks for Ban Dân vận, whoever receives it', () => {
    const reg = REGISTRATION();
    for (const step of reg.steps.filter((s) => s.kind !== 'close')) {
      for (const to of step.to) {
        const email = compose(reg, step, to);
        expect(email.text).toContain(to === 'ban-dan-van' ? 'thông tin nội bộ' : `Thư gửi tự động thay mặt ${BDV}`);
      }
    }
  });
});
