/**
 * The email notifier against a real SMTP server on loopback (test/helpers/smtp-sink.ts),
 * messages parsed with mailparser: headers, Vietnamese content, the invite, the links, and
 * what happens on retries, refusals and outages.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import type { ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { MailDeferredError, PLACEHOLDER_REASON, emailNotifier } from '../../activities/email/notifier';
import { MailLedger } from '../../activities/email/ledger';
import { smtpTransport, type MailTransport } from '../../activities/email/transport';
import type { Notifier } from '../../activities/notify';
import type { PlanSource } from '../../config/plan-source';
import { meetingAfterExtension } from '../../domain/meetings';
import type { OccurrenceSpec } from '../../domain/spec';
import { tokenOfUrl, verifyLink } from '../../platform/links';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import {
  SESSION,
  FROM,
  LINKS,
  REGISTRATION,
  SECRET,
  inputFor,
  mutablePlan,
  shipped,
  staticPlanSource,
  stepOf,
  withRealContacts,
} from '../unit/email/fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-email-'));
let sink: SmtpSink;
let transports: MailTransport[] = [];
let logs: string[] = [];
let dataDir: string;
let n = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  sink.reset();
  logs = [];
  dataDir = path.join(tmp, `run-${++n}`);
});
afterEach(async () => {
  for (const t of transports) await t.close();
  transports = [];
});

const real = withRealContacts();

function notifier(plan: PlanSource = staticPlanSource(real), url = sink.url, dir = dataDir): Notifier {
  const transport = smtpTransport(url, { connectionTimeoutMs: 2000, greetingTimeoutMs: 2000, socketTimeoutMs: 5000 });
  transports.push(transport);
  return emailNotifier({ plan, transport, ledger: MailLedger.inDataDir(dir), links: LINKS, from: FROM, log: (l) => logs.push(l) });
}

const addr = (body: string) => `${body}@lucngan.test`;
const parsed = (to: string): ParsedMail[] => sink.to(to).map((m) => m.parsed);
const deferred = async (p: Promise<unknown>): Promise<MailDeferredError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MailDeferredError);
  // An ordinary error: Temporal retries it (a non-retryable ApplicationFailure would not be).
  expect(err).not.toBeInstanceOf(ApplicationFailure);
  return err as MailDeferredError;
};

describe('email over SMTP', () => {
  test('headers, Vietnamese text and HTML, the invite and the links arrive as sent', async () => {
    const session = SESSION();
    const step = stepOf(session, 'reminder', -5);
    const result = await notifier().deliver(inputFor(session, step));
    expect(result).toEqual({ delivered: step.to, failed: [] });
    await sink.waitFor(step.to.length);
    expect(sink.messages).toHaveLength(step.to.length); // one per recipient address

    const [mail] = parsed(addr('ubnd-huyen'));
    expect(mail).toBeDefined();
    expect(mail!.from?.value[0]).toEqual({ name: 'Đôn đốc Lục Ngạn', address: 'dondoc@lucngan.test' });
    expect(mail!.replyTo?.value[0]).toEqual({ name: 'Ban Dân vận Huyện ủy Lục Ngạn', address: addr('ban-dan-van') });
    expect(mail!.messageId).toMatch(/^<[0-9a-f]{40}@dondoc>$/);
    expect(mail!.subject).toBe('[Nhắc việc] Chủ tịch UBND làm việc với MTTQ và các đoàn thể quý III/2024 — hạn 30/9/2024');
    expect(mail!.headers.get('x-dondoc-occurrence')).toBe(session.id);
    expect(mail!.text).toContain('Kính gửi: đồng chí Nguyễn Văn An, Chánh Văn phòng Ủy ban nhân dân huyện Lục Ngạn');
    expect(mail!.text).toContain('hoàn thành chậm nhất thứ Hai, ngày 30/9/2024 (còn 5 ngày làm việc)');
    expect(mail!.text).toContain('“Định kỳ hằng quý, năm, chủ tịch UBND các cấp làm việc với lãnh đạo Ủy ban MTTQ');
    expect(mail!.html).toContain('<strong>thứ Hai, ngày 30/9/2024; họp dự kiến từ 8 giờ 00 đến 10 giờ 00</strong>');
    expect(mail!.html).toContain('Căn cứ: mục II.2, đoạn 3 Kế hoạch của Ban Thường vụ Huyện ủy Lục Ngạn');

    const ics = mail!.attachments.find((a) => a.filename === 'invite.ics');
    expect(ics).toBeDefined();
    const cal = ics!.content.toString('utf8').replace(/\r\n[ \t]/g, '');
    expect(cal).toContain('METHOD:REQUEST');
    expect(cal).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20240930T080000');
    expect(cal).toContain('UID:occ/chair-working-session/huyen/2024-Q3@dondoc');
    expect(cal).toContain(`ORGANIZER;CN="Ban Dân vận Huyện ủy Lục Ngạn":mailto:${addr('ban-dan-van')}`);
    for (const body of step.to) expect(cal).toContain(`MAILTO:${addr(body)}`);

    const links = [...(mail!.text ?? '').matchAll(/https:\/\/dondoc\.lucngan\.test\/a\/\S+/g)].map((m) => m[0]);
    expect(links).toHaveLength(1);
    expect(mail!.html).toContain(`href="${links[0]}"`);
    expect(verifyLink(tokenOfUrl(links[0]!)!, SECRET, session.dueAtMs)).toMatchObject({
      ok: true,
      claims: { occurrence: session.id, action: 'complete', body: 'ubnd-huyen' },
    });
    // Participants get the invite but no action links.
    const [participant] = parsed(addr('mttq-huyen'));
    expect(participant!.attachments.some((a) => a.filename === 'invite.ics')).toBe(true);
    expect(participant!.text).not.toContain('/a/v1.');
    expect(new Set(sink.messages.map((m) => m.parsed.messageId)).size).toBe(step.to.length);
    expect(logs).toHaveLength(step.to.length);
  });

  test('a malicious title is escaped in the HTML', async () => {
    const session: OccurrenceSpec = { ...SESSION(), title: '<script>alert("pwned")</script> Giao ban' };
    await notifier().deliver(inputFor(session, stepOf(session, 'reminder', -1)));
    const [mail] = parsed(addr('ubnd-huyen'));
    expect(mail!.html).not.toContain('<script');
    expect(mail!.html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Giao ban');
    expect(mail!.text).toContain('<script>alert("pwned")</script> Giao ban');
  });

  test("a moved meeting: the same UID, the occurrence's next SEQUENCE, the new time", async () => {
    const before = SESSION();
    const first = stepOf(before, 'reminder', -1);
    // After an extension the workflow gives the new steps fresh indexes.
    const dueAtMs = Date.parse('2024-10-07T01:00:00Z');
    // As after an extension: the meeting held at the deadline moves with it.
    const moved: OccurrenceSpec = { ...before, due: '2024-10-07', dueAtMs, meeting: meetingAfterExtension(before.meeting, dueAtMs) };
    const second = { ...first, index: 10, atMs: Date.parse('2024-10-04T00:30:00Z'), at: '2024-10-04T07:30:00+07:00' };
    const mail = notifier();
    await mail.deliver(inputFor(before, first));
    // The workflow raises its revision counter when the meeting moves; later notices carry it.
    await mail.deliver({ ...inputFor(moved, second), calendarSequence: 1 });
    const invites = parsed(addr('ubnd-huyen')).map((m) => m.attachments.find((a) => a.filename === 'invite.ics')!.content.toString().replace(/\r\n[ \t]/g, ''));
    expect(invites).toHaveLength(2);
    const field = (ics: string, name: string) => new RegExp(`^${name}[:;](.*)$`, 'm').exec(ics)![1]!.trim();
    expect(field(invites[0]!, 'UID')).toBe(field(invites[1]!, 'UID'));
    expect([field(invites[0]!, 'SEQUENCE'), field(invites[1]!, 'SEQUENCE')]).toEqual(['0', '1']);
    expect(invites[1]).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20241007T080000');
    expect(parsed(addr('ubnd-huyen'))[1]!.subject).toBe('[Nhắc việc] Chủ tịch UBND làm việc với MTTQ và các đoàn thể quý III/2024 — hạn 07/10/2024');
  });

  test('a retried activity sends one message per recipient', async () => {
    const reg = REGISTRATION();
    const input = inputFor(reg, stepOf(reg, 'escalation', 7));
    const first = await notifier().deliver(input);
    const retried = await notifier().deliver(input); // a new notifier: nothing but the ledger remembers
    expect(retried).toEqual(first);
    expect(first.delivered.sort()).toEqual(['ban-dan-van', 'dang-uy-bien-son', 'mttq-bien-son']);
    expect(sink.messages).toHaveLength(3);
    for (const body of first.delivered) expect(sink.to(addr(body))).toHaveLength(1);
  });

  test('a recipient refused with 550 is a visible failure; the others still get theirs', async () => {
    sink.reject(addr('hnd-huyen'), 550);
    const session = SESSION();
    const step = stepOf(session, 'reminder', -5);
    const result = await notifier().deliver(inputFor(session, step));
    expect(result.failed).toEqual([{ body: 'hnd-huyen', reason: expect.stringMatching(/^hnd-huyen@lucngan\.test: 550 5\.1\.1/) }]);
    expect(result.delivered).toEqual(step.to.filter((b) => b !== 'hnd-huyen'));
    expect(sink.messages).toHaveLength(step.to.length - 1);
    expect(sink.to(addr('hnd-huyen'))).toHaveLength(0);
    expect(logs.some((l) => l.includes('REJECTED for good: 550'))).toBe(true);
    // A retry reports the same without sending again (the refusal is in the ledger).
    sink.accept(addr('hnd-huyen'));
    expect(await notifier().deliver(inputFor(session, step))).toEqual(result);
    expect(sink.messages).toHaveLength(step.to.length - 1);
  });

  test('every recipient refused: the call still returns, with every failure', async () => {
    const reg = REGISTRATION();
    const step = stepOf(reg, 'overdue', 1);
    sink.reject(addr('mttq-bien-son'), 553, '5.1.3 Bad destination mailbox address');
    const result = await notifier().deliver(inputFor(reg, step));
    expect(result).toEqual({ delivered: [], failed: [{ body: 'mttq-bien-son', reason: expect.stringContaining('553') }] });
  });

  test('SMTP down for a while (421): the first attempt throws a retryable error, a later one sends everything once', async () => {
    const reg = REGISTRATION();
    const input = inputFor(reg, stepOf(reg, 'escalation', 7));
    const mail = notifier();
    sink.down('421');
    const err = await deferred(mail.deliver(input));
    expect(err.pending).toHaveLength(3);
    expect(err.message).toMatch(/421/);
    await deferred(mail.deliver(input)); // still down
    expect(sink.messages).toHaveLength(0);
    sink.up();
    const result = await mail.deliver(input);
    expect(result.delivered.sort()).toEqual(['ban-dan-van', 'dang-uy-bien-son', 'mttq-bien-son']);
    await mail.deliver(input);
    expect(sink.messages).toHaveLength(3);
    for (const body of result.delivered) expect(sink.to(addr(body)), body).toHaveLength(1);
  });

  test('connections dropped mid-run: what went out stays out, the retry sends only the rest', async () => {
    const session = SESSION();
    const step = stepOf(session, 'reminder', -5);
    const mail = notifier();
    // The server goes away after the second message.
    let seen = 0;
    const watch = setInterval(() => {
      if (sink.messages.length >= 2 && seen === 0) {
        seen = sink.messages.length;
        sink.down('close');
      }
    }, 1);
    const err = await deferred(mail.deliver(inputFor(session, step)));
    clearInterval(watch);
    const got = sink.messages.length;
    expect(got).toBeGreaterThanOrEqual(2);
    expect(got).toBeLessThan(step.to.length);
    expect(err.sent + err.pending.length).toBe(step.to.length);
    sink.up();
    const result = await mail.deliver(inputFor(session, step));
    expect(result).toEqual({ delivered: step.to, failed: [] });
    expect(sink.messages).toHaveLength(step.to.length);
    for (const body of step.to) expect(sink.to(addr(body))).toHaveLength(1);
  });

  test('a temporary refusal (450) of one recipient: the others are sent, the retry sends only that one', async () => {
    const session = SESSION();
    const step = stepOf(session, 'reminder', -5);
    sink.reject(addr('ldld-huyen'), 450);
    const mail = notifier();
    const err = await deferred(mail.deliver(inputFor(session, step)));
    expect(err.pending).toEqual([{ body: 'ldld-huyen', address: addr('ldld-huyen'), reason: expect.stringMatching(/^450/) }]);
    expect(sink.messages).toHaveLength(step.to.length - 1);
    sink.accept(addr('ldld-huyen'));
    expect(await mail.deliver(inputFor(session, step))).toEqual({ delivered: step.to, failed: [] });
    expect(sink.messages).toHaveLength(step.to.length);
    expect(sink.to(addr('ldld-huyen'))).toHaveLength(1);
  });

  test('nothing listening: a retryable error for the refused connection (not a timeout), nothing sent', async () => {
    const closed = await startSmtpSink();
    const url = closed.url;
    await closed.close();
    const reg = REGISTRATION();
    const err = await deferred(notifier(staticPlanSource(real), url).deliver(inputFor(reg, stepOf(reg, 'overdue', 1))));
    expect(err.message).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(err.message).not.toMatch(/timeout|ETIMEDOUT/i);
    expect(err.sent).toBe(0);
  });

  test('placeholder addresses are never sent to over SMTP', async () => {
    const reg = REGISTRATION();
    const step = stepOf(reg, 'escalation', 3);
    const result = await notifier(staticPlanSource(shipped)).deliver(inputFor(reg, step));
    expect(result.delivered).toEqual([]);
    expect(result.failed).toEqual(step.to.map((body) => ({ body, reason: expect.stringContaining(PLACEHOLDER_REASON) })));
    expect(result.failed[0]!.reason).toMatch(/^mttq\.bien-son@example\.vn là địa chỉ giữ chỗ/);
    expect(sink.messages).toHaveLength(0);
  });

  test('contacts are looked up at sending time: a changed address takes effect at once', async () => {
    const plan = mutablePlan(real);
    const mail = notifier(plan);
    const reg = REGISTRATION();
    await mail.deliver(inputFor(reg, stepOf(reg, 'overdue', 1)));
    plan.set(withRealContacts({ 'mttq-bien-son': 'chu-tich.mttq@bienson.test' }));
    await mail.deliver(inputFor(reg, stepOf(reg, 'overdue', 2)));
    expect(sink.to(addr('mttq-bien-son'))).toHaveLength(1);
    expect(sink.to('chu-tich.mttq@bienson.test')).toHaveLength(1);
    expect(sink.to('chu-tich.mttq@bienson.test')[0]!.parsed.subject).toMatch(/^\[Quá hạn\] .* — chậm 2 ngày làm việc, hạn 29\/3\/2024$/);
  });
});

describe('SMTP with a login (auth in SMTP_URL)', () => {
  let authSink: SmtpSink;
  beforeAll(async () => {
    authSink = await startSmtpSink({ auth: { user: 'dondoc@lucngan.test', pass: 'p@ss:w/rd' } });
  });
  afterAll(async () => {
    await authSink?.close();
  });

  test('the URL-encoded credentials log in; wrong ones are a retryable error, not a recipient failure', async () => {
    expect(authSink.url).toContain('dondoc%40lucngan.test:p%40ss%3Aw%2Frd@');
    const reg = REGISTRATION();
    const input = inputFor(reg, stepOf(reg, 'overdue', 1));
    const bad = authSink.url.replace('p%40ss', 'wrong');
    const err = await deferred(notifier(staticPlanSource(real), bad).deliver(input));
    expect(err.message).toMatch(/EAUTH|535/);
    expect(await notifier(staticPlanSource(real), authSink.url).deliver(input)).toEqual({ delivered: ['mttq-bien-son'], failed: [] });
    expect(authSink.messages).toHaveLength(1);
  });
});
