/**
 * The Temporal UI reading encrypted payloads through dondoc's codec endpoint, in a real browser
 * (Debian's chromium, playwright-core): a dev server of this file's own with its UI pointed at
 * the web pages' `/codec` (`--ui-codec-endpoint`, as `npm start` does when DONDOC_PAYLOAD_KEYS and
 * the board's login are set), a worker and a client with the codec. The administrator has logged
 * in to the board in that browser; the UI's codec setting "include cross-origin credentials" sends
 * that login with each request to the endpoint. The occurrence's result, encrypted in Temporal,
 * shows in clear.
 *
 * `UPDATE_SCREENS=1` writes docs/screens/temporal-ui-codec.png.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createActivities } from '../../activities';
import { captureNotifier } from '../../activities/notify';
import { staticPlanSource } from '../../config/plan-source';
import { AesGcmCodec, dataConverterOf, ENCODED_FAILURE_CONVERTER } from '../../platform/codec';
import { freePort, startDevServer, type DevServer } from '../../platform/dev-server';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { chromiumPath, toolchain } from '../../platform/toolchain';
import { completeUpdate, stateQuery } from '../../workflows/messages';
import { startWebServer, type RunningWeb } from '../../web/server';
import { ensureWorkflowBundle } from '../helpers/bundle';
import { planIndex, pollUntil, startDrill, testConfig, uniqueTag } from '../helpers/integration-plan';

const SCREENS = process.env.UPDATE_SCREENS ? path.resolve(__dirname, '../../docs/screens') : fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-screens-'));
const tag = uniqueTag('ui');
const config = testConfig({ tag, obligations: ['creative-activity-registration'] });
const index = planIndex(config);
const plan = staticPlanSource(config);
const KEY = { id: '2026-12', key: crypto.createHash('sha256').update(`dondoc ui codec test ${tag}`).digest() };
const dataConverter = dataConverterOf([KEY])!;
const AUTH = { user: 'bandanvan', password: 'mật-khẩu-đủ-dài' };
const NAME = 'Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)';
const EVIDENCE = 'Mô hình “Dân vận khéo” trong xây dựng nông thôn mới';
const taskQueue = `ui-${tag}`;

let server: DevServer;
let connection: Connection;
let native: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let web: RunningWeb;
let browser: Browser;
let uiPort: number;

beforeAll(async () => {
  const webPort = await freePort();
  uiPort = await freePort();
  server = await startDevServer({ cli: toolchain().temporalCli, port: 0, uiPort, uiCodecEndpoint: `http://127.0.0.1:${webPort}/codec` });
  connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default');
  const client = new Client({ connection, dataConverter });
  native = await NativeConnection.connect({ address: server.address });
  const bundle = await ensureWorkflowBundle({ failureConverterPath: ENCODED_FAILURE_CONVERTER });
  worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowBundle: { codePath: bundle },
    dataConverter,
    activities: createActivities({ plan, notifier: captureNotifier(), client, taskQueue }),
  });
  running = worker.run();
  web = await startWebServer({
    client,
    plan,
    linkSecrets: [`ui-codec-test-secret-${crypto.randomBytes(12).toString('hex')}`],
    auth: AUTH,
    codec: { codec: new AesGcmCodec([KEY]), origins: [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`] },
    host: '127.0.0.1',
    port: webPort,
    log: () => {},
  });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  worker?.shutdown();
  await running;
  await web?.close();
  await native?.close();
  await connection?.close();
  await server?.stop();
});

test('the Temporal UI shows an encrypted result in clear through the codec endpoint, with the login of the board', async () => {
  const client = new Client({ connection, dataConverter });
  const id = `drill/creative-activity-registration/bien-son/ui-${tag}`;
  const { handle } = await startDrill(client, index, { obligation: 'creative-activity-registration', unit: 'bien-son', stepMs: 60_000, workflowId: id, taskQueue });
  await handle.executeUpdate(completeUpdate, { args: [{ by: NAME, evidence: EVIDENCE }] });
  await handle.result();
  // Encrypted where Temporal keeps it: a client without the key cannot read it.
  await expect(new Client({ connection }).workflow.getHandle(id).query(stateQuery)).rejects.toThrow('Unknown encoding: binary/encrypted');

  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    httpCredentials: { username: AUTH.user, password: AUTH.password, origin: web.url },
  });
  // The UI's codec settings, as the administrator sets them once in its "Codec Server" dialog: the
  // dev server's --ui-codec-endpoint gives the endpoint but cannot turn on "include cross-origin
  // credentials", which only this browser setting (with "use my browser setting") does.
  await context.addInitScript({
    content: `localStorage.setItem('overrideRemoteCodecConfiguration', 'true'); localStorage.setItem('endpoint', ${JSON.stringify(JSON.stringify(`${web.url}/codec`))}); localStorage.setItem('includeCredentials', 'true');`,
  });
  const board = await context.newPage();
  expect((await board.goto(`${web.url}/board`))?.status()).toBe(200); // logged in to the pages

  const page = await context.newPage();
  const decoded: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/codec/decode') && r.request().method() === 'POST') decoded.push(r.status());
  });
  await page.goto(`http://127.0.0.1:${uiPort}/namespaces/default/workflows/${encodeURIComponent(id)}/${(await handle.describe()).runId}/history`);
  const shown = page.getByText('Hoàng Thị Lan', { exact: false }).first();
  await pollUntil(() => shown.isVisible(), (v) => v, { timeoutMs: 60_000, intervalMs: 500 });
  expect(decoded.length).toBeGreaterThan(0);
  expect(decoded.every((s) => s === 200)).toBe(true);
  expect(await page.content()).not.toContain('binary/encrypted');
  // The Update that reported it, opened from the timeline: its argument, decoded, names the reporter and the evidence.
  await page.getByText('complete', { exact: true }).first().click();
  const argument = page.locator('.cm-line', { hasText: 'Hoàng Thị Lan' }).first();
  await argument.scrollIntoViewIfNeeded();
  expect(await page.locator('.cm-content', { hasText: 'Hoàng Thị Lan' }).first().innerText()).toContain(EVIDENCE);
  await page.mouse.wheel(0, 250);
  await page.screenshot({ path: path.join(SCREENS, 'temporal-ui-codec.png'), fullPage: false });
}, 180_000);
