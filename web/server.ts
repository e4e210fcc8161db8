/**
 * dondoc's web pages on Fastify: the action pages behind signed links (GET shows, POST runs
 * the Update, or undoes the result it sent within its window), the status board and the
 * occurrence detail pages (read-only, basic auth), and the codec endpoint for the Temporal UI
 * (web/codec-endpoint.ts). Server-rendered HTML, no script; every change is a POST authorised
 * by its link. Nothing that lists occurrences (a visibility query) runs for a request that is
 * not authenticated, and failed logins are throttled per client address.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import formbody from '@fastify/formbody';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { PlanSource } from '../config/plan-source';
import { localDateOfInstant } from '../domain/calendar/local-date';
import { periodContaining, periodOfKey } from '../domain/periods';
import { loadBoard } from '../client/board';
import { act, ActionRefused, occurrenceState, type Action } from '../client/occurrence-actions';
import { withdrawalRefusal } from '../domain/resolution';
import { verifyLink, type LinkClaims, type LinkSecret } from '../platform/links';
import type { OccurrenceState } from '../workflows/messages';
import { authorised, CHALLENGE, LoginThrottle, type BasicAuth } from './auth';
import { registerCodecEndpoint } from './codec-endpoint';
import { actionOfForm, readForm, wantsUndo, type FormValues } from './forms';
import { html } from './html';
import { actionPage } from './pages/action';
import { boardPage } from './pages/board';
import { messagePage } from './pages/message';
import { occurrencePage } from './pages/occurrence';
import { FIELD_LABELS, quoteVi, refusalMessage } from '../vocabulary';

export interface WebOptions {
  client: Client;
  plan: PlanSource;
  /** The link secret, or several during a rotation (the first signs, any verifies). */
  linkSecrets: LinkSecret | readonly LinkSecret[];
  auth?: BasicAuth;
  /** Failed logins per client address (default: 10 within 15 minutes, then that address waits). */
  throttle?: LoginThrottle;
  /** Reverse proxies whose X-Forwarded-For names the client (addresses or CIDRs); none by default. */
  trustProxy?: readonly string[];
  /** Minutes during which a result sent from a link can be undone from it (0: never). */
  undoMinutes?: number;
  /** The payload codec and the origins (the Temporal UI's) allowed to call `/codec/…`; only with `auth`. */
  codec?: { codec: PayloadCodec; origins: readonly string[] };
  /** The clock of link validity and of "today" (the service clock, when there is one). */
  now?: () => number;
  /** One line per notable event (refused link, failure); default stderr. */
  log?: (line: string) => void;
}

/** Largest form accepted: the longest fields, percent-encoded, with room to spare. */
export const BODY_LIMIT = 64 * 1024;
const CSS = fs.readFileSync(path.join(__dirname, 'static', 'style.css'));

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Action URLs carry their token: never send them on as a Referer.
  'referrer-policy': 'no-referrer',
};

const REFUSALS = {
  expired: {
    title: 'Đường dẫn đã hết hạn',
    text: 'Đường dẫn này đã hết hiệu lực. Đề nghị đồng chí dùng đường dẫn trong thư gần nhất của Ban Dân vận Huyện ủy, hoặc trả lời thư để báo cáo.',
  },
  'bad-signature': {
    title: 'Đường dẫn không hợp lệ',
    text: 'Đường dẫn này không đúng hoặc đã bị sửa đổi, nên không được chấp nhận. Đề nghị đồng chí mở lại đường dẫn trong thư của Ban Dân vận Huyện ủy (sao chép đầy đủ, không sửa). Nếu vẫn không mở được, đề nghị trả lời thư để Ban gửi lại.',
  },
  malformed: {
    title: 'Đường dẫn không hợp lệ',
    text: 'Đường dẫn này không đúng định dạng, có thể đã bị cắt mất một phần khi sao chép. Đề nghị đồng chí mở lại đường dẫn trong thư của Ban Dân vận Huyện ủy (sao chép đầy đủ, không sửa). Nếu vẫn không mở được, đề nghị trả lời thư để Ban gửi lại.',
  },
} as const;

const UNAVAILABLE =
  'Hệ thống theo dõi tạm thời không kết nối được, nên chưa ghi nhận được. Đồng chí vui lòng thử lại sau ít phút; nội dung đã nhập vẫn còn trên trang này.';

class Unavailable extends Error {}

export async function createWebServer(opts: WebOptions): Promise<FastifyInstance> {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((line: string) => console.error(`dondoc web: ${line}`));
  const throttle = opts.throttle ?? new LoginThrottle();
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 4096 },
    trustProxy: opts.trustProxy?.length ? [...opts.trustProxy] : false,
  });
  // Forms only: a JSON or text body is answered 415 before any handler runs.
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  // The codec endpoint exists only behind authentication: it decrypts whatever it is given.
  if (opts.codec && opts.auth) await registerCodecEndpoint(app, { ...opts.codec, requireAuth: (req, reply) => requireAuth(req, reply), log });

  const send = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    return payload;
  });

  /** Basic auth when configured; an address with too many failed logins waits, whatever it sends. */
  const requireAuth = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!opts.auth) return;
    const waitMs = throttle.waitMs(req.ip, now());
    if (waitMs > 0) {
      log(`login refused: too many failed logins from ${req.ip}`);
      reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
      return send(reply, 429, messagePage('Tạm ngừng đăng nhập', [`Đăng nhập sai quá nhiều lần từ địa chỉ này. Đồng chí vui lòng thử lại sau ${Math.ceil(waitMs / 60_000)} phút.`]));
    }
    if (authorised(req.headers.authorization, opts.auth)) {
      throttle.succeeded(req.ip);
      return;
    }
    if (req.headers.authorization !== undefined) throttle.failed(req.ip, now());
    reply.header('www-authenticate', CHALLENGE);
    return send(reply, 401, messagePage('Cần đăng nhập', ['Trang này chỉ dành cho người được Ban Dân vận cấp tài khoản.']));
  };

  /** Temporal calls: a refusal is an answer; anything else means the server is unreachable. */
  const temporal = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      if (err instanceof ActionRefused) throw err;
      log(`${what}: ${(err as Error).message}`);
      throw new Unavailable((err as Error).message);
    }
  };

  const checkLink = (req: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply): LinkClaims | undefined => {
    const result = verifyLink(req.params.token, opts.linkSecrets as LinkSecret[], now());
    if (result.ok) return result.claims;
    log(`link refused (${result.reason}: ${result.message}) ${req.method} from ${req.ip}`);
    const r = REFUSALS[result.reason];
    send(reply, 403, messagePage(r.title, [r.text]));
    return undefined;
  };

  /** The state, or a page saying why there is none (unknown id, Temporal down) — then undefined. */
  const stateFor = async (id: string, reply: FastifyReply, values?: FormValues): Promise<OccurrenceState | undefined> => {
    try {
      return await temporal(`state of ${id}`, () => occurrenceState(opts.client, id));
    } catch (err) {
      if (err instanceof ActionRefused) {
        send(reply, 404, messagePage('Không tìm thấy nhiệm vụ', ['Không tìm thấy nhiệm vụ mà liên kết này trỏ tới; có thể kế hoạch đã thay đổi. Đồng chí hãy liên hệ Ban Dân vận.']));
      } else {
        send(reply, 503, messagePage('Tạm thời chưa kết nối được', [UNAVAILABLE, ...keptInput(values)]));
      }
      return undefined;
    }
  };

  app.get('/static/style.css', async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(CSS),
  );
  app.get('/healthz', async (_req, reply) => reply.type('text/plain').send('ok'));
  app.get('/', async (_req, reply) => reply.redirect('/board'));

  /** Until when this link can undo the result of its occurrence, when it can (it sent it, and the window is open). */
  const undoUntil = (claims: LinkClaims, state: OccurrenceState, bodyName: string): number | undefined =>
    withdrawalRefusal('undo', state, { by: bodyName, body: claims.body, action: claims.action }, now()) ? undefined : state.resolution?.undoUntilMs;

  app.get<{ Params: { token: string }; Querystring: { ok?: string; undone?: string } }>('/a/:token', async (req, reply) => {
    const claims = checkLink(req, reply);
    if (!claims) return reply;
    const state = await stateFor(claims.occurrence, reply);
    if (!state) return reply;
    const index = opts.plan.current();
    const undoUntilMs = undoUntil(claims, state, index.bodyName(claims.body));
    return send(
      reply,
      200,
      actionPage({ action: claims.action, body: claims.body, state, index, accepted: req.query.ok === '1' && state.final, undone: req.query.undone === '1' && !state.final, undoUntilMs }),
    );
  });

  app.post<{ Params: { token: string } }>('/a/:token', async (req, reply) => {
    const claims = checkLink(req, reply);
    if (!claims) return reply;
    const values = readForm(req.body);
    const state = await stateFor(claims.occurrence, reply, values);
    if (!state) return reply;
    const index = opts.plan.current();
    const page = (status: number, extra: Partial<Parameters<typeof actionPage>[0]>) =>
      send(reply, status, actionPage({ action: claims.action, body: claims.body, state, index, values, ...extra }));
    const bodyName = index.bodyName(claims.body);
    let action: Action;
    if (wantsUndo(req.body)) {
      const refusal = withdrawalRefusal('undo', state, { by: bodyName, body: claims.body, action: claims.action }, now());
      if (refusal) return page(409, { problem: refusalMessage('undo', refusal), undoUntilMs: undefined });
      action = { action: 'undo', input: { by: bodyName, body: claims.body, action: claims.action } };
    } else {
      if (state.final) return page(409, { problem: 'Nhiệm vụ này đã được xử lý trước đó; nội dung vừa gửi không được ghi thêm.' });
      const form = actionOfForm(claims.action, state.spec, values, bodyName, { body: claims.body, ...(opts.undoMinutes ? { undoMinutes: opts.undoMinutes } : {}) });
      if (!form.ok) return page(422, { errors: form.errors, problem: 'Chưa gửi được: đồng chí kiểm tra lại các mục đánh dấu bên dưới.' });
      action = form.action;
    }
    try {
      await temporal(`${action.action} ${claims.occurrence}`, () => act(opts.client, claims.occurrence, action));
    } catch (err) {
      if (err instanceof ActionRefused) {
        if (err.reason === 'finished' || err.reason === 'unknown') {
          const latest = await stateFor(claims.occurrence, reply, values);
          if (!latest) return reply;
          return send(reply, 409, actionPage({ action: claims.action, body: claims.body, state: latest, index, problem: err.message }));
        }
        return page(422, { problem: `Chưa ghi nhận được: ${err.message}` });
      }
      return page(503, { problem: UNAVAILABLE });
    }
    log(`${action.action} ${claims.occurrence} by ${claims.body}`);
    // Post/redirect/get: reloading the result page does not post again.
    return reply.code(303).header('location', `/a/${req.params.token}?${action.action === 'undo' ? 'undone' : 'ok'}=1`).send();
  });

  app.get<{ Querystring: { period?: string } }>('/board', { preHandler: requireAuth }, async (req, reply) => {
    const index = opts.plan.current();
    const key = req.query.period;
    const period = key ? periodOfKey(key) : periodContaining('quarterly', localDateOfInstant(now()));
    if (!period || period.recurrence === 'monthly') {
      return send(reply, 400, messagePage('Kỳ không hợp lệ', [`Kỳ ${quoteVi(key ?? '')} không đúng dạng: dùng năm (2024) hoặc quý (2024-Q3).`], { nav: true }));
    }
    try {
      const board = await temporal('board', () => loadBoard(opts.client, index, period));
      return send(reply, 200, boardPage(board, index));
    } catch {
      return send(reply, 503, messagePage('Tạm thời chưa kết nối được', ['Tạm thời không đọc được dữ liệu theo dõi. Vui lòng thử lại sau ít phút.'], { nav: true }));
    }
  });

  app.get<{ Params: { '*': string } }>('/o/*', { preHandler: requireAuth }, async (req, reply) => {
    const id = req.params['*'];
    if (!/^(?:occ|drill)\/[A-Za-z0-9/_.:-]{1,300}$/.test(id)) {
      return send(reply, 404, messagePage('Không tìm thấy nhiệm vụ', [`Không có nhiệm vụ nào mang ${FIELD_LABELS.trackingId.toLowerCase()} ${quoteVi(id)}.`], { nav: true }));
    }
    const state = await stateFor(id, reply);
    if (!state) return reply;
    return send(reply, 200, occurrencePage(id, state, opts.plan.current()));
  });

  app.setNotFoundHandler((_req, reply) => send(reply, 404, messagePage('Không có trang này', ['Địa chỉ này không có trên hệ thống đôn đốc.'])));
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 413) return send(reply, 413, messagePage('Nội dung quá dài', ['Nội dung gửi lên quá dài; đồng chí rút gọn ghi chú rồi gửi lại.']));
    if (status === 415) return send(reply, 415, messagePage('Yêu cầu không hợp lệ', ['Chỉ nhận nội dung gửi từ biểu mẫu trên trang.']));
    if (status >= 500) log(`${req.method} ${req.url.replace(/\/a\/[^/?]+/, '/a/…')}: ${err.stack ?? err.message}`);
    return send(reply, status, messagePage(status >= 500 ? 'Có lỗi xảy ra' : 'Yêu cầu không hợp lệ', [status >= 500 ? 'Hệ thống gặp lỗi khi xử lý yêu cầu; Ban Dân vận đã được ghi nhận lỗi trong nhật ký.' : 'Yêu cầu gửi lên không đúng dạng một biểu mẫu.']));
  });
  return app;
}

/** The input of a form that could not be recorded, shown back so nothing is lost. */
function keptInput(values: FormValues | undefined) {
  const kept = Object.entries(values ?? {}).filter(([, v]) => v && v.trim());
  if (!kept.length) return [];
  return [html`<p>Nội dung đồng chí đã nhập (chưa được ghi nhận):</p><ul class="pre">${kept.map(([, v]) => html`<li>${v}</li>`)}</ul>`];
}

export interface RunningWeb {
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(opts: WebOptions & { host: string; port: number }): Promise<RunningWeb> {
  const app = await createWebServer(opts);
  await app.listen({ host: opts.host, port: opts.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;
  return { url: `http://${host}:${port}`, close: () => app.close() };
}
