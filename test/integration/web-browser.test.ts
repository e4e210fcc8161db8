/**
 * The web pages in a real browser (Debian's chromium driven by playwright-core), on the run's
 * dev server, with a real worker whose notices go through the email notifier to a loopback
 * SMTP server: the link is taken from the email that arrived, the official confirms on a
 * phone-sized page, and the board shows the change.
 *
 * `UPDATE_SCREENS=1` writes the screenshots to docs/screens/ (phone and desktop widths).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createActivities } from '../../activities';
import { MailLedger } from '../../activities/email/ledger';
import { emailNotifier } from '../../activities/email/notifier';
import { smtpTransport, type MailTransport } from '../../activities/email/transport';
import { staticPlanSource } from '../../config/plan-source';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import { periodContaining } from '../../domain/periods';
import type { OccurrenceSpec } from '../../domain/spec';
import { signLink, tokenOfUrl } from '../../platform/links';
import { chromiumPath } from '../../platform/toolchain';
import { stateQuery } from '../../workflows/messages';
import { occurrenceHref } from '../../web/pages/board';
import { startWebServer, type RunningWeb } from '../../web/server';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { planIndex, pollUntil, startOccurrence, terminateAll, testConfig, uniqueTag } from '../helpers/integration-plan';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { bundledWorker, devServerEnv } from '../helpers/temporal';
import { withRealContacts } from '../unit/email/fixtures';

const SECRET = 'browser-test-secret-0123456789-abcdefgh';
const SCREENS = process.env.UPDATE_SCREENS ? path.resolve(__dirname, '../../docs/screens') : fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-screens-'));
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

const tag = uniqueTag('web');
const config = withRealContacts({}, testConfig({ tag, obligations: ['creative-activity-registration', 'citizen-reception-invite', 'veterans-chair-indicator'] }));
const index = planIndex(config);
const plan = staticPlanSource(config);

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let transport: MailTransport;
let web: RunningWeb;
let browser: Browser;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `web-${tag}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-web-'));
const started: string[] = [];

beforeAll(async () => {
  env = await devServerEnv();
  sink = await startSmtpSink();
  transport = smtpTransport(sink.url);
  web = await startWebServer({ client: env.client, plan, linkSecrets: [SECRET], host: '127.0.0.1', port: 0, log: (l) => console.error('WEB', l) });
  const notifier = emailNotifier({
    plan,
    transport,
    ledger: MailLedger.inDataDir(dataDir),
    links: { secret: SECRET, publicUrl: web.url },
    from: 'Đôn đốc <dondoc@lucngan.test>',
    log: () => {},
  });
  ({ worker } = await bundledWorker(env, { taskQueue, activities: createActivities({ plan, notifier, client: env.client, taskQueue }) }));
  running = worker.run();
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await terminateAll(env.client, started);
  worker?.shutdown();
  await running;
  await web?.close();
  await transport?.close();
  await sink?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function open(url: string, viewport: keyof typeof VIEWPORTS = 'phone'): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORTS[viewport], locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const res = await page.goto(url);
  if (process.env.DEBUG_WEB) console.log('OPEN', url, res?.status(), (await page.content()).slice(0, 1500));
  return page;
}

/** Submits the page's form and waits for the page that answers (after the redirect, if any). */
async function submit(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
}

/** Both widths of a page, saved as `<name>-phone.png` and `<name>-desktop.png`. */
async function screens(name: string, url: string): Promise<void> {
  for (const viewport of ['phone', 'desktop'] as const) {
    const page = await open(url, viewport);
    await page.screenshot({ path: path.join(SCREENS, `${name}-${viewport}.png`), fullPage: true });
    await page.close();
  }
}

/** A drill started as `dondoc drill` does: its workflow id is its spec's id, which links name. */
async function drill(obligation: string, unit: string, stepMs: number) {
  const spec = drillSpec(index, obligation, unit, Date.now(), stepMs, drillTail());
  const handle = await startOccurrence(env.client, spec, { workflowId: spec.id, taskQueue });
  started.push(spec.id);
  return { spec, handle };
}

const link = (spec: OccurrenceSpec, action: 'complete' | 'waive' | 'record', body: string, expiresAtMs = Date.now() + 86_400_000) =>
  `${web.url}/a/${signLink({ occurrence: spec.id, action, body, expiresAtMs }, SECRET)}`;

test('an official confirms from the emailed link on a phone; the board shows it done; forged, expired and repeated links are refused', async () => {
  const quarter = periodContaining('quarterly', localDateOfInstant(Date.now()));
  const board = `${web.url}/board?period=${quarter.key}`;
  // Steps every 20 s: the reminder arrives in ~20 s, the due instant is two minutes away
  // (room for a loaded machine: the confirmation must come before it to be on time).
  const { spec, handle } = await drill('creative-activity-registration', 'bien-son', 20_000);
  const owner = spec.owners[0]!;

  // The board lists it, open (visibility is eventually consistent: reload until it shows).
  const page = await open(board, 'desktop');
  const cell = page.locator(`a.cell[href="${occurrenceHref(spec.id)}"]`);
  await pollUntil(async () => (await page.reload(), await cell.count()), (n) => n > 0, { timeoutMs: 15_000, intervalMs: 500 });
  expect(await cell.getAttribute('class')).toMatch(/s-open/);

  // The reminder arrives by SMTP; its link is the one the official clicks.
  const inbox = await pollUntil(() => sink.to(`${owner}@lucngan.test`), (m) => m.length > 0, { timeoutMs: 30_000 });
  const mail = inbox[0];
  expect(mail, 'no reminder reached the owner').toBeDefined();
  const url = /https?:\/\/\S+\/a\/[A-Za-z0-9_.-]+/.exec(mail!.parsed.text ?? '')?.[0];
  expect(url, mail!.parsed.text).toBeDefined();
  expect(url!.startsWith(web.url)).toBe(true);

  const phone = await open(url!, 'phone');
  expect(await phone.locator('h1').textContent()).toBe(spec.title);
  expect(await phone.locator('.facts').textContent()).toContain('đang thực hiện trong hạn');
  await screens('action-complete', url!);

  // Submitting with blank evidence (spaces pass the browser's `required`): refused by the
  // server, what was typed is kept.
  await phone.fill('#f-name', 'Hoàng Thị Lan');
  await phone.fill('#f-position', 'Phó Chủ tịch Ủy ban MTTQ xã');
  await phone.fill('#f-evidence', '   ');
  await phone.fill('#f-note', 'Đã gửi văn bản đăng ký <b>số 12</b>');
  await submit(phone);
  expect(await phone.locator('.field.invalid .error').textContent()).toBe('Cần điền “Tên hoạt động sáng tạo, nổi bật đã đăng ký”.');
  expect(await phone.locator('#f-name').inputValue()).toBe('Hoàng Thị Lan');
  expect(await phone.locator('#f-position').inputValue()).toBe('Phó Chủ tịch Ủy ban MTTQ xã');
  expect(await phone.locator('#f-note').inputValue()).toBe('Đã gửi văn bản đăng ký <b>số 12</b>');
  await phone.screenshot({ path: path.join(SCREENS, 'action-invalid-phone.png'), fullPage: true });
  expect((await handle.query(stateQuery)).status).toBe('open');

  await phone.fill('#f-evidence', 'Mô hình "Dân vận khéo" trong xây dựng nông thôn mới');
  await submit(phone);
  expect(await phone.locator('[role=status] h2').textContent()).toBe('Đã ghi nhận');
  // Who reported and in what post (vocabulary reporterVi).
  expect(await phone.locator('#resolution').textContent()).toContain('đồng chí Hoàng Thị Lan, Phó Chủ tịch Ủy ban MTTQ xã Biên Sơn');
  expect(await phone.locator('#resolution').textContent()).toContain('Mô hình "Dân vận khéo" trong xây dựng nông thôn mới');
  // Escaped, not interpreted.
  expect(await phone.locator('#resolution').textContent()).toContain('Đã gửi văn bản đăng ký <b>số 12</b>');
  await screens('action-done', phone.url());

  const state = await handle.query(stateQuery);
  expect(state.status).toBe('done-on-time');
  expect(state.resolution).toMatchObject({ action: 'complete', by: 'Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)', position: 'Phó Chủ tịch Ủy ban MTTQ xã', evidence: 'Mô hình "Dân vận khéo" trong xây dựng nông thôn mới' });

  // The board changes colour.
  await pollUntil(async () => (await page.reload(), await cell.getAttribute('class')), (c) => /s-done-on-time/.test(c ?? ''), { timeoutMs: 15_000, intervalMs: 500 });
  expect(await cell.getAttribute('class')).toMatch(/s-done-on-time/);
  await cell.click();
  expect(await page.locator('h1').textContent()).toBe(spec.title);
  expect(await page.locator('table.timeline tbody tr').count()).toBe(state.steps.length);
  expect(await page.locator('#resolution').textContent()).toContain('đồng chí Hoàng Thị Lan, Phó Chủ tịch Ủy ban MTTQ xã Biên Sơn');

  // The same link again: who resolved it and when; a second POST changes nothing.
  const again = await open(url!, 'phone');
  expect(await again.locator('#resolution').textContent()).toContain('Hoàng Thị Lan');
  expect(await again.locator('form').count()).toBe(0);
  const repost = await fetch(url!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=K%E1%BA%BB+kh%C3%A1c&evidence=x' });
  expect(repost.status).toBe(409);
  expect((await handle.query(stateQuery)).resolution?.by).toBe('Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)');

  // A forged link (one character of the signature changed) and an expired one: 403, and the
  // workflow is never asked (its history does not grow).
  const before = (await handle.fetchHistory()).events?.length;
  const token = tokenOfUrl(url!)!;
  const forged = `${web.url}/a/${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
  const forgedPage = await open(forged, 'phone');
  expect(await forgedPage.locator('h1').textContent()).toBe('Đường dẫn không hợp lệ');
  await screens('link-refused', forged);
  const forgedPost = await fetch(forged, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x&evidence=y' });
  expect(forgedPost.status).toBe(403);
  const expired = await fetch(link(spec, 'complete', owner, Date.now() - 1000));
  expect(expired.status).toBe(403);
  expect(await expired.text()).toContain('Đường dẫn đã hết hạn');
  expect((await handle.fetchHistory()).events?.length).toBe(before);

  await screens('board', board);
  await screens('occurrence', `${web.url}/o/${spec.id}`);
}, 180_000);

test('the waive and record pages: a waiver with its reason, an indicator value with a Vietnamese decimal comma', async () => {
  const reception = await drill('citizen-reception-invite', 'bien-son', 60_000);
  const veterans = await drill('veterans-chair-indicator', 'huyen', 60_000);

  const waiveUrl = link(reception.spec, 'waive', reception.spec.owners[0]!);
  await screens('action-waive', waiveUrl);
  const waive = await open(waiveUrl);
  await waive.fill('#f-name', 'Trần Văn Bình');
  await waive.fill('#f-reason', 'Tháng này Chủ tịch UBND đi công tác, lịch tiếp công dân chuyển sang tháng sau.');
  await submit(waive);
  expect(await waive.locator('[role=status] h2').textContent()).toBe('Đã ghi nhận');
  expect((await reception.handle.query(stateQuery)).status).toBe('waived');

  const recordUrl = link(veterans.spec, 'record', veterans.spec.owners[0]!);
  await screens('action-record', recordUrl);
  const record = await open(recordUrl);
  await record.fill('#f-name', 'Lê Văn Cường');
  await record.fill('#f-value', 'mười hai');
  await submit(record);
  expect(await record.locator('.field.invalid .error').textContent()).toContain('phải là một số');
  await record.fill('#f-value', '87,5');
  await submit(record);
  expect(await record.locator('[role=status] h2').textContent()).toBe('Đã ghi nhận');
  expect(await record.locator('#resolution').textContent()).toContain('87,5');
  const recorded = await veterans.handle.query(stateQuery);
  expect(recorded.resolution?.value).toBe(87.5);
}, 120_000);
