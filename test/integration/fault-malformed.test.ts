/**
 * Fault: hostile input at the two doors of an occurrence.
 *
 *  - The Update layer: malformed payloads (wrong types, missing fields, huge strings, values
 *    that are not dates or numbers, undecodable payloads sent with the raw gRPC API) and
 *    unknown Update names. All are refused before anything is written: the occurrence's
 *    state query, search attributes, memo and history are the same afterwards, and a valid
 *    Update still works.
 *  - The web pages behind the emailed links (web/server.ts, its real routes on this run's dev
 *    server): random strings, random well-formed tokens, forged, tampered and expired tokens
 *    get a 403 page and never reach the workflow; a genuine link with a hostile form (missing,
 *    repeated, oversized or non-numeric fields, a JSON or oversized body, an action the
 *    obligation does not allow) is refused by the page or by the workflow's validators, with
 *    nothing written; then the genuine link with a proper form resolves the occurrence.
 *    (`verifyLink`'s own cases, platform/links.ts, are checked beside them.)
 *
 * Four occurrences, one per kind of resolution (plain, waivable, evidence, indicator), opened
 * with hour-long steps so that no timer fires during the test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { composeEmail } from '../../activities/email/compose';
import { staticPlanSource } from '../../config/plan-source';
import { createPlanningActivities } from '../../activities/planning';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { loadConfig } from '../../config/load';
import type { OccurrenceSpec } from '../../domain/spec';
import { signLink, tokenOfUrl, verifyLink, type LinkAction } from '../../platform/links';
import { createWebServer } from '../../web/server';
import { stateQuery } from '../../workflows/messages';
import { FAULT_SECRET, realContacts } from '../helpers/fault';
import { planIndex, recordingNotifier, startOccurrence, terminateAll, uniqueTag } from '../helpers/integration-plan';
import { bundledWorker, devServerEnv } from '../helpers/temporal';

const HOUR = 3_600_000;
const LINKS = { secret: FAULT_SECRET, publicUrl: 'https://dondoc.lucngan.test' };
const OTHER_SECRET = 'another-secret-of-the-right-length-0123456789';

let env: TestWorkflowEnvironment;
let stopWorker: () => Promise<void>;
const config = realContacts(loadConfig().config);
const index = planIndex(config);
const tag = uniqueTag('fm');
const taskQueue = `fault-malformed-${tag}`;
const occ: Record<'plain' | 'waivable' | 'evidence' | 'indicator', { spec: OccurrenceSpec; handle: WorkflowHandle }> = {} as never;

beforeAll(async () => {
  env = await devServerEnv();
  const { worker } = await bundledWorker(env, {
    taskQueue,
    activities: createActivities({ plan: staticPlanSource(config), notifier: recordingNotifier(), client: env.client, taskQueue }),
  });
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
  };
  const now = Date.now();
  const open = async (key: keyof typeof occ, obligation: string, unit: string) => {
    const spec = drillSpec(index, obligation, unit, now, HOUR, drillTail());
    // Under the spec's own id: the links name it, and the pages look it up by it.
    const handle = await startOccurrence(env.client, spec, { taskQueue });
    occ[key] = { spec, handle };
  };
  await open('plain', 'chair-working-session', 'huyen');
  await open('waivable', 'citizen-reception-invite', 'bien-son');
  await open('evidence', 'creative-activity-registration', 'bien-son');
  await open('indicator', 'veterans-chair-indicator', 'huyen');
  for (const { handle } of Object.values(occ)) await handle.query(stateQuery); // first workflow task done
});
afterAll(async () => {
  if (env) await terminateAll(env.client, Object.values(occ).map((o) => o.handle.workflowId));
  await stopWorker?.();
  await env?.teardown();
});

/** Everything an outsider can observe of an occurrence. */
async function snapshot(handle: WorkflowHandle) {
  const d = await handle.describe();
  const events = (await handle.fetchHistory()).events ?? [];
  return {
    status: d.status.name,
    state: await handle.query(stateQuery),
    searchAttributes: Object.fromEntries(d.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])),
    memo: d.memo,
    historyLength: d.historyLength,
    events: events.map((e) => temporal.api.enums.v1.EventType[e.eventType ?? 0]),
  };
}

/** The refusal of an Update, or a failure naming what went through instead; never hangs. */
async function refusal(p: Promise<unknown>, ms = 20_000): Promise<Error> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not refused within ${ms} ms (accepted and still running?)`)), ms);
  });
  try {
    const value = await Promise.race([p, timeout]);
    throw new Error(`accepted: ${JSON.stringify(value).slice(0, 300)}`);
  } catch (err) {
    if ((err as Error).message.startsWith('accepted:') || (err as Error).message.startsWith('not refused')) throw err;
    return err as Error;
  } finally {
    clearTimeout(timer);
  }
}

/** The validator's message of a refused Update. */
async function rejected(p: Promise<unknown>): Promise<string> {
  const err = await refusal(p);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err.cause as Error | undefined)?.message ?? err.message;
}

const huge = (n: number) => 'Đ'.repeat(n);

describe('malformed Updates are refused and change nothing', () => {
  const MALFORMED: [keyof typeof occ, string, unknown[], RegExp][] = [
    // missing or wrong arguments
    ['plain', 'complete', [], /^Thiếu người báo cáo/],
    ['plain', 'complete', [null], /^Thiếu người báo cáo/],
    ['plain', 'complete', [{}], /^Thiếu người báo cáo/],
    ['plain', 'complete', ['ubnd-huyen'], /^Thiếu người báo cáo/],
    ['plain', 'complete', [42], /^Thiếu người báo cáo/],
    ['plain', 'complete', [[{ by: 'ubnd-huyen' }]], /^Thiếu người báo cáo/],
    ['plain', 'complete', [{ by: '   ' }], /^Thiếu người báo cáo/],
    ['plain', 'complete', [{ By: 'ubnd-huyen' }], /^Thiếu người báo cáo/],
    // wrong types
    ['plain', 'complete', [{ by: 42 }], /phải là văn bản/],
    ['plain', 'complete', [{ by: ['ubnd-huyen'] }], /phải là văn bản/],
    ['plain', 'complete', [{ by: { name: 'ubnd-huyen' } }], /phải là văn bản/],
    ['plain', 'complete', [{ by: true }], /phải là văn bản/],
    ['plain', 'complete', [{ by: 'ubnd-huyen', note: 7 }], /phải là văn bản/],
    ['plain', 'complete', [{ by: 'ubnd-huyen', evidence: { file: 'x' } }], /phải là văn bản/],
    ['plain', 'complete', [{ by: 'ubnd-huyen', position: ['Chủ tịch'] }], /^Chức vụ của người báo cáo phải là văn bản/],
    ['waivable', 'waive', [{ by: 'ubnd-bien-son', reason: 'x', position: 7 }], /^Chức vụ của người báo cáo phải là văn bản/],
    ['evidence', 'complete', [{ by: 'mttq-bien-son', evidence: ['Tên hoạt động'] }], /phải là văn bản/],
    ['evidence', 'complete', [{ by: 'mttq-bien-son' }], /^Thiếu Tên hoạt động/],
    ['indicator', 'record', [{ by: 'hccb-huyen', value: '75' }], /^Số liệu phải là một số/],
    ['indicator', 'record', [{ by: 'hccb-huyen', value: null }], /^Số liệu phải là một số/],
    ['indicator', 'record', [{ by: 'hccb-huyen', value: Number.NaN }], /^Số liệu phải là một số/], // JSON: null
    ['indicator', 'record', [{ by: 'hccb-huyen', value: Number.POSITIVE_INFINITY }], /^Số liệu phải là một số/],
    ['indicator', 'record', [{ by: 'hccb-huyen', value: { value: 75 } }], /^Số liệu phải là một số/],
    ['indicator', 'record', [{ by: 'hccb-huyen' }], /^Số liệu phải là một số/],
    ['indicator', 'record', [{ value: 75 }], /^Thiếu người báo cáo/],
    ['waivable', 'waive', [{ by: 'ubnd-bien-son' }], /^Thiếu lý do/],
    ['waivable', 'waive', [{ by: 'ubnd-bien-son', reason: 3 }], /phải là văn bản/],
    ['waivable', 'close', [{ by: 'ban-dan-van' }], /^Thiếu lý do kết thúc theo dõi/],
    ['waivable', 'close', [{ reason: 'x' }], /^Thiếu người thực hiện/],
    ['plain', 'extend', [{ by: 'ban-dan-van', reason: 'Lùi hạn.' }], /^Hạn mới/],
    ['plain', 'extend', [{ by: 'ban-dan-van', reason: 'Lùi hạn.', newDue: 20991231 }], /^Hạn mới/],
    ['plain', 'extend', [{ by: 'ban-dan-van', reason: 'Lùi hạn.', newDue: '31/12/2099' }], /^Hạn mới/],
    ['plain', 'extend', [{ by: 'ban-dan-van', reason: 'Lùi hạn.', newDue: '2099-02-30' }], /^Hạn mới/],
    ['plain', 'extend', [{ by: 'ban-dan-van', reason: 'Lùi hạn.', newDue: '2099-12-31T00:00' }], /^Hạn mới/],
    ['plain', 'extend', [{ by: 'ban-dan-van', reason: 'Lùi hạn.', newDue: '1970-01-01' }], /^Hạn mới/],
    ['plain', 'extend', [{ by: 'ban-dan-van', reason: 'Lùi hạn.', newDue: '9999-12-31' }], /^Hạn mới/],
    ['plain', 'extend', [{ by: 'ban-dan-van', newDue: '2099-12-31' }], /^Thiếu lý do gia hạn/],
    // what the obligation does not allow
    ['plain', 'waive', [{ by: 'ubnd-huyen', reason: 'Không họp.' }], /không được ghi “không phát sinh”/],
    ['plain', 'record', [{ by: 'ubnd-huyen', value: 1 }], /không báo cáo bằng số liệu/],
    ['indicator', 'complete', [{ by: 'hccb-huyen' }], /đề nghị dùng đường dẫn “Báo cáo số liệu”/],
    // huge strings (limits: by 200, position 200, note 2000, evidence 500, reason 1000 characters)
    ['plain', 'complete', [{ by: huge(201) }], /dài quá 200 ký tự/],
    ['indicator', 'record', [{ by: 'hccb-huyen', value: 75, position: huge(201) }], /^Chức vụ của người báo cáo dài quá 200 ký tự/],
    ['plain', 'complete', [{ by: 'ubnd-huyen', note: huge(2001) }], /dài quá 2000 ký tự/],
    ['evidence', 'complete', [{ by: 'mttq-bien-son', evidence: huge(501) }], /dài quá 500 ký tự/],
    ['waivable', 'waive', [{ by: 'ubnd-bien-son', reason: huge(100_000) }], /dài quá 1000 ký tự/],
    ['indicator', 'record', [{ by: 'hccb-huyen', value: 75, note: huge(500_000) }], /dài quá 2000 ký tự/],
  ];

  it('each malformed Update is refused by its validator, with a message in Vietnamese', async () => {
    const before = await Promise.all(Object.values(occ).map((o) => snapshot(o.handle)));
    for (const [key, name, args, message] of MALFORMED) {
      const why = await rejected(occ[key].handle.executeUpdate(name, { args: args as [unknown] }));
      expect(why, `${name}(${JSON.stringify(args).slice(0, 80)})`).toMatch(message);
    }
    const after = await Promise.all(Object.values(occ).map((o) => snapshot(o.handle)));
    expect(after).toEqual(before);
  });

  it('an extension the calendar cannot compute fails at once, not after endless retries', async () => {
    // The validator refuses such dates now (9999-12-31 above); the activity is the second line.
    const { retimeOccurrence } = createPlanningActivities(staticPlanSource(config));
    const { steps: _steps, ...occurrence } = occ.plain.spec;
    const err = await retimeOccurrence({ occurrence, newDue: '9999-12-31' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).nonRetryable).toBe(true);
  });

  it('unknown Update names are refused', async () => {
    const before = await snapshot(occ.plain.handle);
    for (const name of ['completed', 'Complete', 'state', 'pause', '__proto__', 'constructor', 'toString', '__stack_trace', 'x'.repeat(1000), 'hoàn thành']) {
      const why = await rejected(occ.plain.handle.executeUpdate(name, { args: [{ by: 'ubnd-huyen' }] }));
      expect(why, name).toMatch(/unknown|not found|No registered handler/i);
    }
    expect(await snapshot(occ.plain.handle)).toEqual(before);
  });

  // The validator refuses it; the refusal (which carries the request back to the server) is
  // over the server's 2 MB payload limit, so the server drops the speculative workflow task
  // and answers FAILED_PRECONDITION. Nothing is written. (Over gRPC's 4 MB message limit the
  // client gets RESOURCE_EXHAUSTED, after its own retries: about 40 s, so not tried here.)
  it('a payload over the server’s size limit is refused and leaves no trace', async () => {
    const before = await snapshot(occ.plain.handle);
    for (const size of [3_000_000]) {
      const t = Date.now();
      const err = await refusal(occ.plain.handle.executeUpdate('complete', { args: [{ by: 'ubnd-huyen', note: 'x'.repeat(size) }] }), 60_000);
      const why = `${err.message}: ${(err.cause as Error | undefined)?.message ?? ''}`;
      console.log(`fault-malformed: a ${size}-character note, refused in ${Date.now() - t} ms: ${why}`);
      expect(why, `${size} characters`).toMatch(/size|limit|large|exhausted|workflow task failure/i);
    }
    expect(await snapshot(occ.plain.handle)).toEqual(before);
  });

  it('undecodable payloads sent with the raw API are refused', async () => {
    const before = await snapshot(occ.plain.handle);
    const enc = (s: string) => Buffer.from(s);
    const payloads: temporal.api.common.v1.IPayload[][] = [
      [{ metadata: { encoding: enc('binary/garbage') }, data: enc('{"by":"ubnd-huyen"}') }],
      [{ metadata: { encoding: enc('json/plain') }, data: enc('{"by": "ubnd-huyen"') }],
      [{ metadata: { encoding: enc('json/plain') }, data: enc('') }],
      [{ metadata: {}, data: enc('{"by":"ubnd-huyen"}') }],
      [{ metadata: { encoding: enc('binary/plain') }, data: randomBytes(64) }],
      [{ metadata: { encoding: enc('json/protobuf'), messageType: enc('no.such.Message') }, data: enc('{}') }],
    ];
    for (const args of payloads) {
      const response = await env.client.workflowService.updateWorkflowExecution({
        namespace: env.namespace ?? 'default',
        workflowExecution: { workflowId: occ.plain.handle.workflowId },
        waitPolicy: { lifecycleStage: temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED },
        request: {
          meta: { updateId: randomUUID(), identity: 'fault-malformed' },
          input: { name: 'complete', args: { payloads: args } },
        },
      });
      expect(response.outcome?.failure, JSON.stringify(args[0]?.metadata)).toBeTruthy();
    }
    expect(await snapshot(occ.plain.handle)).toEqual(before);
  });
});

/** The real web pages (web/server.ts) over this run's dev server, with the test's link secret. */
async function webPages(): Promise<FastifyInstance> {
  const app = await createWebServer({ client: env.client, plan: staticPlanSource(config), linkSecrets: [FAULT_SECRET], log: () => undefined });
  apps.push(app);
  return app;
}
const apps: FastifyInstance[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

/** A POST of the link's form, as a browser sends it (`fields` as given, repeated keys included). */
function post(app: FastifyInstance, token: string, fields: Array<[string, string]> | string, contentType = 'application/x-www-form-urlencoded') {
  const payload = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
  return app.inject({ method: 'POST', url: `/a/${token}`, headers: { 'content-type': contentType }, payload });
}

describe('link tokens: random, forged, tampered and expired ones are refused', () => {
  const claims = (action: LinkAction = 'complete') => ({
    occurrence: occ.plain.spec.id,
    action,
    body: 'ubnd-huyen',
    expiresAtMs: Date.now() + 30 * 24 * HOUR,
  });

  it('the links of a real email verify, and name the occurrence and its owner', () => {
    const spec = occ.plain.spec;
    const step = spec.steps[0]!;
    const body = index.bodies.get(step.to[0]!)!;
    const email = composeEmail({ occurrence: spec, step, body, contact: body.contacts[0]!, index, links: LINKS });
    const tokens = [...email.text.matchAll(/https:\/\/dondoc\.lucngan\.test\/a\/\S+/g)].map((m) => tokenOfUrl(m[0])!);
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) {
      const v = verifyLink(t, FAULT_SECRET);
      expect(v.ok && v.claims.occurrence === spec.id && v.claims.body === body.id).toBe(true);
    }
  });

  it('random strings and random well-formed tokens never verify', () => {
    const b64 = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 1, maxLength: 120 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 3000 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.tuple(b64, b64).map(([p, s]) => `v1.${p}.${s}`)), (token) => {
        expect(verifyLink(token, FAULT_SECRET).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
    // Not even a string.
    for (const t of [undefined, null, 42, {}, ['v1', 'a', 'b'], Buffer.from('v1.a.b')]) expect(verifyLink(t as never, FAULT_SECRET).ok).toBe(false);
  });

  it('forged (another secret, or a random signature) and tampered tokens are refused as bad signatures', () => {
    const genuine = signLink(claims(), FAULT_SECRET);
    expect(verifyLink(genuine, FAULT_SECRET).ok).toBe(true);
    const [v, payload, signature] = genuine.split('.') as [string, string, string];
    expect(verifyLink(signLink(claims(), OTHER_SECRET), FAULT_SECRET)).toMatchObject({ ok: false, reason: 'bad-signature' });
    for (let i = 0; i < 200; i++) {
      expect(verifyLink(`${v}.${payload}.${randomBytes(32).toString('base64url')}`, FAULT_SECRET)).toMatchObject({ ok: false, reason: 'bad-signature' });
    }
    // Claims of our own choosing under the genuine signature: another occurrence, action, body, a later expiry.
    for (const changed of [
      { ...claims(), occurrence: occ.waivable.spec.id },
      { ...claims(), action: 'waive' as const },
      { ...claims(), body: 'ban-dan-van' },
      { ...claims(), expiresAtMs: Date.now() + 3650 * 24 * HOUR },
    ]) {
      const forgedPayload = signLink(changed, FAULT_SECRET).split('.')[1]!;
      expect(verifyLink(`${v}.${forgedPayload}.${signature}`, FAULT_SECRET)).toMatchObject({ ok: false, reason: 'bad-signature' });
    }
    // Every single-character change of the payload, and of the signature.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const accepted: string[] = [];
    for (const [part, text] of [
      ['payload', payload],
      ['signature', signature],
    ] as const) {
      for (let i = 0; i < text.length; i++) {
        for (const c of alphabet) {
          if (c === text[i]) continue;
          const changed = `${text.slice(0, i)}${c}${text.slice(i + 1)}`;
          const token = part === 'payload' ? `${v}.${changed}.${signature}` : `${v}.${payload}.${changed}`;
          if (verifyLink(token, FAULT_SECRET).ok) accepted.push(`${part}[${i}]=${c}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    // Another version, extra or missing parts, padding.
    for (const t of [`v2.${payload}.${signature}`, `${payload}.${signature}`, `${genuine}.x`, `${genuine}=`, ` ${genuine}`, genuine.toUpperCase()]) {
      expect(verifyLink(t, FAULT_SECRET).ok, t).toBe(false);
    }
  });

  it('expired tokens are refused, genuine or not', () => {
    const t = signLink({ ...claims(), expiresAtMs: Date.now() - 1000 }, FAULT_SECRET);
    expect(verifyLink(t, FAULT_SECRET)).toMatchObject({ ok: false, reason: 'expired' });
    const live = signLink(claims(), FAULT_SECRET);
    expect(verifyLink(live, FAULT_SECRET, claims().expiresAtMs + 1)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('through the web pages: refused tokens get 403 and hostile forms are refused, nothing written; a genuine link with a proper form still works', async () => {
    const app = await webPages();
    const before = await snapshot(occ.plain.handle);
    const refusedTokens: Array<[string, string]> = [
      [randomBytes(40).toString('base64url'), 'Đường dẫn không hợp lệ'],
      [`v1.${randomBytes(40).toString('base64url')}.${randomBytes(32).toString('base64url')}`, 'Đường dẫn không hợp lệ'],
      [signLink(claims(), OTHER_SECRET), 'Đường dẫn không hợp lệ'],
      [signLink({ ...claims(), expiresAtMs: Date.now() - 1 }, FAULT_SECRET), 'Đường dẫn đã hết hạn'],
    ];
    for (const [token, title] of refusedTokens) {
      for (const res of [await app.inject({ method: 'GET', url: `/a/${token}` }), await post(app, token, [['name', 'Nguyễn Văn A']])]) {
        expect(res.statusCode, token).toBe(403);
        expect(res.body).toContain(title);
      }
    }

    // A genuine link: every hostile form is refused, by the page (422, 413, 415) or by the
    // workflow's validators (422 with their message), and the form is shown back.
    const genuine = signLink(claims(), FAULT_SECRET);
    const refusedForms: Array<[Array<[string, string]> | string, number, RegExp, string?]> = [
      [[], 422, /Cần điền “Họ và tên người báo cáo”/],
      [[['name', '   ']], 422, /Cần điền “Họ và tên người báo cáo”/],
      [[['name', 'A'], ['name', 'B']], 422, /Cần điền “Họ và tên người báo cáo”/], // a repeated field is not a name
      [[['name', huge(101)]], 422, /dài quá 100 ký tự/],
      [[['name', 'Nguyễn Văn A'], ['note', huge(2001)]], 422, /dài quá 2000 ký tự/],
      [`name=${'%C4%90'.repeat(40_000)}`, 413, /Nội dung quá dài/],
      [JSON.stringify({ name: 'Nguyễn Văn A' }), 415, /Chỉ nhận nội dung gửi từ biểu mẫu/, 'application/json'],
    ];
    for (const [fields, status, page, contentType] of refusedForms) {
      const res = await post(app, genuine, fields, contentType);
      expect(res.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(status);
      expect(res.body).toMatch(page);
    }
    // Forms the page accepts but the obligation does not: the workflow's validators say no.
    const waive = signLink(claims('waive'), FAULT_SECRET);
    const refusedByWorkflow = await post(app, waive, [['name', 'Nguyễn Văn A'], ['reason', 'Không họp.']]);
    expect(refusedByWorkflow.statusCode).toBe(422);
    expect(refusedByWorkflow.body).toContain('Chưa ghi nhận được: Nhiệm vụ này không được ghi “không phát sinh”.');
    const record = signLink(claims('record'), FAULT_SECRET);
    const notAnIndicator = await post(app, record, [['name', 'Nguyễn Văn A'], ['value', '12,5']]);
    expect(notAnIndicator.statusCode).toBe(422);
    expect(notAnIndicator.body).toContain('Chưa ghi nhận được: Nhiệm vụ này không báo cáo bằng số liệu.');
    const notANumber = await post(app, signLink({ ...claims('record'), occurrence: occ.indicator.spec.id, body: 'hccb-huyen' }, FAULT_SECRET), [['name', 'Nguyễn Văn A'], ['value', '12.5.1']]);
    expect(notANumber.statusCode).toBe(422);
    expect(notANumber.body).toMatch(/phải là một số, ví dụ 12 hoặc 12,5/);
    expect(await snapshot(occ.plain.handle)).toEqual(before);

    // The occurrence is still alive and well: the genuine link with a proper form completes it,
    // then redirects to the result, which a reload does not post again.
    const done = await post(app, genuine, [['name', 'Nguyễn Văn A'], ['note', 'Đã họp giao ban.']]);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/a/${genuine}?ok=1`);
    const state = await occ.plain.handle.query(stateQuery);
    expect(state.status).toBe('done-on-time');
    expect(state.resolution).toMatchObject({ action: 'complete', by: `Nguyễn Văn A (${index.bodyName('ubnd-huyen')})`, note: 'Đã họp giao ban.' });
    const again = await post(app, genuine, [['name', 'Nguyễn Văn B']]);
    expect(again.statusCode).toBe(409);
    expect((await snapshot(occ.plain.handle)).events.filter((e) => e === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED')).toHaveLength(1);
  });
});

