/**
 * The draft report attached to the notices of the monitor's yearly report: to the owner's
 * letters only, with a sentence saying what is attached; a report that cannot be made gives
 * a note instead, and the notice still goes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Client } from '@temporalio/client';
import { simpleParser } from 'mailparser';
import JSZip from 'jszip';
import { afterAll, describe, expect, test } from 'vitest';
import { createMailNotifier } from '../../../activities/email';
import { MailLedger } from '../../../activities/email/ledger';
import { emailNotifier, type AttachmentProvider } from '../../../activities/email/notifier';
import { isPlanReport, reportAttachments } from '../../../activities/email/report-attachment';
import { outboxTransport } from '../../../activities/email/transport';
import { staticPlanSource } from '../../../config/plan-source';
import type { NotifyInput } from '../../../activities/types';
import { specOf } from '../../../domain/spec';
import type { FactSource } from '../../../reporting';
import { index, syntheticYear } from './fixtures';
import { formatVi } from '../../../vocabulary';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-report-mail-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const plan = staticPlanSource(index.config);
const noClient = {} as Client; // the sources below never touch it

function input(id: string, kind: 'reminder' | 'due'): NotifyInput {
  const [, obligation, unit] = id.split('/');
  const occ = index.occurrencesBetween('2024-01-01', '2024-12-31', { obligation: obligation!, unit: unit! }).find((o) => o.id === id)!;
  const { steps, ...spec } = specOf(index, occ);
  const step = steps.find((s) => s.kind === kind)!;
  return { occurrence: spec, step, logicalAtMs: step.atMs };
}

async function send(dir: string, provider: AttachmentProvider, notice: NotifyInput) {
  const log: string[] = [];
  const notifier = emailNotifier({
    plan,
    transport: outboxTransport(path.join(tmp, dir)),
    ledger: MailLedger.inDataDir(path.join(tmp, dir)),
    links: { secret: 'test-secret-0123456789-abcdefghijklmnop', publicUrl: 'https://dondoc.lucngan.test' },
    from: 'Đôn đốc <dondoc@lucngan.test>',
    log: (l) => log.push(l),
    attachments: provider,
  });
  const result = await notifier.deliver(notice);
  const files = fs.readdirSync(path.join(tmp, dir)).filter((f) => f.endsWith('.eml'));
  const mails = await Promise.all(files.map(async (f) => ({ file: f, mail: await simpleParser(fs.readFileSync(path.join(tmp, dir, f))) })));
  return { result, mails, log };
}

const REPORT = 'occ/annual-implementation-report/huyen/2024';

describe('the draft report attached to the yearly report notices', () => {
  test('only the monitor’s yearly report is that obligation', () => {
    expect(index.config.plan.obligations.filter((o) => isPlanReport(plan, o.id)).map((o) => o.id)).toEqual(['annual-implementation-report']);
  });

  test("the owner's reminder carries that year's DOCX and says so; another recipient's letter does not", async () => {
    const reminder = input(REPORT, 'reminder');
    // Ban Thường vụ receives the report; it takes no part in drafting it, so it is not reminded.
    expect(reminder.step.to).toEqual(['ban-dan-van']);
    // The same notice reaching someone else too (as an escalation reaches Thường trực Huyện ủy).
    const notice = { ...reminder, step: { ...reminder.step, to: ['ban-dan-van', 'tt-huyen-uy'] } };
    const { source } = syntheticYear({ asOfMs: notice.logicalAtMs });
    const { result, mails } = await send('ok', reportAttachments(noClient, plan, { source }), notice);
    expect(result.failed).toEqual([]);
    const owner = mails.find((m) => m.file.includes('ban-dan-van'))!.mail;
    const participant = mails.find((m) => !m.file.includes('ban-dan-van'))!.mail;
    const [docx] = owner.attachments.filter((a) => a.filename?.endsWith('.docx'));
    expect(docx?.filename).toBe('du-thao-bao-cao-2024.docx');
    expect(docx?.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await JSZip.loadAsync(docx!.content);
    expect(await zip.file('word/document.xml')!.async('string')).toContain('BAN DÂN VẬN');
    expect(owner.text).toContain('Gửi kèm: dự thảo báo cáo kết quả thực hiện Kế hoạch năm 2024 (du-thao-bao-cao-2024.docx)');
    expect(owner.text).toContain(`đến ngày ${formatVi(notice.step.at.slice(0, 10))}`);
    expect(owner.html).toContain('Gửi kèm: dự thảo báo cáo');
    // The note is part of the letter, before its signature, not after it.
    const text = String(owner.text);
    const html = String(owner.html);
    expect(text.indexOf('Gửi kèm')).toBeLessThan(text.indexOf('\n-- \n'));
    expect(html.indexOf('Gửi kèm')).toBeLessThan(html.indexOf('Thư gửi tự động'));
    expect(participant.attachments.filter((a) => a.filename?.endsWith('.docx'))).toEqual([]);
    expect(participant.text).not.toContain('Gửi kèm');
  });

  test('a report that cannot be made: the notice goes, with a note saying how to make it', async () => {
    const broken: FactSource = { records: () => Promise.reject(new Error('Temporal không trả lời')) };
    const { result, mails } = await send('broken', reportAttachments(noClient, plan, { source: broken }), input(REPORT, 'due'));
    expect(result.failed).toEqual([]);
    expect(mails).toHaveLength(1);
    const { mail } = mails[0]!;
    expect(mail.attachments.filter((a) => a.filename?.endsWith('.docx'))).toEqual([]);
    expect(mail.text).toContain('Chưa gửi kèm được dự thảo báo cáo năm 2024 (Temporal không trả lời); có thể tạo bằng lệnh: dondoc report --year 2024 --format docx.');
  });

  test('a slow source gives up after the timeout, and a provider that throws is only logged', async () => {
    const slow: FactSource = { records: () => new Promise(() => undefined) };
    const { mails } = await send('slow', reportAttachments(noClient, plan, { source: slow, timeoutMs: 50 }), input(REPORT, 'due'));
    expect(mails[0]!.mail.text).toContain('Chưa gửi kèm được dự thảo báo cáo năm 2024 (quá 0 giây)');
    const { result, mails: m2, log } = await send('throws', () => Promise.reject(new Error('boom')), input(REPORT, 'due'));
    expect(result.failed).toEqual([]);
    expect(m2).toHaveLength(1);
    expect(log.some((l) => l.includes('no attachment (boom)'))).toBe(true);
  });

  test('other obligations carry nothing', async () => {
    let asked = 0;
    const { source } = syntheticYear({ asOfMs: Date.parse('2024-09-30T00:00:00Z') });
    const counting: FactSource = { records: (ids) => (asked++, source.records(ids)) };
    const { mails } = await send('other', reportAttachments(noClient, plan, { source: counting }), input('occ/quarterly-briefing/huyen/2024-Q3', 'due'));
    expect(asked).toBe(0);
    expect(mails[0]!.mail.attachments.filter((a) => a.filename?.endsWith('.docx'))).toEqual([]);
  });

  test('wired at construction: createMailNotifier with the report provider attaches it to the report notice', async () => {
    const dir = path.join(tmp, 'composed');
    const { source } = syntheticYear({ asOfMs: Date.parse('2024-12-20T00:00:00Z') });
    const mail = createMailNotifier(
      { MAIL_FROM: 'Đôn đốc <dondoc@lucngan.test>', DONDOC_LINK_SECRET: 'test-secret-0123456789-abcdefghijklmnop', DONDOC_PUBLIC_URL: 'https://dondoc.lucngan.test', dataDir: dir },
      plan,
      { attachments: reportAttachments(noClient, plan, { source }), log: () => {} },
    );
    await mail.deliver(input(REPORT, 'reminder'));
    await mail.close();
    const files = fs.readdirSync(path.join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));
    const mails = await Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(dir, 'outbox', f)))));
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) expect(m.attachments.filter((a) => a.filename?.endsWith('.docx'))).toHaveLength(1);
  });
});
