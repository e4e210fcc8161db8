/**
 * Personal data encrypted in Temporal, end to end on the run's dev server: a worker and a client
 * with the payload codec (DONDOC_PAYLOAD_KEYS), an official confirming from the web page with a
 * name, a note and evidence, a notice refused with an address. Read with a plain client, the
 * history is ciphertext (search attributes in clear, and free of personal data); `dondoc status`,
 * `dondoc reopen`, the web pages and the codec endpoint, all with the key, show the text; the
 * encrypted history replays.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import YAML from 'yaml';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { createActivities } from '../../activities';
import { captureNotifier } from '../../activities/notify';
import { configPaths } from '../../config/load';
import { staticPlanSource } from '../../config/plan-source';
import { dataConverterOf, ENCODED_FAILURE_CONVERTER, ENCRYPTED_ENCODING } from '../../platform/codec';
import { signLink } from '../../platform/links';
import { stateQuery, type OccurrenceState } from '../../workflows/messages';
import { startWebServer, type RunningWeb } from '../../web/server';
import { AesGcmCodec } from '../../platform/codec';
import { ensureWorkflowBundle } from '../helpers/bundle';
import { runDondoc } from '../helpers/cli';
import { planIndex, pollUntil, startDrill, terminateAll, testConfig, uniqueTag } from '../helpers/integration-plan';
import { bundledWorker, devServerEnv } from '../helpers/temporal';

const tag = uniqueTag('enc');
const obligation = `creative-activity-registration-${tag}`;
const config = testConfig({ tag, obligations: ['creative-activity-registration'], renameObligations: true });
const index = planIndex(config);
const plan = staticPlanSource(config);
const KEY_TEXT = `itest-${tag}:${crypto.createHash('sha256').update(`dondoc integration key ${tag}`).digest('base64')}`;
const KEY = { id: `itest-${tag}`, key: crypto.createHash('sha256').update(`dondoc integration key ${tag}`).digest() };
const dataConverter = dataConverterOf([KEY])!;
const SECRET = `enc-test-secret-${crypto.randomBytes(12).toString('hex')}`;
const AUTH = { user: 'bandanvan', password: 'mật-khẩu-đủ-dài' };
const authHeader = { authorization: `Basic ${Buffer.from(`${AUTH.user}:${AUTH.password}`).toString('base64')}` };
const REFUSED_ADDRESS = 'bi-mat.mttq@bienson.example.vn';
const NAME = 'Hoàng Thị Lan';
const EVIDENCE = 'Biên bản số 7/BB-MTTQ, kèm danh sách hộ nghèo được hỗ trợ';
const NOTE = 'Ghi chú riêng: điện thoại 0912 345 678';

/**
 * The shipped plan with this test's renamed obligation added, for the CLI (DONDOC_PLAN): the CLI
 * refuses an obligation its plan does not have.
 */
function cliPlanFile(): string {
  const doc = YAML.parse(fs.readFileSync(configPaths({}).plan, 'utf8')) as { obligations: { id: string }[] };
  const original = doc.obligations.find((o) => o.id === 'creative-activity-registration')!;
  doc.obligations.push({ ...original, id: obligation });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-enc-')), 'plan.yaml');
  fs.writeFileSync(file, YAML.stringify(doc));
  return file;
}

let env: TestWorkflowEnvironment;
let client: Client;
let raw: Client;
let worker: Worker;
let running: Promise<void>;
let web: RunningWeb;
let bundle: string;
const taskQueue = `itest-enc-${tag}`;
const started: string[] = [];

beforeAll(async () => {
  env = await devServerEnv();
  bundle = await ensureWorkflowBundle({ failureConverterPath: ENCODED_FAILURE_CONVERTER });
  client = new Client({ connection: env.connection, dataConverter });
  raw = new Client({ connection: env.connection });
  // The first notice is refused for good, naming an address: the failure must not be readable either.
  const notifier = captureNotifier((n) => {
    if (n.step.index === 0) throw ApplicationFailure.nonRetryable(`550 5.1.1 <${REFUSED_ADDRESS}>: hộp thư không tồn tại`, 'MailboxRejected');
  });
  const activities = createActivities({ plan, notifier, client, taskQueue });
  ({ worker } = await bundledWorker(env, { taskQueue, activities, workflowBundle: { codePath: bundle }, dataConverter }));
  running = worker.run();
  web = await startWebServer({
    client,
    plan,
    linkSecrets: [SECRET],
    auth: AUTH,
    undoMinutes: 30,
    codec: { codec: new AesGcmCodec([KEY]), origins: ['http://localhost:8233'] },
    host: '127.0.0.1',
    port: 0,
    log: () => {},
  });
}, 300_000);

afterAll(async () => {
  if (client) await terminateAll(client, started);
  worker?.shutdown();
  await running;
  await web?.close();
  await env?.teardown();
});

/**
 * Every payload of a history (inputs, results, Update arguments, markers' results, memos, the
 * UI's metadata, failures' attributes) with where it is, but search attributes (clear by
 * design) and the SDK's own bookkeeping in markers (`data`: sequence number, attempt, activity
 * type and times of a local activity; `patch-data`: a patch id), which never pass a codec.
 */
function payloadsOf(value: unknown, at = '', out: [string, temporal.api.common.v1.IPayload][] = []): [string, temporal.api.common.v1.IPayload][] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return out;
  const v = value as Record<string, unknown>;
  if (v.metadata && typeof v.metadata === 'object' && 'encoding' in (v.metadata as object)) out.push([at, v as temporal.api.common.v1.IPayload]);
  const bookkeeping = /markerRecordedEventAttributes\.details$/.test(at) ? ['data', 'patch-data'] : [];
  for (const [k, inner] of Object.entries(v)) if (k !== 'searchAttributes' && !bookkeeping.includes(k)) payloadsOf(inner, `${at}.${k}`, out);
  return out;
}

const encoding = (p: temporal.api.common.v1.IPayload) => Buffer.from(p.metadata!.encoding!).toString();

test('a plain client reads ciphertext; the CLI, the pages and the codec endpoint, with the key, read the text; the history replays with the codec', async () => {
  // A drill's id, which the detail pages (/o/drill/…) serve.
  const id = `drill/${obligation}/bien-son/1`;
  started.push(id);
  const { spec } = await startDrill(client, index, { obligation, unit: 'bien-son', stepMs: 4_000, workflowId: id, taskQueue });
  const owner = spec.owners[0]!;

  // The refused notice, then the official confirms from the link.
  await pollUntil(() => client.workflow.getHandle(id).query(stateQuery), (s) => s.steps[0]?.state === 'failed', { timeoutMs: 30_000 });
  const token = signLink({ occurrence: id, action: 'complete', body: owner, expiresAtMs: Date.now() + 86_400_000 }, SECRET);
  const posted = await fetch(`${web.url}/a/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: NAME, evidence: EVIDENCE, note: NOTE }).toString(),
    redirect: 'manual',
  });
  expect(posted.status).toBe(303);

  // With the key: the text.
  const state = await client.workflow.getHandle(id).query(stateQuery);
  expect(state.resolution).toMatchObject({ by: `${NAME} (${index.bodyName(owner)})`, evidence: EVIDENCE, note: NOTE, body: owner });
  expect(state.steps[0]!.failures?.[0]?.reason).toContain(REFUSED_ADDRESS);

  // Without it: every payload of the history is encrypted under this key, and no personal datum is anywhere in it.
  const history = await raw.workflow.getHandle(id).fetchHistory();
  const payloads = payloadsOf(history);
  expect(payloads.length).toBeGreaterThan(10);
  for (const [at, p] of payloads) {
    expect(encoding(p), at).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(p.metadata!['encryption-key-id']!).toString(), at).toBe(KEY.id);
  }
  const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
  for (const secret of [NAME, EVIDENCE, NOTE, REFUSED_ADDRESS, spec.title]) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
  const failures = history.events!.filter((e) => e.markerRecordedEventAttributes?.failure);
  expect(failures.length).toBeGreaterThan(0);
  for (const e of failures) expect(e.markerRecordedEventAttributes!.failure!.message).toBe('Encoded failure');
  await expect(raw.workflow.getHandle(id).query(stateQuery)).rejects.toThrow(/binary\/encrypted|encoding/i);

  // Search attributes stay clear for filtering, and hold ids and codes only.
  // (A plain client cannot even describe it: the memo does not decode. The raw call shows the attributes.)
  await expect(raw.workflow.getHandle(id).describe()).rejects.toThrow('Unknown encoding: binary/encrypted');
  const described = await raw.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: id } });
  const fields = described.workflowExecutionInfo!.searchAttributes!.indexedFields!;
  const attributes = JSON.stringify(Object.fromEntries(Object.entries(fields).map(([k, p]) => [k, defaultPayloadConverter.fromPayload(p as Payload)])));
  expect(attributes).toContain('done-on-time');
  for (const secret of [NAME, EVIDENCE, NOTE, REFUSED_ADDRESS, index.bodyName(owner)]) expect(attributes, secret).not.toContain(secret);

  // The pages (a query through the codec) show the text.
  const page = await fetch(`${web.url}/o/${id}`, { headers: authHeader });
  const html = await page.text();
  expect(html).toContain(NAME);
  expect(html).toContain(EVIDENCE);

  // The codec endpoint decodes a payload taken from the raw history (the Update's argument).
  const update = history.events!.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes)!;
  const arg = update.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.input!.args!.payloads![0]!;
  const asJson = (p: temporal.api.common.v1.IPayload) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? []).toString('base64'),
  });
  const decoded = await fetch(`${web.url}/codec/decode`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', origin: 'http://localhost:8233', ...authHeader },
    body: JSON.stringify({ payloads: [asJson(arg)] }),
  });
  expect(decoded.status).toBe(200);
  const [plain] = ((await decoded.json()) as { payloads: { metadata: Record<string, string>; data: string }[] }).payloads;
  const input = defaultPayloadConverter.fromPayload({
    metadata: Object.fromEntries(Object.entries(plain!.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(plain!.data, 'base64'),
  } as Payload) as { by: string; evidence: string };
  expect(input).toMatchObject({ by: `${NAME} (${index.bodyName(owner)})`, evidence: EVIDENCE });

  // `dondoc status` with the key shows the summary; the CLI reopens the occurrence (the run waits out its undo window).
  const cliEnv = { TEMPORAL_ADDRESS: inject('temporalAddress'), DONDOC_TASK_QUEUE: taskQueue, DONDOC_PAYLOAD_KEYS: KEY_TEXT, DONDOC_PLAN: cliPlanFile() };
  const withoutKey = await runDondoc(['status', '--obligation', obligation], { ...cliEnv, DONDOC_PAYLOAD_KEYS: '' }, 60_000);
  expect(withoutKey).toMatchObject({ code: 2, stdout: '' });
  expect(withoutKey.stderr.trim()).toBe('dondoc status: the payloads in Temporal are encrypted: set DONDOC_PAYLOAD_KEYS to the keys the worker uses');
  const status = await runDondoc(['status', '--obligation', obligation], cliEnv, 60_000);
  expect({ code: status.code, stderr: status.stderr }).toEqual({ code: 0, stderr: '' });
  expect(status.stdout).toContain(id);
  expect(status.stdout).toContain(spec.title);
  const reopened = await runDondoc(['reopen', id, '--by', 'Ban Dân vận Huyện ủy', '--reason', 'Biên bản chưa đủ chữ ký.', '--json'], cliEnv, 60_000);
  expect(reopened.code).toBe(0);
  const after = JSON.parse(reopened.stdout) as OccurrenceState;
  expect(after.resolution).toBeUndefined();
  expect(after.withdrawn?.[0]).toMatchObject({ how: 'reopen', reason: 'Biên bản chưa đủ chữ ký.', resolution: { evidence: EVIDENCE, body: owner } });
  const withdrawnPage = await (await fetch(`${web.url}/o/${id}`, { headers: authHeader })).text();
  expect(withdrawnPage).toContain('Ban Dân vận Huyện ủy mở lại nhiệm vụ, lý do: Biên bản chưa đủ chữ ký.');

  // The encrypted history replays with the codec (and the bundle that encodes failures).
  const encrypted = await raw.workflow.getHandle(id).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: { codePath: bundle }, dataConverter }, encrypted);
}, 180_000);
