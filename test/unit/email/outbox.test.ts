/**
 * The email notifier without SMTP (the default run): complete .eml files in <data>/outbox/,
 * one log line each, once per (occurrence, step, address), placeholders included.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, test } from 'vitest';
import { createMailNotifier } from '../../../activities/email';
import { MailLedger } from '../../../activities/email/ledger';
import { emailNotifier } from '../../../activities/email/notifier';
import { outboxTransport } from '../../../activities/email/transport';
import { loadEnv } from '../../../platform/env';
import { linkExpiry, tokenOfUrl, verifyLink } from '../../../platform/links';
import { SESSION, FROM, inputFor, LINKS, REGISTRATION, SECRET, shipped, staticPlanSource, stepOf } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-outbox-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function outboxNotifierIn(dataDir: string, log: string[]) {
  return emailNotifier({
    plan: staticPlanSource(shipped),
    transport: outboxTransport(path.join(dataDir, 'outbox')),
    ledger: MailLedger.inDataDir(dataDir),
    links: LINKS,
    from: FROM,
    log: (l) => log.push(l),
  });
}

const emls = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort() : []);

describe('the outbox (no SMTP_URL)', () => {
  test('one complete .eml per recipient, one log line each, placeholder addresses included', async () => {
    const dataDir = path.join(tmp, 'one');
    const log: string[] = [];
    const session = SESSION();
    const step = stepOf(session, 'reminder', -5);
    const result = await outboxNotifierIn(dataDir, log).deliver(inputFor(session, step));
    expect(result).toEqual({ delivered: step.to, failed: [] });
    const files = emls(path.join(dataDir, 'outbox'));
    expect(files).toHaveLength(step.to.length);
    for (const f of files) expect(f).toMatch(/^20240923-0715_chair-working-session\.huyen\.2024-Q3_s0_.*@example\.vn\.eml$/);
    expect(log).toHaveLength(step.to.length);
    expect(log[0]).toMatch(/^dondoc: mail reminder occ\/chair-working-session\/huyen\/2024-Q3 #0 → ubnd\.huyen@example\.vn \(ubnd-huyen\): .*\.eml$/);

    const file = files.find((f) => f.includes('ubnd.huyen'))!;
    const raw = fs.readFileSync(path.join(dataDir, 'outbox', file));
    expect(raw.includes('\r\n')).toBe(true);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('[Nhắc việc] Chủ tịch UBND làm việc với MTTQ và các đoàn thể quý III/2024 — hạn 30/9/2024');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Đôn đốc Lục Ngạn', address: 'dondoc@lucngan.test' });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : '').toBe('ubnd.huyen@example.vn');
    expect(mail.replyTo?.value[0]?.address).toBe('ban-dan-van.huyen@example.vn');
    expect(mail.messageId).toMatch(/^<[0-9a-f]{40}@dondoc>$/);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('thứ Hai, ngày 30/9/2024');
    expect(mail.html).toContain('Chủ tịch UBND làm việc định kỳ');
    const ics = mail.attachments.find((a) => a.filename === 'invite.ics');
    expect(ics?.content.toString()).toContain('METHOD:REQUEST');
    // A placeholder contact is addressed by the body's name, exactly as the directory writes it, in one encoded word.
    const doan = fs.readFileSync(path.join(dataDir, 'outbox', files.find((f) => f.includes('doan-tn.huyen'))!));
    const to = doan.toString('latin1').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]/g, ' ').split('\r\n').find((l) => l.startsWith('To:'))!;
    expect(to.match(/=\?UTF-8\?B\?/g)).toHaveLength(1);
    const doanTo = (await simpleParser(doan)).to;
    expect(doanTo && !Array.isArray(doanTo) ? doanTo.value : []).toEqual([{ name: 'Huyện đoàn Lục Ngạn', address: 'doan-tn.huyen@example.vn' }]);
    const link = /https:\/\/dondoc\.lucngan\.test\/a\/\S+/.exec(mail.text ?? '')![0];
    expect(verifyLink(tokenOfUrl(link)!, SECRET, session.dueAtMs)).toMatchObject({ ok: true, claims: { body: 'ubnd-huyen', action: 'complete' } });
  });

  test('a retry, even from a new process, writes nothing twice', async () => {
    const dataDir = path.join(tmp, 'retry');
    const log: string[] = [];
    const reg = REGISTRATION();
    const input = inputFor(reg, stepOf(reg, 'escalation', 3));
    const first = await outboxNotifierIn(dataDir, log).deliver(input);
    const again = await outboxNotifierIn(dataDir, log).deliver(input);
    const concurrent = outboxNotifierIn(dataDir, log);
    await Promise.all([concurrent.deliver(input), concurrent.deliver(input)]);
    expect(again).toEqual(first);
    expect(first.delivered.sort()).toEqual(['dang-uy-bien-son', 'mttq-bien-son']);
    expect(emls(path.join(dataDir, 'outbox'))).toHaveLength(2);
    expect(log).toHaveLength(2);
    const ledger = fs.readFileSync(path.join(dataDir, 'mail-ledger.jsonl'), 'utf8').trim().split('\n');
    expect(ledger).toHaveLength(2);
    expect(JSON.parse(ledger[0]!)).toMatchObject({ outcome: 'sent', occurrence: reg.id, step: input.step.index, transport: 'outbox' });
  });

  test('MAIL_REPLY_TO replaces the monitor as Reply-To', async () => {
    const dataDir = path.join(tmp, 'reply-to');
    const mail = emailNotifier({
      plan: staticPlanSource(shipped),
      transport: outboxTransport(path.join(dataDir, 'outbox')),
      ledger: MailLedger.inDataDir(dataDir),
      links: LINKS,
      from: FROM,
      replyTo: 'Văn phòng Ban Dân vận <vp.bdv@lucngan.test>',
      log: () => {},
    });
    const reg = REGISTRATION();
    await mail.deliver(inputFor(reg, stepOf(reg, 'overdue', 1)));
    const [file] = emls(path.join(dataDir, 'outbox'));
    const parsed = await simpleParser(fs.readFileSync(path.join(dataDir, 'outbox', file!)));
    expect(parsed.replyTo?.value).toEqual([{ name: 'Văn phòng Ban Dân vận', address: 'vp.bdv@lucngan.test' }]);
  });

  test('the close step and an empty step send nothing', async () => {
    const dataDir = path.join(tmp, 'close');
    const reg = REGISTRATION();
    expect(await outboxNotifierIn(dataDir, []).deliver(inputFor(reg, stepOf(reg, 'close')))).toEqual({ delivered: [], failed: [] });
    expect(emls(path.join(dataDir, 'outbox'))).toEqual([]);
  });

  test('a body missing from the directory is reported, the others are served', async () => {
    const dataDir = path.join(tmp, 'missing');
    const reg = REGISTRATION();
    const step = { ...stepOf(reg, 'overdue', 1), to: ['mttq-bien-son', 'no-such-body'] };
    const result = await outboxNotifierIn(dataDir, []).deliver(inputFor(reg, step));
    expect(result.delivered).toEqual(['mttq-bien-son']);
    expect(result.failed).toEqual([{ body: 'no-such-body', reason: expect.stringContaining('không có trong danh bạ') }]);
  });

  test('createMailNotifier from the default environment: outbox, a development link secret in the data dir', async () => {
    const dataDir = path.join(tmp, 'env');
    const env = loadEnv({ DONDOC_DATA_DIR: dataDir });
    const lines: string[] = [];
    const mail = createMailNotifier(env, staticPlanSource(shipped), { log: (l) => lines.push(l) });
    expect(mail.transport.mode).toBe('outbox');
    expect(mail.description).toContain(path.join(dataDir, 'outbox'));
    expect(mail.description).toContain(path.join(dataDir, 'link-secret'));
    const reg = REGISTRATION();
    await mail.deliver(inputFor(reg, stepOf(reg, 'overdue', 1)));
    await mail.close();
    expect(lines).toHaveLength(1);
    const file = emls(path.join(dataDir, 'outbox'))[0]!;
    const text = (await simpleParser(fs.readFileSync(path.join(dataDir, 'outbox', file)))).text ?? '';
    const token = tokenOfUrl(/http:\/\/localhost:8080\/a\/\S+/.exec(text)![0])!;
    const secret = fs.readFileSync(path.join(dataDir, 'link-secret'), 'utf8').trim();
    expect(verifyLink(token, secret, reg.dueAtMs).ok).toBe(true);
  });

  test('the data directory, the outbox and its messages (live links in each) are private: 0700 and 0600; DONDOC_LINK_DAYS sets how long links work', async () => {
    const dataDir = path.join(tmp, 'private', 'data');
    const env = loadEnv({ DONDOC_DATA_DIR: dataDir, DONDOC_LINK_DAYS: '10' });
    const mail = createMailNotifier(env, staticPlanSource(shipped), { log: () => {} });
    const reg = REGISTRATION();
    await mail.deliver(inputFor(reg, stepOf(reg, 'overdue', 1)));
    await mail.close();
    const mode = (p: string) => fs.statSync(p).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'outbox'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'link-secret'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'mail-ledger.jsonl'))).toBe(0o600);
    const files = emls(path.join(dataDir, 'outbox'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(mode(path.join(dataDir, 'outbox', f)), f).toBe(0o600);
    const text = (await simpleParser(fs.readFileSync(path.join(dataDir, 'outbox', files[0]!)))).text ?? '';
    const token = tokenOfUrl(/http:\/\/localhost:8080\/a\/\S+/.exec(text)![0])!;
    const secret = fs.readFileSync(path.join(dataDir, 'link-secret'), 'utf8').trim();
    const verified = verifyLink(token, secret, reg.dueAtMs);
    expect(verified.ok && verified.claims.expiresAtMs).toBe(linkExpiry(reg.due, 10).expiresAtMs);
  });
});
