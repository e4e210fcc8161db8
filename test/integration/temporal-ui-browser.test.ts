/**
 * The Temporal UI as the admins' console, in a real browser (Debian's chromium driven by
 * playwright-core): a dev server of this file's own with its UI, the shipped plan's occurrences
 * of quý III/2024 running on a replay clock a few days after their due date (as `npm start`
 * replays the plan), and what an admin sees — the list filtered by `DondocStatus = 'overdue'`,
 * and one occurrence with its summary, its current details and the words on its timers and
 * notices. The metadata themselves are asserted from describe() and the history in
 * console-metadata.test.ts; this test asserts that the UI shows them.
 *
 * `UPDATE_SCREENS=1` writes docs/screens/temporal-ui-overdue-list.png and
 * docs/screens/temporal-ui-occurrence.png.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection, type Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createActivities } from '../../activities';
import { captureNotifier } from '../../activities/notify';
import { listOccurrences } from '../../client/status';
import { loadConfig } from '../../config/load';
import { staticPlanSource } from '../../config/plan-source';
import { PlanIndex } from '../../domain/occurrences';
import { specOf, type OccurrenceSpec } from '../../domain/spec';
import { clockWithOffset } from '../../platform/clock';
import { freePort, startDevServer, type DevServer } from '../../platform/dev-server';
import { installRuntime } from '../../platform/runtime';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { chromiumPath, toolchain } from '../../platform/toolchain';
import { noticeSummary, occurrenceSummary, stepTimerSummary } from '../../vocabulary';
import { stateQuery } from '../../workflows/messages';
import { occurrenceStartOptions } from '../../workflows/start-options';
import { pollUntil } from '../helpers/integration-plan';
import { bundledWorker } from '../helpers/temporal';

const SCREENS = process.env.UPDATE_SCREENS ? path.resolve(__dirname, '../../docs/screens') : fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-ui-screens-'));
const taskQueue = 'dondoc-ui';
const { config } = loadConfig();
const index = PlanIndex.fromConfig(config);
/** Three working days after the end of quý III/2024: its occurrences are overdue, the reminders of October's invitations out. */
const clock = clockWithOffset(Date.parse('2024-10-03T09:00:00+07:00') - Date.now());

/** The quarter's duties of the district and two communes, and October's invitations there. */
const specs: OccurrenceSpec[] = index
  .occurrencesBetween('2024-09-01', '2024-10-20')
  .filter((o) => ['huyen', 'bien-son', 'giap-son'].includes(o.unit))
  .map((o) => specOf(index, o));
const BRIEFING = 'occ/quarterly-briefing/huyen/2024-Q3';
/** A duty the owner is chased for (the standard ladder): the UBND chair's working session of the quarter. */
const SESSION = 'occ/chair-working-session/huyen/2024-Q3';

let server: DevServer;
let env: TestWorkflowEnvironment;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let browser: Browser;

beforeAll(async () => {
  installRuntime('WARN');
  server = await startDevServer({ cli: toolchain().temporalCli, port: await freePort(), uiPort: await freePort() });
  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, 'default').finally(() => connection.close());
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: server.address });
  client = env.client;
  const activities = createActivities({ plan: staticPlanSource(config), notifier: captureNotifier(), client, taskQueue });
  ({ worker } = await bundledWorker(env, { taskQueue, activities }));
  running = worker.run();
  await Promise.all(specs.map((spec) => client.workflow.start('occurrenceWorkflow', occurrenceStartOptions(spec, { taskQueue, timeOffsetMs: clock.offsetMs }))));
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  worker?.shutdown();
  await running;
  await env?.teardown();
  await server?.stop();
});

/**
 * The UI's own settings, as an admin would set them once (its local storage): times in the
 * browser's zone (Asia/Ho_Chi_Minh), and the list's columns with dondoc's search attributes.
 */
const UI_SETTINGS = {
  timeFormat: 'local',
  'namespace-workflow-table-columns': {
    default: [
      { label: 'Status', pinned: true },
      { label: 'Workflow ID', pinned: true },
      { label: 'DondocUnit', pinned: false },
      { label: 'DondocOwner', pinned: false },
      { label: 'DondocDue', pinned: false },
      { label: 'DondocPeriod', pinned: false },
      { label: 'Start', pinned: false },
    ],
  },
};

async function open(url: string, waitFor: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  // Runs in the page: a string, so that this file needs no DOM types.
  await page.addInitScript(`for (const [k, v] of Object.entries(${JSON.stringify(UI_SETTINGS)})) localStorage.setItem(k, JSON.stringify(v));`);
  await page.goto(url);
  await page.getByText(waitFor, { exact: false }).first().waitFor({ timeout: 30_000 });
  return page;
}

test('the list filtered by DondocStatus = overdue shows the overdue occurrences, with unit, owner and due date, and no open one', async () => {
  // Overdue on the clock: those past their first overdue morning; the others are open.
  const expected = specs.filter((s) => s.overdueFromMs <= clock.nowMs()).map((s) => s.id).sort();
  expect(expected).toContain(BRIEFING);
  const overdue = await pollUntil(
    async () => (await listOccurrences(client, { overdue: true })).map((r) => r.id).sort(),
    (ids) => JSON.stringify(ids) === JSON.stringify(expected),
    { timeoutMs: 60_000 },
  );
  expect(overdue).toEqual(expected);
  // The query goes in the URL as the UI writes it: `?query=` and the query URL-encoded.
  const page = await open(`${server.uiUrl}/namespaces/default/workflows?query=${encodeURIComponent("DondocStatus = 'overdue'")}`, BRIEFING);
  const text = await page.innerText('body');
  for (const id of overdue) expect(text).toContain(id);
  const notOverdue = specs.filter((s) => !overdue.includes(s.id)).map((s) => s.id);
  expect(notOverdue.length).toBeGreaterThan(0);
  for (const id of notOverdue) expect(text).not.toContain(id);
  for (const column of ['DondocUnit', 'DondocOwner', 'DondocDue']) expect(text).toContain(column);
  expect(text).toContain('tt-huyen-uy'); // the briefing's owner, in its column
  await page.screenshot({ path: path.join(SCREENS, 'temporal-ui-overdue-list.png') });
  await page.close();
}, 120_000);

test('one occurrence: its summary and details, the words on its timer and notice, and its current details', async () => {
  const handle = client.workflow.getHandle(SESSION);
  const spec = specs.find((s) => s.id === SESSION)!;
  // Opened three working days late: the catch-up sent the latest notice only.
  const state = await pollUntil(() => handle.query(stateQuery), (s) => s.skippedNotices > 0 && s.steps.some((st) => st.state === 'sent'), { timeoutMs: 30_000 });
  const sent = state.steps.filter((s) => s.state === 'sent' && s.kind !== 'close');
  expect(sent).toHaveLength(1);
  const next = state.steps.find((s) => s.state === 'pending')!;
  const { runId } = await handle.describe();
  const page = await open(`${server.uiUrl}/namespaces/default/workflows/${encodeURIComponent(SESSION)}/${runId}/user-metadata`, 'Current Details');
  // Summary, details and current details are Markdown, each rendered in a frame of its own.
  const frames = await pollUntil(
    () => Promise.all(page.frames().map((f) => f.innerText('body').catch(() => ''))),
    (texts) => texts.some((t) => t.includes('Tình hình:')),
    { timeoutMs: 20_000 },
  );
  expect(frames).toContain(occurrenceSummary(spec));
  expect(frames.some((t) => t.includes('Kỳ: quý III/2024 · Thời hạn: 30/9/2024') && t.includes('Căn cứ: mục II.2, đoạn 3'))).toBe(true);
  const current = frames.find((t) => t.includes('Tình hình:'))!;
  expect(current).toContain('Tình hình: quá hạn, chưa hoàn thành');
  expect(current).toContain(`Bước tiếp theo: ${stepTimerSummary(spec, next)}`);
  expect(current).toContain(`Thông báo: đã gửi 1 · bỏ qua ${state.skippedNotices}`);
  // Events with metadata: the timer before the next step and the notice that went.
  const text = await page.innerText('body');
  expect(text).toContain(stepTimerSummary(spec, next));
  expect(text).toContain(noticeSummary(spec, sent[0]!, sent[0]!.to));
  await page.screenshot({ path: path.join(SCREENS, 'temporal-ui-occurrence.png') });
  await page.close();
}, 120_000);
