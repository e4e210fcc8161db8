/**
 * The web server without a Temporal server: a stand-in client records every call, so these
 * tests show what reaches Temporal (nothing, for a refused link) and what the pages say.
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterEach, describe, expect, test } from 'vitest';
import { staticPlanSource } from '../../../config/plan-source';
import { INPUT_LIMITS } from '../../../domain/input-limits';
import type { OccurrenceSpec } from '../../../domain/spec';
import { signLink, type LinkAction } from '../../../platform/links';
import type { OccurrenceState } from '../../../workflows/messages';
import { BODY_LIMIT, createWebServer, type WebOptions } from '../../../web/server';
import { LoginThrottle } from '../../../web/auth';
import { AesGcmCodec } from '../../../platform/codec';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import * as crypto from 'node:crypto';
import { REGISTRATION, RECEPTION, shipped, VETERANS } from '../email/fixtures';
import { conventionReport } from '../../helpers/conventions';

const SECRET = 'unit-test-secret-0123456789-abcdefghijkl';
const NOW = Date.UTC(2024, 2, 1);

function stateOf(spec: OccurrenceSpec, patch: Partial<OccurrenceState> = {}): OccurrenceState {
  const { steps, ...rest } = spec;
  return {
    spec: rest,
    status: 'open',
    statusLabel: 'đang thực hiện trong hạn',
    final: false,
    extensions: [],
    skippedNotices: 0,
    steps: steps.map((s) => ({ ...s, state: 'pending' as const })),
    ...patch,
  };
}

/** A client that answers queries with `state` and records every call. */
function fakeClient(
  state: OccurrenceState | undefined,
  opts: { update?: (name: string, input: unknown) => OccurrenceState; down?: boolean; /** still running after its result (the undo window) */ lingering?: boolean } = {},
) {
  const calls: string[] = [];
  const handle = (id: string) => ({
    async query() {
      calls.push(`query ${id}`);
      if (opts.down) throw new Error('14 UNAVAILABLE: connect ECONNREFUSED');
      if (!state) throw new WorkflowNotFoundError('not found', id, undefined);
      return state;
    },
    async describe() {
      calls.push(`describe ${id}`);
      return { status: { name: state?.final && !opts.lingering ? 'COMPLETED' : 'RUNNING' } };
    },
    async executeUpdate(def: { name: string }, options: { args: [unknown] }) {
      calls.push(`update ${def.name} ${JSON.stringify(options.args[0])}`);
      if (!opts.update) throw new Error('no update expected');
      return opts.update(def.name, options.args[0]);
    },
  });
  async function* list(options: { query: string }) {
    calls.push(`list ${options.query}`);
    yield* [];
  }
  return { client: { workflow: { getHandle: handle, list } } as unknown as Client, calls };
}

const apps: { close(): Promise<unknown> }[] = [];
/** Every HTML page the servers below send, checked against writing.md's conventions at the end. */
const pages: [string, string][] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function server(client: Client, extra: Partial<WebOptions> = {}) {
  const app = await createWebServer({ client, plan: staticPlanSource(shipped), linkSecrets: [SECRET], now: () => NOW, log: () => {}, ...extra });
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html')) pages.push([`${req.method} ${req.url.slice(0, 80)}`, payload]);
    return payload;
  });
  apps.push(app);
  return app;
}

const tokenFor = (spec: OccurrenceSpec, action: LinkAction, expiresAtMs = NOW + 86_400_000) =>
  signLink({ occurrence: spec.id, action, body: spec.owners[0]!, expiresAtMs }, SECRET);

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe('links', () => {
  test('a forged, altered, expired or garbage token gets a 403 page and never reaches Temporal', async () => {
    const spec = REGISTRATION();
    const { client, calls } = fakeClient(stateOf(spec));
    const app = await server(client);
    const good = tokenFor(spec, 'complete');
    const otherSecret = signLink({ occurrence: spec.id, action: 'complete', body: spec.owners[0]!, expiresAtMs: NOW + 1e9 }, 'another-secret-0123456789-abcdefghijklm');
    const [v, payload, sig] = good.split('.');
    const altered = `${v}.${Buffer.from(JSON.stringify(['occ/x', 'complete', 'mttq-huyen', 9e9])).toString('base64url')}.${sig}`;
    const cases: [string, string][] = [
      [otherSecret, 'Đường dẫn không hợp lệ'],
      [altered, 'Đường dẫn không hợp lệ'],
      [`${v}.${payload}.${sig!.slice(0, -1)}`, 'Đường dẫn không hợp lệ'],
      [tokenFor(spec, 'complete', NOW - 1), 'Đường dẫn đã hết hạn'],
      ['not-a-token', 'Đường dẫn không hợp lệ'],
      ['v1.%3Cscript%3E.x', 'Đường dẫn không hợp lệ'],
    ];
    for (const [token, title] of cases) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await app.inject({ method, url: `/a/${token}`, ...(method === 'POST' ? form({ name: 'A', evidence: 'B' }) : {}) });
        expect(res.statusCode, `${method} ${token}`).toBe(403);
        expect(res.body).toContain(`<h1>${title}</h1>`);
        expect(res.body).not.toContain('<script');
      }
    }
    expect(calls).toEqual([]);
  });

  test('a link to an occurrence that does not exist: 404 in Vietnamese', async () => {
    const { client } = fakeClient(undefined);
    const res = await (await server(client)).inject({ url: `/a/${tokenFor(REGISTRATION(), 'complete')}` });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Không tìm thấy nhiệm vụ');
  });
});

describe('action pages', () => {
  test('GET shows the obligation and the form of its link; the pages carry strict security headers', async () => {
    const spec = REGISTRATION();
    const { client, calls } = fakeClient(stateOf(spec));
    const res = await (await server(client)).inject({ url: `/a/${tokenFor(spec, 'complete')}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${spec.title}</h1>`);
    expect(res.body).toContain('thứ Sáu, ngày 29/3/2024');
    // The plan cited as its copy allows: without the number and day it leaves blank.
    expect(res.body).toContain('Mục II.3, đoạn 1 Kế hoạch của Ban Thường vụ Huyện ủy Lục Ngạn (tháng 8/2021) thực hiện Kết luận số 115-KL/TU ngày 09/7/2021');
    expect(res.body).not.toContain('số …');
    expect(res.body).toContain('<dt>Cơ quan, đơn vị chủ trì</dt><dd>Ủy ban MTTQ xã Biên Sơn</dd>');
    // The Party committee the activity is registered with: where it goes, not a body taking part.
    expect(res.body).toContain('<dt>Nơi đăng ký</dt><dd>Đảng ủy xã Biên Sơn</dd>');
    expect(res.body).not.toContain('<dt>Cơ quan, đơn vị phối hợp</dt>');
    // Who reports, and to whom it goes, in the Ban's words; the header names the Ban.
    expect(res.body).toContain('Xác nhận Ủy ban MTTQ xã Biên Sơn đã hoàn thành nhiệm vụ. Thông tin được chuyển ngay đến Ban Dân vận Huyện ủy; không phải gửi văn bản báo cáo riêng.');
    expect(res.body).toContain('Cơ quan báo cáo: <strong>Ủy ban MTTQ xã Biên Sơn</strong>');
    expect(res.body).toContain('<span class="brand">Ban Dân vận Huyện ủy Lục Ngạn</span>');
    expect(res.body).toContain('<dt>Địa bàn</dt><dd>xã Biên Sơn</dd>');
    expect(res.body).toContain('name="evidence" maxlength="500" required');
    expect(res.body).toContain('<form method="post"');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(calls).toEqual([`query ${spec.id}`]);
  });

  test('POST runs the Update with the reporter and the link body, then redirects to the result', async () => {
    const spec = REGISTRATION();
    let state = stateOf(spec);
    const { client, calls } = fakeClient(state, {
      update: (_name, input) => {
        state = stateOf(spec, { status: 'done-on-time', final: true, resolution: { action: 'complete', atMs: NOW, ...(input as { by: string }) } });
        return state;
      },
    });
    const app = await server(client);
    const token = tokenFor(spec, 'complete');
    const res = await app.inject({ method: 'POST', url: `/a/${token}`, ...form({ name: ' Hoàng Thị Lan ', evidence: 'Mô hình «Dân vận khéo»', note: 'a\r\nb', extra: 'ignored' }) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/a/${token}?ok=1`);
    expect(calls).toContain(
      `update complete ${JSON.stringify({ by: 'Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)', note: 'a\nb', evidence: 'Mô hình «Dân vận khéo»', body: spec.owners[0] })}`,
    );
  });

  test('the reporter\'s post (Chức vụ) goes into the Update beside the name; left empty, the Update has none', async () => {
    const spec = RECEPTION();
    const { client, calls } = fakeClient(stateOf(spec), { update: () => stateOf(spec) });
    const app = await server(client);
    const page = await app.inject({ url: `/a/${tokenFor(spec, 'waive')}` });
    // Next to the reporter's name, optional.
    expect(page.body).toMatch(/<label for="f-name">Họ và tên người báo cáo[^]*<label for="f-position">Chức vụ<\/label>\n<input type="text" id="f-position" name="position" maxlength="200" value="" autocomplete="organization-title">/);
    await app.inject({ method: 'POST', url: `/a/${tokenFor(spec, 'waive')}`, ...form({ name: 'Trần Văn Bình', position: '  Chủ tịch UBND xã ', reason: 'Không có lịch tiếp dân' }) });
    await app.inject({ method: 'POST', url: `/a/${tokenFor(spec, 'waive')}`, ...form({ name: 'Trần Văn Bình', position: '  ', reason: 'Không có lịch tiếp dân' }) });
    const updates = calls.filter((c) => c.startsWith('update waive ')).map((c) => JSON.parse(c.slice('update waive '.length)) as Record<string, unknown>);
    expect(updates[0]).toMatchObject({ by: 'Trần Văn Bình (Ủy ban nhân dân xã Biên Sơn)', position: 'Chủ tịch UBND xã', reason: 'Không có lịch tiếp dân' });
    expect(updates[1]).not.toHaveProperty('position');
  });

  test('an over-long post: 422 with the field named, no Update', async () => {
    const spec = RECEPTION();
    const { client, calls } = fakeClient(stateOf(spec));
    const long = 'x'.repeat(INPUT_LIMITS.position + 1);
    const res = await (await server(client)).inject({ method: 'POST', url: `/a/${tokenFor(spec, 'waive')}`, ...form({ name: 'Trần Văn Bình', position: long, reason: 'Không có lịch' }) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`“Chức vụ” dài quá ${INPUT_LIMITS.position} ký tự (đang có ${INPUT_LIMITS.position + 1}).`);
    expect(calls.some((c) => c.startsWith('update'))).toBe(false);
  });

  test('a blank required field or an over-long note: 422, the input kept (escaped), no Update', async () => {
    const spec = REGISTRATION();
    const { client, calls } = fakeClient(stateOf(spec));
    const app = await server(client);
    const long = 'x'.repeat(INPUT_LIMITS.note + 1);
    const res = await app.inject({ method: 'POST', url: `/a/${tokenFor(spec, 'complete')}`, ...form({ name: '<img src=x onerror=alert(1)>', evidence: '  ', note: long }) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Cần điền “Tên hoạt động sáng tạo, nổi bật đã đăng ký”.');
    expect(res.body).toContain(`“Ghi chú” dài quá ${INPUT_LIMITS.note} ký tự (đang có ${INPUT_LIMITS.note + 1}).`);
    expect(res.body).toContain('value="&lt;img src=x onerror=alert(1)&gt;"');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain(long);
    expect(calls.some((c) => c.startsWith('update'))).toBe(false);
  });

  test("the workflow's refusal is shown in Vietnamese with the form kept", async () => {
    const spec = RECEPTION();
    const { client } = fakeClient(stateOf(spec), {
      update: () => {
        throw new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ message: 'Nhiệm vụ này không được ghi “không phát sinh”.' }));
      },
    });
    const res = await (await server(client)).inject({ method: 'POST', url: `/a/${tokenFor(spec, 'waive')}`, ...form({ name: 'Trần Văn Bình', reason: 'Không có lịch tiếp dân' }) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Chưa ghi nhận được: Nhiệm vụ này không được ghi “không phát sinh”.');
    expect(res.body).toContain('Không có lịch tiếp dân</textarea>');
  });

  test('record: a Vietnamese decimal comma is a number; words are not', async () => {
    const spec = VETERANS();
    const { client, calls } = fakeClient(stateOf(spec), { update: () => stateOf(spec, { final: true, status: 'done-on-time' }) });
    const app = await server(client);
    const token = tokenFor(spec, 'record');
    const page = await app.inject({ url: `/a/${token}` });
    // The figure asked for the year, its unit said after the label (no second brackets).
    expect(page.body).toContain('Đề nghị nhập số liệu năm 2024.');
    expect(page.body).toContain('(sĩ quan, quân nhân chuyên nghiệp), tính theo % <span class="req"');
    const bad = await app.inject({ method: 'POST', url: `/a/${token}`, ...form({ name: 'Lê Văn Cường', value: '1.234,5' }) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('phải là một số, ví dụ 12 hoặc 12,5.');
    const ok = await app.inject({ method: 'POST', url: `/a/${token}`, ...form({ name: 'Lê Văn Cường', value: ' 87,5 ' }) });
    expect(ok.statusCode).toBe(303);
    expect(calls.filter((c) => c.startsWith('update'))).toEqual([`update record ${JSON.stringify({ by: 'Lê Văn Cường (Hội Cựu chiến binh huyện Lục Ngạn)', value: 87.5, body: spec.owners[0] })}`]);
  });

  test('an occurrence already resolved: who and when, no form, a POST is refused with 409', async () => {
    const spec = REGISTRATION();
    const resolved = stateOf(spec, {
      status: 'done-late',
      final: true,
      resolution: { action: 'complete', by: 'Nguyễn Thị Hoa (Ủy ban MTTQ xã Biên Sơn)', atMs: Date.UTC(2024, 3, 2, 2, 15), evidence: 'Hội thi' },
    });
    const { client, calls } = fakeClient(resolved);
    const app = await server(client);
    const get = await app.inject({ url: `/a/${tokenFor(spec, 'complete')}` });
    expect(get.body).toContain('Nguyễn Thị Hoa (Ủy ban MTTQ xã Biên Sơn)');
    expect(get.body).toContain('09:15, thứ Ba, ngày 02/4/2024');
    expect(get.body).toContain('hoàn thành quá hạn');
    expect(get.body).not.toContain('<form');
    const post = await app.inject({ method: 'POST', url: `/a/${tokenFor(spec, 'complete')}`, ...form({ name: 'X', evidence: 'Y' }) });
    expect(post.statusCode).toBe(409);
    expect(calls.some((c) => c.startsWith('update'))).toBe(false);
  });

  test('Temporal unreachable: 503, and what was typed is shown back', async () => {
    const spec = REGISTRATION();
    const { client } = fakeClient(stateOf(spec), { down: true });
    const res = await (await server(client)).inject({ method: 'POST', url: `/a/${tokenFor(spec, 'complete')}`, ...form({ name: 'Hoàng Thị Lan', evidence: 'Mô hình A' }) });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('tạm thời không kết nối được');
    expect(res.body).toContain('Mô hình A');
  });

  test('a body over the limit is refused with 413 before anything runs; a non-form body with 415', async () => {
    const spec = REGISTRATION();
    const { client, calls } = fakeClient(stateOf(spec));
    const app = await server(client);
    const big = await app.inject({ method: 'POST', url: `/a/${tokenFor(spec, 'complete')}`, ...form({ name: 'A', note: 'x'.repeat(BODY_LIMIT) }) });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('Nội dung quá dài');
    const json = await app.inject({ method: 'POST', url: `/a/${tokenFor(spec, 'complete')}`, headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(json.statusCode).toBe(415);
    expect(calls).toEqual([]);
  });
});

describe('leadership pages', () => {
  test('basic auth from the environment guards the board and detail pages, not the action pages', async () => {
    const spec = REGISTRATION();
    const { client } = fakeClient(stateOf(spec));
    const app = await server(client, { auth: { user: 'bandanvan', password: 'mật-khẩu-đủ-dài' } });
    const anon = await app.inject({ url: `/o/${spec.id}` });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['www-authenticate']).toBe('Basic realm="dondoc", charset="UTF-8"');
    const wrong = await app.inject({ url: '/board', headers: { authorization: `Basic ${Buffer.from('bandanvan:sai').toString('base64')}` } });
    expect(wrong.statusCode).toBe(401);
    const ok = await app.inject({ url: `/o/${spec.id}`, headers: { authorization: `Basic ${Buffer.from('bandanvan:mật-khẩu-đủ-dài').toString('base64')}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Quá trình nhắc việc, đôn đốc');
    expect((await app.inject({ url: `/a/${tokenFor(spec, 'complete')}` })).statusCode).toBe(200);
  });

  test('the detail page lists every step of the timeline with its Vietnamese name and state', async () => {
    const spec = REGISTRATION();
    const state = stateOf(spec);
    state.steps[0] = { ...state.steps[0]!, state: 'sent', sentAtMs: state.steps[0]!.atMs };
    state.steps[1] = { ...state.steps[1]!, state: 'failed', failures: [{ body: spec.owners[0]!, reason: '550 mailbox unavailable' }] };
    const { client } = fakeClient(state);
    const res = await (await server(client)).inject({ url: `/o/${spec.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<tr class="step-/g)).toHaveLength(spec.steps.length);
    expect(res.body).toContain('nhắc trước hạn');
    // The commune's Front is urged with its Party committee, then with Ban Dân vận: "đôn đốc", never "vượt cấp".
    expect(res.body.match(/<td data-label="Bước">đôn đốc lần [12]<\/td>/g)).toHaveLength(spec.steps.filter((s) => s.kind === 'escalation').length);
    expect(res.body).not.toContain('vượt cấp');
    expect(res.body).toContain('Ủy ban MTTQ xã Biên Sơn: 550 mailbox unavailable');
  });

  test('the detail page shows who reported and in what post', async () => {
    const spec = REGISTRATION();
    const resolved = stateOf(spec, {
      status: 'done-on-time',
      final: true,
      resolution: { action: 'complete', by: 'Nguyễn Văn A', position: 'Phó Chủ tịch Ủy ban MTTQ xã', atMs: Date.UTC(2024, 2, 20, 2, 15), evidence: 'Hội thi' },
    });
    const res = await (await server(fakeClient(resolved).client)).inject({ url: `/o/${spec.id}` });
    expect(res.body).toContain('<dt>Người báo cáo</dt><dd>đồng chí Nguyễn Văn A, Phó Chủ tịch Ủy ban MTTQ xã</dd>');
  });

  test('a bad period or an unknown page: a Vietnamese page, not a stack trace', async () => {
    const { client } = fakeClient(undefined);
    const app = await server(client);
    const bad = await app.inject({ url: '/board?period=2024-Q5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Kỳ “2024-Q5” không đúng dạng');
    const missing = await app.inject({ url: '/khong-co' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Không có trang này');
    expect((await app.inject({ url: '/o/../../etc/passwd' })).statusCode).toBe(404);
  });
});

describe('authentication', () => {
  const AUTH = { user: 'bandanvan', password: 'mật-khẩu-đủ-dài' };
  const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

  test('an anonymous or wrongly authenticated request never lists occurrences (no visibility query)', async () => {
    const { client, calls } = fakeClient(undefined);
    const app = await server(client, { auth: AUTH });
    for (const headers of [{}, basic('bandanvan', 'sai-mật-khẩu'), { authorization: 'Bearer x' }]) {
      expect((await app.inject({ url: '/board?period=2024-Q3', headers })).statusCode).toBe(401);
    }
    expect(calls).toEqual([]);
    expect((await app.inject({ url: '/board?period=2024-Q3', headers: basic(AUTH.user, AUTH.password) })).statusCode).toBe(200);
    expect(calls.filter((c) => c.startsWith('list'))).toHaveLength(1);
  });

  test('failed logins are throttled per client address: after the limit even the right password waits, other addresses do not', async () => {
    let now = NOW;
    const { client, calls } = fakeClient(undefined);
    const app = await server(client, { auth: AUTH, now: () => now, throttle: new LoginThrottle({ limit: 3, windowMs: 10 * 60_000 }) });
    const from = (ip: string, headers: Record<string, string>) => app.inject({ url: '/board?period=2024-Q3', remoteAddress: ip, headers });
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.7', basic('bandanvan', `sai-${i}`))).statusCode).toBe(401);
    const blocked = await from('203.0.113.7', basic(AUTH.user, AUTH.password));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('600');
    expect(blocked.body).toContain('Đăng nhập sai quá nhiều lần từ địa chỉ này. Đồng chí vui lòng thử lại sau 10 phút.');
    expect((await from('198.51.100.4', basic(AUTH.user, AUTH.password))).statusCode).toBe(200);
    now += 10 * 60_000;
    expect((await from('203.0.113.7', basic(AUTH.user, AUTH.password))).statusCode).toBe(200);
    // A request without credentials (the browser's first, before its prompt) is not a failed login.
    for (let i = 0; i < 5; i++) expect((await from('192.0.2.1', {})).statusCode).toBe(401);
    expect((await from('192.0.2.1', basic(AUTH.user, AUTH.password))).statusCode).toBe(200);
    expect(calls.filter((c) => c.startsWith('list'))).toHaveLength(3);
  });

  test('behind a trusted proxy the client address is the one it forwards; from anyone else X-Forwarded-For is ignored', async () => {
    const { client } = fakeClient(undefined);
    const app = await server(client, { auth: AUTH, trustProxy: ['10.0.0.2'], throttle: new LoginThrottle({ limit: 1 }) });
    const wrong = basic('bandanvan', 'sai');
    await app.inject({ url: '/board', remoteAddress: '10.0.0.2', headers: { ...wrong, 'x-forwarded-for': '203.0.113.7' } });
    expect((await app.inject({ url: '/board', remoteAddress: '10.0.0.2', headers: { ...wrong, 'x-forwarded-for': '203.0.113.7' } })).statusCode).toBe(429);
    expect((await app.inject({ url: '/board', remoteAddress: '10.0.0.2', headers: { ...wrong, 'x-forwarded-for': '198.51.100.4' } })).statusCode).toBe(401);
    // Not the proxy: its X-Forwarded-For could be anything, so its own address counts.
    await app.inject({ url: '/board', remoteAddress: '192.0.2.9', headers: { ...wrong, 'x-forwarded-for': '198.51.100.5' } });
    expect((await app.inject({ url: '/board', remoteAddress: '192.0.2.9', headers: { ...wrong, 'x-forwarded-for': '198.51.100.6' } })).statusCode).toBe(429);
  });
});

describe('undo from the same link', () => {
  const UNTIL = NOW + 30 * 60_000;
  const resolvedFrom = (spec: OccurrenceSpec, body: string, action: 'complete' | 'waive' = 'complete') =>
    stateOf(spec, {
      status: 'done-on-time',
      final: true,
      resolution: { action, by: 'Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)', atMs: NOW - 60_000, evidence: 'Hội thi', body, undoUntilMs: UNTIL },
    });

  test('a result sent with the undo window records the link body and the window; its page offers to undo it until then', async () => {
    const spec = REGISTRATION();
    let state = stateOf(spec);
    const { client, calls } = fakeClient(state, {
      update: (_name, input) => (state = resolvedFrom(spec, (input as { body: string }).body)),
    });
    const app = await server(client, { undoMinutes: 30 });
    const token = tokenFor(spec, 'complete');
    await app.inject({ method: 'POST', url: `/a/${token}`, ...form({ name: 'Hoàng Thị Lan', evidence: 'Hội thi' }) });
    expect(calls).toContain(`update complete ${JSON.stringify({ by: 'Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)', evidence: 'Hội thi', body: spec.owners[0], undoMinutes: 30 })}`);
    const { client: after } = fakeClient(state);
    const page = await (await server(after)).inject({ url: `/a/${token}?ok=1` });
    expect(page.body).toContain('Đã ghi nhận');
    expect(page.body).toContain('<dt>Báo cáo qua liên kết gửi</dt><dd>Ủy ban MTTQ xã Biên Sơn</dd>');
    expect(page.body).toContain('có thể hủy kết quả vừa gửi cho đến 07:30, thứ Sáu, ngày 01/3/2024');
    expect(page.body).toContain('<input type="hidden" name="undo" value="1">');
  });

  test('POST undo=1 from the same link runs the undo Update and shows the form again', async () => {
    const spec = REGISTRATION();
    let state = resolvedFrom(spec, spec.owners[0]!);
    const { client, calls } = fakeClient(state, { lingering: true, update: () => (state = stateOf(spec)) });
    const app = await server(client);
    const token = tokenFor(spec, 'complete');
    const res = await app.inject({ method: 'POST', url: `/a/${token}`, ...form({ undo: '1' }) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/a/${token}?undone=1`);
    expect(calls).toContain(`update undo ${JSON.stringify({ by: 'Ủy ban MTTQ xã Biên Sơn', body: spec.owners[0], action: 'complete' })}`);
    const { client: after } = fakeClient(state);
    const page = await (await server(after)).inject({ url: `/a/${token}?undone=1` });
    expect(page.body).toContain('Đã hủy kết quả vừa gửi; nhiệm vụ tiếp tục được theo dõi.');
    expect(page.body).toContain('<form method="post"');
  });

  test('another body\'s link, another action\'s link, or the window over: no undo form, and a POST is refused before any Update', async () => {
    const spec = REGISTRATION();
    const other = 'ubnd-bien-son';
    const cases: [OccurrenceState, string, number, string][] = [
      [resolvedFrom(spec, other), tokenFor(spec, 'complete'), NOW, 'không được gửi từ liên kết này'],
      [resolvedFrom(spec, spec.owners[0]!, 'waive'), tokenFor(spec, 'complete'), NOW, 'không được gửi từ liên kết này'],
      [resolvedFrom(spec, spec.owners[0]!), tokenFor(spec, 'complete'), UNTIL, 'Đã hết thời gian hủy kết quả (đến 07:30, thứ Sáu, ngày 01/3/2024)'],
    ];
    for (const [state, token, at, message] of cases) {
      const { client, calls } = fakeClient(state);
      const app = await server(client, { now: () => at });
      expect((await app.inject({ url: `/a/${token}` })).body).not.toContain('name="undo"');
      const res = await app.inject({ method: 'POST', url: `/a/${token}`, ...form({ undo: '1' }) });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain(message);
      expect(calls.some((c) => c.startsWith('update'))).toBe(false);
    }
  });
});

describe('codec endpoint', () => {
  const AUTH = { user: 'bandanvan', password: 'mật-khẩu-đủ-dài' };
  const UI = 'http://localhost:8233';
  const codec = new AesGcmCodec([{ id: 'k1', key: crypto.createHash('sha256').update('codec endpoint test').digest() }]);
  const creds = { authorization: `Basic ${Buffer.from(`${AUTH.user}:${AUTH.password}`).toString('base64')}` };
  const json = (payloads: unknown) => ({ headers: { 'content-type': 'application/json', origin: UI, 'x-namespace': 'default', ...creds }, payload: JSON.stringify({ payloads }) });
  const asJson = (p: Payload) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? []).toString('base64'),
  });

  test('decodes what the worker encrypted for the Temporal UI\'s origin, with credentials; encodes back', async () => {
    const app = await server(fakeClient(undefined).client, { auth: AUTH, codec: { codec, origins: [UI] } });
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload({ by: 'Hoàng Thị Lan' })!]);
    const res = await app.inject({ method: 'POST', url: '/codec/decode', ...json([asJson(encrypted!)]) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(UI);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    const [decoded] = (res.json() as { payloads: { metadata: Record<string, string>; data: string }[] }).payloads;
    expect(Buffer.from(decoded!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(decoded!.data, 'base64').toString())).toEqual({ by: 'Hoàng Thị Lan' });
    const back = await app.inject({ method: 'POST', url: '/codec/encode', ...json([decoded]) });
    expect(Buffer.from((back.json() as { payloads: { metadata: Record<string, string> }[] }).payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
  });

  test('without credentials: 401 (still readable by the UI\'s origin); a preflight from that origin passes without them, from another is refused', async () => {
    const app = await server(fakeClient(undefined).client, { auth: AUTH, codec: { codec, origins: [UI] } });
    const anon = await app.inject({ method: 'POST', url: '/codec/decode', headers: { 'content-type': 'application/json', origin: UI }, payload: '{"payloads":[]}' });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['access-control-allow-origin']).toBe(UI);
    const preflight = await app.inject({ method: 'OPTIONS', url: '/codec/decode', headers: { origin: UI, 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('x-namespace');
    const evil = await app.inject({ method: 'OPTIONS', url: '/codec/decode', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const other = await app.inject({ method: 'POST', url: '/codec/decode', ...json([]), headers: { ...json([]).headers, origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('a payload that does not authenticate: 422 with the reason; malformed JSON or payloads: 400', async () => {
    const app = await server(fakeClient(undefined).client, { auth: AUTH, codec: { codec, origins: [UI] } });
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload('x')!]);
    const tampered = { ...asJson(encrypted!), data: Buffer.from('0'.repeat(40)).toString('base64') };
    const bad = await app.inject({ method: 'POST', url: '/codec/decode', ...json([tampered]) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toEqual({ message: 'encrypted payload does not authenticate with key "k1" (altered, or another key with that id)' });
    expect((await app.inject({ method: 'POST', url: '/codec/decode', ...json([{ data: '***' }]) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/codec/decode', ...json(undefined), payload: '{not json' })).statusCode).toBe(400);
  });

  test('without basic auth configured there is no codec endpoint (it would decrypt for anyone)', async () => {
    const app = await server(fakeClient(undefined).client, { codec: { codec, origins: [UI] } });
    expect((await app.inject({ method: 'POST', url: '/codec/decode', ...json([]) })).statusCode).toBe(404);
  });
});

describe('conventions', () => {
  test('a stopped occurrence says why beside its status', async () => {
    const spec = { ...REGISTRATION(), unitEnd: { way: 'transferred', reason: 'chuyển về thị xã Chũ từ ngày 01/01/2025' } } as OccurrenceSpec;
    const { client } = fakeClient(stateOf(spec, { status: 'closed', final: true, resolution: { action: 'close', by: 'dondoc', atMs: NOW } }));
    const res = await (await server(client)).inject({ url: `/o/${spec.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('kết thúc theo dõi (chuyển về thị xã Chũ từ ngày 01/01/2025)');
    expect(res.body).toContain('Kết thúc theo dõi —');
  });

  // Runs last: every page the tests above had the server render.
  test('every page rendered above follows writing.md: no "vượt cấp", quotes “…”, dates 30/9/2024', () => {
    expect(pages.length).toBeGreaterThan(20);
    expect(conventionReport(pages)).toEqual([]);
  });
});
