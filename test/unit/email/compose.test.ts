import { describe, expect, test } from 'vitest';
import { composeEmail, letterFor, subjectTitle, tagFor } from '../../../activities/email/compose';
import { PlanIndex } from '../../../domain/occurrences';
import { recurrenceOfKey } from '../../../domain/periods';
import type { OccurrenceSpec } from '../../../domain/spec';
import type { Step } from '../../../domain/timeline';
import { tokenOfUrl, verifyLink } from '../../../platform/links';
import { ADMINISTRATIVE_LINE, withSupervisors } from '../../helpers/directory';
import { BRIEFING, LINKS, RECEPTION, REGISTRATION, SECRET, SESSION, shipped, shippedIndex as index, spec, stepOf, VETERANS } from './fixtures';

function compose(s: OccurrenceSpec, step: Step, bodyId: string, at: PlanIndex = index) {
  const { steps: _s, ...occurrence } = s;
  const body = at.bodies.get(bodyId)!;
  return composeEmail({ occurrence, step, body, contact: body.contacts[0]!, index: at, links: LINKS });
}

function linksIn(text: string): string[] {
  return [...text.matchAll(/https:\/\/dondoc\.lucngan\.test\/a\/[A-Za-z0-9._-]+/g)].map((m) => m[0]);
}

/** The plan as letters cite it: its copy leaves the number and the day blank, so neither is written. */
const CITATION = 'Kế hoạch của Ban Thường vụ Huyện ủy Lục Ngạn (tháng 8/2021) thực hiện Kết luận số 115-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang';
/** The same, inside a sentence, its issuer by the name a letter uses. */
const SHORT_CITATION = 'Kế hoạch của Ban Thường vụ Huyện ủy (tháng 8/2021)';
const BDV = 'Ban Dân vận Huyện ủy Lục Ngạn';
/** Ban Dân vận in a sentence. */
const BAN = 'Ban Dân vận Huyện ủy';
/** Words of a request or a to-do list: never in a letter to Party leadership (which is "kính đề nghị … cho ý kiến", "quan tâm chỉ đạo"). */
const INSTRUCTIONS = /(?<!kính )đề nghị|Đề nghị|Nội dung đề nghị|Việc cần làm|Khẩn trương/;

describe('composing an email', () => {
  test('the reminder to an owner convening a meeting: subject, the plan cited first and in the Căn cứ without a number, the deadline and the hours once, one complete link', () => {
    const session = SESSION();
    const email = compose(session, stepOf(session, 'reminder', -5), 'ubnd-huyen');
    expect(email.letter).toBe('reminder');
    expect(email.relation).toBe('owner');
    expect(email.subject).toBe('[Nhắc việc] Chủ tịch UBND làm việc với MTTQ và các đoàn thể quý III/2024 — hạn 30/9/2024');
    expect(email.text).toContain(
      `Thực hiện mục II.2, đoạn 3 ${SHORT_CITATION}, ${BAN} đề nghị Ủy ban nhân dân huyện thực hiện nhiệm vụ dưới đây, hoàn thành chậm nhất thứ Hai, ngày 30/9/2024 (còn 5 ngày làm việc).`,
    );
    for (const part of [email.text, email.html]) {
      expect(part).toContain(`mục II.2, đoạn 3 ${CITATION}`);
      expect(part).not.toMatch(/số …|…-KH/);
      expect(part).toContain('“Định kỳ hằng quý, năm, chủ tịch UBND các cấp làm việc');
      expect(part).toContain(BDV.toLocaleUpperCase('vi'));
    }
    // The deadline in the opening and the details only; the meeting's hours beside it.
    expect(email.text.match(/30\/9\/2024/g)).toHaveLength(2); // the opening, the details
    expect(email.text).toContain('- Thời hạn: thứ Hai, ngày 30/9/2024; họp dự kiến từ 8 giờ 00 đến 10 giờ 00');
    expect(email.text).toContain('Tổ chức theo Kế hoạch; lịch dự kiến gửi kèm thư này để đưa vào lịch công tác.');
    expect(email.text).not.toContain('trước hoặc đúng thời hạn');
    // The owner's name says the territory already.
    expect(email.text).not.toContain('- Địa bàn:');
    expect(email.text).toContain('Kính gửi: Ủy ban nhân dân huyện Lục Ngạn');
    expect(email.invite).toBe(true);
    expect(email.actions.map((a) => a.action)).toEqual(['complete']);
    const [link] = linksIn(email.text);
    expect(link).toBe(email.actions[0]!.url);
    expect(email.html).toContain(`href="${link}"`);
    expect(email.text).toContain('Đường dẫn báo cáo kết quả, dành riêng cho Ủy ban nhân dân huyện, có hiệu lực đến hết thứ Sáu, ngày 29/11/2024:');
    const verified = verifyLink(tokenOfUrl(link!)!, SECRET, session.dueAtMs);
    expect(verified).toEqual({ ok: true, claims: { occurrence: session.id, action: 'complete', body: 'ubnd-huyen', expiresAtMs: Date.parse('2024-11-29T17:00:00Z') } });
    // No tracking code in a letter to officials (it is in the mail's headers): the footer invites a reply.
    expect(email.text).not.toContain('occ/');
    expect(email.text).toContain('Thư được gửi tự động để theo dõi, đôn đốc thực hiện Kế hoạch; mọi trao đổi, đề nghị trả lời thư này.');
    expect(email.text).not.toContain('thay mặt');
  });

  test('a participant is invited to attend by the convener’s invitation, without action links', () => {
    const session = SESSION();
    const email = compose(session, stepOf(session, 'reminder', -5), 'mttq-huyen');
    expect(email.role).toBe('participant');
    expect(email.relation).toBe('participant');
    expect(email.invite).toBe(true);
    expect(email.actions).toEqual([]);
    expect(linksIn(email.text)).toEqual([]);
    expect(email.text).toContain(`${BAN} trân trọng thông tin: nhiệm vụ dưới đây do Ủy ban nhân dân huyện chủ trì, Ủy ban MTTQ huyện phối hợp thực hiện`);
    expect(email.text).toContain('Bố trí dự họp theo giấy mời của Ủy ban nhân dân huyện; lịch dự kiến gửi kèm thư này để đưa vào lịch công tác.');
  });

  test("those invited to the chair's citizen reception are invited to the reception day, by the chair's invitation", () => {
    const reception = RECEPTION();
    const email = compose(reception, stepOf(reception, 'reminder', -5), 'mttq-bien-son');
    expect(email.role).toBe('participant');
    expect(email.invite).toBe(true);
    expect(email.text).toContain('Bố trí tham dự theo giấy mời của Ủy ban nhân dân xã; lịch dự kiến gửi kèm thư này');
    expect(email.text).toContain('- Thời gian diễn ra (dự kiến): từ 8 giờ 00 đến 12 giờ 00, thứ Hai, ngày 15/7/2024');
    expect(email.text).not.toContain('dự họp');
  });

  test('due today, on a waivable invitation: complete and waive links, the plan’s condition for not inviting; the reception on its own day', () => {
    const reception = RECEPTION();
    const email = compose(reception, stepOf(reception, 'due'), 'ubnd-bien-son');
    // The invitations are due on Thursday 11/7, two working days before the reception on Monday 15/7.
    expect(email.subject).toBe('[Đến hạn] Mời dự tiếp công dân tháng 7/2024 — hạn hôm nay, 11/7/2024');
    expect(email.text).toContain('Hôm nay, thứ Năm, ngày 11/7/2024, là thời hạn');
    expect(email.text).toContain('Gửi giấy mời đến Ủy ban MTTQ xã, Hội Nông dân xã, Hội Cựu chiến binh xã, Hội Liên hiệp Phụ nữ xã và Đoàn Thanh niên xã');
    expect(email.text).toContain('- Thời gian diễn ra (dự kiến): từ 8 giờ 00 đến 12 giờ 00, thứ Hai, ngày 15/7/2024');
    expect(email.text).toContain(
      'nếu trong tháng 7/2024 xét thấy không cần mời, báo cáo qua đường dẫn “Báo cáo không phát sinh” và ghi rõ lý do.',
    );
    expect(email.invite).toBe(true);
    expect(email.actions.map((a) => a.action)).toEqual(['complete', 'waive']);
    expect(email.text).toContain('Báo cáo không phát sinh: https://');
    for (const a of email.actions) {
      expect(verifyLink(tokenOfUrl(a.url)!, SECRET, reception.dueAtMs)).toMatchObject({ ok: true, claims: { action: a.action, body: 'ubnd-bien-son' } });
    }
  });

  test('overdue: working days late, the committee to register with named, the evidence asked for in a sentence, no invite', () => {
    const reg = REGISTRATION();
    const email = compose(reg, stepOf(reg, 'overdue', 1), 'mttq-bien-son');
    expect(email.letter).toBe('overdue');
    expect(email.subject).toBe('[Quá hạn] Đăng ký hoạt động sáng tạo năm 2024 — chậm 1 ngày làm việc, hạn 29/3/2024');
    expect(email.text).toContain('đã quá thời hạn 1 ngày làm việc (thời hạn: thứ Sáu, ngày 29/3/2024)');
    expect(email.text).toContain('- Tình hình thực hiện: quá hạn, chưa hoàn thành');
    expect(email.text).toContain('Khẩn trương đăng ký với Đảng ủy xã và báo cáo kết quả.');
    expect(email.text).toContain('ghi rõ tên hoạt động sáng tạo, nổi bật đã đăng ký.');
    expect(email.text).not.toContain('cấp ủy cùng cấp.');
    expect(email.invite).toBe(false);
  });

  test('the Party committee where an activity is registered is "Nơi đăng ký", never a body that takes part', () => {
    const reg = REGISTRATION();
    for (const step of reg.steps.filter((s) => s.kind !== 'close')) {
      for (const to of step.to) {
        const email = compose(reg, step, to);
        expect(email.text, `${step.kind} ${step.offset} → ${to}`).toContain('- Nơi đăng ký: Đảng ủy xã Biên Sơn');
        expect(email.text).not.toContain('Cơ quan, đơn vị phối hợp');
      }
    }
    // And it is written to only once the registration is late.
    expect(reg.steps.filter((s) => s.to.includes('dang-uy-bien-son')).every((s) => s.offset >= 3)).toBe(true);
  });

  test('escalation: the leading committee is told, without appositions, which body is late and by how much, and may confirm a registration it has', () => {
    const reg = REGISTRATION();
    const step = stepOf(reg, 'escalation', 3);
    const email = compose(reg, step, 'dang-uy-bien-son');
    expect(email.letter).toBe('escalation');
    expect(email.subject).toBe('[Đôn đốc] Đăng ký hoạt động sáng tạo năm 2024 — Ủy ban MTTQ xã chậm 3 ngày làm việc');
    expect(email.text).toContain(`Qua theo dõi, ${BAN} nhận thấy: Ủy ban MTTQ xã chưa hoàn thành nhiệm vụ dưới đây, đã quá thời hạn 3 ngày làm việc`);
    expect(email.text).toContain(`Đề nghị Đảng ủy xã quan tâm lãnh đạo, chỉ đạo, đôn đốc Ủy ban MTTQ xã khẩn trương hoàn thành nhiệm vụ và báo cáo kết quả về ${BAN}.`);
    expect(email.text).toContain(`Trường hợp Ủy ban MTTQ xã đã đăng ký với Đảng ủy xã, đề nghị Đảng ủy xã thông tin lại để ${BAN} cập nhật.`);
    expect(email.text).not.toMatch(/cấp trên trực tiếp|cấp ủy trực tiếp lãnh đạo|thông báo/);
    expect(email.actions).toEqual([]);
    // The owner named in the same step gets the overdue letter, saying who was told, and why.
    const owner = compose(reg, step, 'mttq-bien-son');
    expect(owner.letter).toBe('overdue');
    expect(owner.text).toContain(`${BAN} đã thông tin đến Đảng ủy xã để quan tâm chỉ đạo.`);
  });

  test('a level-2 supervisor that is Ban Dân vận itself gets an internal note, "Theo dõi", not a request to itself', () => {
    const reg = REGISTRATION();
    const step = stepOf(reg, 'escalation', 7);
    expect(step.to).toContain('ban-dan-van');
    const email = compose(reg, step, 'ban-dan-van');
    expect(email.relation).toBe('monitor');
    expect(email.subject).toBe('[Theo dõi] Đăng ký hoạt động sáng tạo năm 2024 — Ủy ban MTTQ xã Biên Sơn chậm 7 ngày làm việc');
    expect(email.text).toContain('Gửi: Ban Dân vận Huyện ủy Lục Ngạn (thông tin nội bộ)');
    // The district reads a commune's bodies by their full names.
    expect(email.text).toContain('Đã gửi thư đôn đốc đến Ủy ban MTTQ xã Biên Sơn, thông tin đến Đảng ủy xã Biên Sơn.');
    expect(email.text).toContain('Việc cần làm:\n  - Liên hệ trực tiếp, đôn đốc Ủy ban MTTQ xã Biên Sơn');
    expect(email.text).toContain('Mã theo dõi: occ/creative-activity-registration/bien-son/2024/mttq');
    expect(email.text).not.toContain('Trân trọng');
  });

  test('an indicator: a figure to gather, not a task to achieve; the record link and the target in the plan’s words', () => {
    const v = VETERANS();
    const due = compose(v, stepOf(v, 'due'), 'hccb-huyen');
    expect(due.text).toContain('Đề nghị Hội Cựu chiến binh huyện tổng hợp, báo cáo số liệu năm 2024 trong ngày.');
    expect(due.text).toContain(
      'Tổng hợp tỷ lệ chủ tịch Hội Cựu chiến binh cấp cơ sở là cán bộ nghỉ hưu (sĩ quan, quân nhân chuyên nghiệp) năm 2024 (tính theo %; chỉ tiêu: từ 55% trở lên).',
    );
    expect(due.text).toContain('- Nhiệm vụ: Phấn đấu nâng tỷ lệ chủ tịch Hội Cựu chiến binh cấp cơ sở');
    expect(due.text).toContain('- Chỉ tiêu: từ 55% trở lên');
    expect(due.actions.map((a) => a.action)).toEqual(['record']);
    expect(due.text).toContain('Báo cáo số liệu qua đường dẫn “Báo cáo số liệu” dưới đây.');
    expect(due.text).toContain('Báo cáo số liệu: https://');
    expect(due.text).not.toContain('hoàn thành nhiệm vụ và báo cáo kết quả trong ngày');
  });

  test('every interpolated value is escaped in the HTML', () => {
    const session = SESSION();
    const evil: OccurrenceSpec = { ...session, title: '<script>alert("x")</script> Làm việc', clauseText: 'a <b onmouseover=alert(1)>b</b> & c', unitName: '"><img src=x>' };
    const email = compose(evil, stepOf(evil, 'reminder', -5), 'ubnd-huyen');
    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<b onmouseover');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Làm việc');
    expect(email.html).toContain('a &lt;b onmouseover&#x3D;alert(1)&gt;b&lt;/b&gt; &amp; c');
    expect(email.text).toContain('<script>alert("x")</script> Làm việc');
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
    expect(subjectTitle(BRIEFING())).toBe('Giao ban quý III/2024');
    expect(tagFor('reminder', 'leadership')).toBe('report');
    expect(tagFor('escalation', 'leadership')).toBe('report');
    expect(tagFor('escalation', 'leading-committee')).toBe('escalation');
    expect(tagFor('escalation', 'administrative-superior')).toBe('escalation');
    expect(tagFor('escalation', 'monitor')).toBe('note');
    expect(tagFor('reminder', 'monitor')).toBe('note');
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
    expect(email.text).toContain(`${BAN} đề nghị Hội Nông dân huyện thực hiện nhiệm vụ dưới đây, hoàn thành chậm nhất thứ Sáu, ngày 29/3/2024 (còn 5 ngày làm việc).`);
    expect(email.text).toContain('Nội dung đề nghị:\n  - Lựa chọn, đăng ký với Ban Thường vụ Huyện ủy theo nội dung nhiệm vụ nêu trên.');
    expect(email.text).toContain('báo cáo qua đường dẫn “Báo cáo đã hoàn thành” dưới đây và ghi rõ tên hoạt động sáng tạo, nổi bật đã đăng ký.');
    expect(linksIn(email.text)).toHaveLength(1);
    expect(email.text).toContain(`Trân trọng.\n${BDV.toLocaleUpperCase('vi')}`);
  });

  test('to leadership about another body: a report of facts, once per late case, never instructions', () => {
    const toLeadership = hnd.steps.filter((s) => s.to.includes('tt-huyen-uy') || s.to.includes('btv-huyen-uy'));
    expect(toLeadership.map((s) => [s.kind, s.offset])).toEqual([['escalation', 7]]);
    const email = compose(hnd, toLeadership[0]!, 'tt-huyen-uy');
    expect(email.relation).toBe('leadership');
    expect(email.subject).toBe('[Báo cáo] Đăng ký hoạt động sáng tạo năm 2024 — Hội Nông dân huyện chậm 7 ngày làm việc');
    expect(email.text).toContain(`${BAN} kính báo cáo Thường trực Huyện ủy: Hội Nông dân huyện chưa hoàn thành nhiệm vụ dưới đây`);
    expect(email.text).toContain(
      `${BAN} đã gửi thư nhắc và đôn đốc nhưng đến nay Hội Nông dân huyện chưa báo cáo kết quả; kính đề nghị Thường trực Huyện ủy quan tâm chỉ đạo Hội Nông dân huyện khẩn trương hoàn thành.`,
    );
    expect(email.text).toContain(`${BAN} kính báo cáo.\n`);
    expect(email.text).toContain('Ý kiến chỉ đạo (nếu có), kính đề nghị phản hồi qua thư này.');
    expect(email.text).not.toMatch(INSTRUCTIONS);
    expect(email.html).not.toMatch(INSTRUCTIONS);
    expect(email.actions).toEqual([]);
  });

  test('to leadership that owns the duty: the time proposed and its opinion asked; no link, no deadline, no progress, no instruction', () => {
    const step = stepOf(briefing, 'reminder', -10);
    const email = compose(briefing, step, 'tt-huyen-uy');
    expect(email.relation).toBe('leadership');
    expect(email.subject).toBe('[Báo cáo] Dự kiến lịch giao ban quý III/2024 — thứ Hai, ngày 30/9/2024');
    expect(email.text).toContain(
      `Thực hiện mục II.1, đoạn 2 ${SHORT_CITATION}, ${BAN} kính báo cáo Thường trực Huyện ủy dự kiến lịch giao ban quý III/2024: từ 8 giờ 00 đến 10 giờ 00, thứ Hai, ngày 30/9/2024; kính đề nghị Thường trực Huyện ủy cho ý kiến về thời gian, nội dung để ${BAN} phối hợp với Văn phòng Huyện ủy chuẩn bị.`,
    );
    expect(email.text).toContain(`Sau buổi giao ban, ${BAN} sẽ cập nhật kết quả.`);
    expect(email.text).toContain('- Chủ trì: Thường trực Huyện ủy Lục Ngạn');
    expect(email.text).toContain('- Thời gian họp (dự kiến): từ 8 giờ 00 đến 10 giờ 00, thứ Hai, ngày 30/9/2024');
    expect(email.text).not.toMatch(/Cơ quan, đơn vị chủ trì|Tình hình thực hiện|- Thời hạn|còn \d+ ngày làm việc/);
    expect(email.text).not.toMatch(INSTRUCTIONS);
    expect(email.actions).toEqual([]);
    expect(linksIn(email.text)).toEqual([]);
    expect(email.invite).toBe(true);
  });

  test('a duty leadership owns: Ban Dân vận gets the link to record what happened, before and on the day, and nothing goes out after it', () => {
    const note = compose(briefing, stepOf(briefing, 'reminder', -10), 'ban-dan-van');
    expect(note.relation).toBe('monitor');
    expect(note.subject).toBe('[Theo dõi] Giao ban quý III/2024 — hạn 30/9/2024');
    expect(note.text).toContain('đã gửi Thường trực Huyện ủy dự kiến lịch giao ban quý III/2024 (từ 8 giờ 00 đến 10 giờ 00, thứ Hai, ngày 30/9/2024) để xin ý kiến.');
    expect(note.text).toContain('Việc cần làm:\n  - Phối hợp với Văn phòng Huyện ủy chuẩn bị thời gian, nội dung, giấy mời.\n  - Sau buổi giao ban, cập nhật kết quả qua đường dẫn dưới đây.');
    expect(note.actions.map((a) => a.action)).toEqual(['complete']);
    expect(verifyLink(tokenOfUrl(note.actions[0]!.url)!, SECRET, briefing.dueAtMs)).toMatchObject({ ok: true, claims: { action: 'complete', body: 'ban-dan-van' } });
    const due = compose(briefing, stepOf(briefing, 'due'), 'ban-dan-van');
    expect(due.text).toContain('Hôm nay, thứ Hai, ngày 30/9/2024, là thời gian dự kiến giao ban quý III/2024 do Thường trực Huyện ủy chủ trì; kết quả chưa được cập nhật.');
    expect(due.actions.map((a) => a.action)).toEqual(['complete']);
    expect(briefing.steps.filter((s) => s.kind !== 'close').every((s) => s.offset <= 0)).toBe(true);
  });

  test('to the leading committee: "đề nghị … quan tâm lãnh đạo, chỉ đạo, đôn đốc", before the due date too, when a ladder asks it', () => {
    const reg = REGISTRATION();
    const email = compose(reg, { ...stepOf(reg, 'reminder', -5), to: ['mttq-bien-son', 'dang-uy-bien-son'] }, 'dang-uy-bien-son');
    expect(email.relation).toBe('leading-committee');
    expect(email.subject).toBe('[Nhắc việc] Đăng ký hoạt động sáng tạo năm 2024 — hạn 29/3/2024');
    expect(email.text).toContain(`Qua theo dõi, ${BAN} nhận thấy: nhiệm vụ dưới đây do Ủy ban MTTQ xã chủ trì có thời hạn`);
    expect(email.text).toContain('Đề nghị Đảng ủy xã quan tâm lãnh đạo, chỉ đạo, đôn đốc Ủy ban MTTQ xã thực hiện đúng thời hạn.');
    expect(email.actions).toEqual([]);
  });

  test('to an administrative superior: "quan tâm chỉ đạo, đôn đốc", never a Party committee’s words', () => {
    const admin = PlanIndex.fromConfig(withSupervisors(shipped, ADMINISTRATIVE_LINE));
    const reception = spec('occ/citizen-reception-invite/bien-son/2024-07', '2024-07-01', '2024-07-31', admin);
    const step = stepOf(reception, 'escalation', 3);
    expect(step.to).toContain('ubnd-huyen');
    const email = compose(reception, step, 'ubnd-huyen', admin);
    expect(email.relation).toBe('administrative-superior');
    expect(email.subject).toBe('[Đôn đốc] Mời dự tiếp công dân tháng 7/2024 — Ủy ban nhân dân xã Biên Sơn chậm 3 ngày làm việc');
    expect(email.text).toContain('Đề nghị Ủy ban nhân dân huyện quan tâm chỉ đạo, đôn đốc Ủy ban nhân dân xã Biên Sơn khẩn trương hoàn thành nhiệm vụ');
    expect(email.text).not.toContain('lãnh đạo, chỉ đạo');
  });

  test("Ban Dân vận's own duty (the annual report): internal notes with its own to-do list and link, at every step, never a letter to leadership", () => {
    const sending = report.steps.filter((s) => s.kind !== 'close');
    for (const step of sending) expect(step.to).toEqual(['ban-dan-van']);
    const email = compose(report, stepOf(report, 'reminder', -5), 'ban-dan-van');
    expect(email.relation).toBe('monitor');
    expect(email.role).toBe('owner');
    expect(email.subject).toBe('[Theo dõi] Kết quả thực hiện Kế hoạch năm 2024 — hạn 13/12/2024');
    expect(email.text).toContain('Gửi: Ban Dân vận Huyện ủy Lục Ngạn (thông tin nội bộ)');
    expect(email.text).toContain('Nhiệm vụ dưới đây do Ban chủ trì, thời hạn thứ Sáu, ngày 13/12/2024 (còn 5 ngày làm việc).');
    expect(email.text).toContain('Việc cần làm:\n  - Hoàn thiện, trình lãnh đạo Ban; khi hoàn thành, cập nhật qua đường dẫn dưới đây.');
    expect(email.text).toContain('- Nơi nhận: Ban Thường vụ Huyện ủy Lục Ngạn');
    expect(linksIn(email.text)).toHaveLength(1);
    expect(email.text).not.toContain('Kính gửi');
    const late = compose(report, sending.find((s) => s.offset > 0)!, 'ban-dan-van');
    expect(late.text).toContain('Nhiệm vụ dưới đây do Ban chủ trì đã quá thời hạn 1 ngày làm việc');
    expect(late.text).toContain('lãnh đạo Ban trực tiếp báo cáo');
  });

  test('every notice speaks for Ban Dân vận, whoever receives it', () => {
    const reg = REGISTRATION();
    for (const step of reg.steps.filter((s) => s.kind !== 'close')) {
      for (const to of step.to) {
        const email = compose(reg, step, to);
        expect(email.text).toContain(to === 'ban-dan-van' ? 'thông tin nội bộ' : `Trân trọng.\n${BDV.toLocaleUpperCase('vi')}`);
      }
    }
  });
});
