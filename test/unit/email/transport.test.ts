import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import * as nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { describe, expect, test } from 'vitest';
import { MailLedger } from '../../../activities/email/ledger';
import { emailNotifier } from '../../../activities/email/notifier';
import { buildMessage, MESSAGE_DEFAULTS, preparsedAddresses, wholeDisplayNames } from '../../../activities/email/mime';
import { classifySendError } from '../../../activities/email/send-errors';
import { redactUrl, type MailTransport } from '../../../activities/email/transport';
import { SESSION, FROM, inputFor, LINKS, REGISTRATION, staticPlanSource, stepOf, withRealContacts } from './fixtures';

describe('SMTP failures', () => {
  test.each([
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, permanent: true, response: '550 5.1.1 No such user' }, 'recipient', true],
    [{ code: 'EMESSAGE', command: 'DATA', responseCode: 554, permanent: true, response: '554 rejected' }, 'recipient', true],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 452, permanent: false, response: '452 mailbox full' }, 'recipient', false],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 no' }, 'recipient', true],
    [{ code: 'EENVELOPE', command: 'API', message: 'Invalid recipient "x"' }, 'recipient', true],
    [{ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'connection', undefined],
    [{ code: 'ETIMEDOUT', command: 'CONN', message: 'Connection timeout' }, 'connection', undefined],
    [{ code: 'EPROTOCOL', command: 'CONN', responseCode: 421, permanent: false, response: '421 try later' }, 'connection', undefined],
    [{ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535, permanent: true, response: '535 bad login' }, 'connection', undefined],
    [{ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 550, permanent: true, response: '550 sender refused' }, 'connection', undefined],
    [new Error('something else'), 'connection', undefined],
  ])('%o → %s', (err, scope, permanent) => {
    const f = classifySendError(err);
    expect(f.scope).toBe(scope);
    if (f.scope === 'recipient') expect(f.permanent).toBe(permanent);
    expect(f.reason.length).toBeGreaterThan(0);
  });

  test('the reason is the server reply; the SMTP password never reaches a log line', () => {
    expect(classifySendError({ command: 'RCPT TO', responseCode: 550, response: '550 5.1.1 No such user\r\nmore' }).reason).toBe('550 5.1.1 No such user');
    expect(redactUrl('smtps://user:s3cret@mail.example.org:465')).toBe('smtps://user:***@mail.example.org:465');
    expect(redactUrl('smtp://mailpit:1025')).toBe('smtp://mailpit:1025');
  });
});

describe('building the message (nodemailer composes, serializeMime writes it out)', () => {
  /** The messages the notifier hands its transport, for a meeting reminder and an escalation (with an attachment). */
  async function capturedMessages(): Promise<Mail.Options[]> {
    const sent: Mail.Options[] = [];
    const capture: MailTransport = {
      mode: 'smtp',
      description: 'capture',
      send: async (m) => (sent.push(m), { detail: '250 OK' }),
      verify: async () => {},
      close: async () => {},
    };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-build-'));
    const notifier = emailNotifier({
      plan: staticPlanSource(withRealContacts()),
      transport: capture,
      ledger: MailLedger.inDataDir(dataDir),
      links: LINKS,
      from: FROM,
      log: () => {},
      attachments: async () => ({
        attachments: [{ filename: 'Dự thảo báo cáo năm 2024 — Lục Ngạn.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)) }],
        note: 'Kèm theo: dự thảo báo cáo năm 2024.',
      }),
    });
    const session = SESSION();
    const reg = REGISTRATION();
    await notifier.deliver(inputFor(session, stepOf(session, 'reminder', -5)));
    await notifier.deliver(inputFor(reg, stepOf(reg, 'escalation', 3)));
    await notifier.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return sent;
  }

  /** What nodemailer's own stream transport writes for the same message (display names as one encoded word, as dondoc's). */
  async function streamed(message: Mail.Options): Promise<Buffer> {
    const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }, MESSAGE_DEFAULTS);
    t.use('stream', wholeDisplayNames as Parameters<typeof t.use>[1]);
    return (await t.sendMail(message)).message as Buffer;
  }

  test('byte for byte what nodemailer streams (same boundaries), for invites, attachments, ASCII-only and quoted-printable messages', async () => {
    const messages = await capturedMessages();
    expect(messages.some((m) => m.icalEvent)).toBe(true);
    expect(messages.some((m) => m.attachments?.length)).toBe(true);
    const variants: Mail.Options[] = [
      ...messages,
      { ...messages[0]!, text: 'plain ASCII only\nsecond line\n.starts with a dot', html: undefined, icalEvent: undefined },
      { ...messages[0]!, textEncoding: 'quoted-printable' }, // not written here: streamed by nodemailer
    ];
    for (const m of variants) {
      const fixed = { ...m, baseBoundary: 'fixed-boundary' };
      const built = await buildMessage(fixed);
      expect(built.raw.toString('latin1')).toBe((await streamed(fixed)).toString('latin1'));
      expect(built.envelope.to).toEqual([(m.to as { address: string }).address]);
    }
  });

  test('From and Reply-To parsed once give the same message as nodemailer parsing the strings', async () => {
    const [m] = await capturedMessages();
    for (const value of [FROM, 'dondoc <dondoc@localhost>', 'plain@lucngan.test', '"Ban Dân vận, Huyện ủy" <bdv@lucngan.test>', 'a@x.vn, Bé <b@x.vn>', 'Nhóm: a@x.vn, b@x.vn;']) {
      const pre = preparsedAddresses(value);
      const asString = await buildMessage({ ...m!, from: value, replyTo: value, baseBoundary: 'b' });
      const parsedOnce = await buildMessage({ ...m!, from: pre() as Mail.Options['from'], replyTo: pre(), baseBoundary: 'b' });
      expect(parsedOnce.raw.toString('latin1')).toBe(asString.raw.toString('latin1'));
      expect(parsedOnce.envelope).toEqual(asString.envelope);
    }
    // A group is left to nodemailer.
    expect(preparsedAddresses('Nhóm: a@x.vn, b@x.vn;')()).toBe('Nhóm: a@x.vn, b@x.vn;');
    expect(preparsedAddresses(FROM)()).toEqual({ name: 'Đôn đốc Lục Ngạn', address: 'dondoc@lucngan.test' });
  });

  test('text parts are base64; mailparser reads back exactly the Vietnamese text, HTML, subject, headers, invite and attachment', async () => {
    const messages = await capturedMessages();
    for (const m of messages) {
      const { raw } = await buildMessage(m);
      const text = raw.toString('latin1');
      expect(text).toMatch(/Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n/);
      expect(text).toMatch(/Content-Type: text\/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n/);
      expect(text).not.toMatch(/quoted-printable/);
      expect(text.split('\r\n').every((line) => line.length <= 998)).toBe(true);
      expect(/(?<!\r)\n/.test(text)).toBe(false);
      const mail = await simpleParser(raw);
      expect(mail.subject).toBe(m.subject);
      expect(mail.subject).toMatch(/[ạ-ỹĐđ]/);
      expect(mail.text).toBe(m.text);
      expect(mail.html).toBe(m.html);
      expect(mail.messageId).toBe(m.messageId);
      expect(mail.date?.getTime()).toBe(Math.floor((m.date as Date).getTime() / 1000) * 1000);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([m.to]);
      expect(mail.headers.get('x-dondoc-occurrence')).toBe((m.headers as Record<string, string>)['X-Dondoc-Occurrence']);
      expect(mail.headers.get('x-dondoc-step')).toBe((m.headers as Record<string, string>)['X-Dondoc-Step']);
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      const ical = m.icalEvent as { content: string } | undefined;
      if (ical) {
        const ics = mail.attachments.find((a) => a.filename === 'invite.ics');
        expect(ics?.content.toString('utf8')).toBe(ical.content);
        expect(text).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST\r\nContent-Transfer-Encoding: base64\r\n/);
      }
      for (const a of (m.attachments ?? []) as { filename: string; content: Buffer }[]) {
        const got = mail.attachments.find((x) => x.filename === a.filename);
        expect(got?.content.equals(a.content)).toBe(true);
      }
    }
  });

  /**
   * An address header read as many mail readers do (Python's email package among them): each
   * encoded word decoded where it stands, the folding space between two of them kept.
   */
  function readNaively(raw: Buffer, header: string): string {
    const unfolded = raw.toString('latin1').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]/g, ' ');
    const line = unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${header.toLowerCase()}:`))!;
    return line
      .slice(header.length + 1)
      .trim()
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
  }

  test('names in To and Reply-To read exactly as in the directory, also by readers that keep the space between encoded words', async () => {
    const names = ['Huyện đoàn Lục Ngạn (Đoàn TNCS Hồ Chí Minh)', 'Hội Liên hiệp Phụ nữ huyện Lục Ngạn', 'Đoàn TNCS Hồ Chí Minh thị trấn Biển Động', 'Ban Dân vận Huyện ủy Lục Ngạn'];
    for (const name of names) {
      const { raw } = await buildMessage({ from: FROM, to: { name, address: 'x@example.vn' }, replyTo: { name, address: 'y@example.vn' }, subject: 's', text: 't' });
      expect(readNaively(raw, 'To')).toBe(`${name} <x@example.vn>`);
      expect(readNaively(raw, 'Reply-To')).toBe(`${name} <y@example.vn>`);
      const mail = await simpleParser(raw);
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([{ name, address: 'x@example.vn' }]);
      // One encoded word per name: nodemailer alone cuts it every 30 bytes, and the naive reading gets "( Đoàn".
      const plain = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }, MESSAGE_DEFAULTS);
      const cut = (await plain.sendMail({ from: FROM, to: { name, address: 'x@example.vn' }, subject: 's', text: 't' })).message as Buffer;
      expect(readNaively(cut, 'To')).not.toBe(`${name} <x@example.vn>`);
    }
    // ASCII names are still nodemailer's: bare or quoted.
    const { raw } = await buildMessage({ from: FROM, to: { name: 'Van phong, BDV', address: 'x@example.vn' }, subject: 's', text: 't' });
    expect(readNaively(raw, 'To')).toBe('"Van phong, BDV" <x@example.vn>');
  });
});
