/**
 * The codec endpoint (Temporal's codec server protocol) for the Temporal UI and `temporal`:
 * `POST /codec/decode` and `POST /codec/encode` take `{"payloads": [...]}` (protobuf JSON: bytes
 * as base64) and answer the same shape, run through dondoc's payload codec (platform/codec.ts),
 * so an administrator reads encrypted payloads in the UI. Behind the same authentication as the
 * board; a browser may call it only from the origins listed (the Temporal UI's), with its
 * credentials, and a preflight is answered without them (browsers never send any there).
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';

export interface CodecEndpointOptions {
  codec: PayloadCodec;
  /** Origins allowed by CORS, e.g. `http://localhost:8233`. */
  origins: readonly string[];
  /** The authentication of the board (basic auth, throttled). */
  requireAuth: preHandlerHookHandler;
  log: (line: string) => void;
}

/** Largest request: a workflow history's payloads (the UI decodes them in batches). */
export const CODEC_BODY_LIMIT = 4 * 1024 * 1024;

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function fromJson(p: unknown): Payload | undefined {
  if (p === null || typeof p !== 'object') return undefined;
  const { metadata = {}, data = '' } = p as JsonPayload;
  if (typeof metadata !== 'object' || metadata === null || typeof data !== 'string' || !BASE64.test(data)) return undefined;
  const meta: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string' || !BASE64.test(v)) return undefined;
    meta[k] = Buffer.from(v, 'base64');
  }
  return { metadata: meta, data: Buffer.from(data, 'base64') };
}

function toJson(p: Payload): JsonPayload {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(v).toString('base64');
  return { metadata, data: Buffer.from(p.data ?? []).toString('base64') };
}

export async function registerCodecEndpoint(app: FastifyInstance, opts: CodecEndpointOptions): Promise<void> {
  const origins = new Set(opts.origins);
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: CODEC_BODY_LIMIT }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('not JSON'), { statusCode: 400 }), undefined);
      }
    });
    // CORS: only the listed origins, with credentials (the browser's basic auth for these pages).
    scope.addHook('onRequest', async (req, reply) => {
      const origin = req.headers.origin;
      if (origin && origins.has(origin)) {
        reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true');
      }
      reply.header('vary', 'Origin');
    });
    const preflight = async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.headers.origin || !origins.has(req.headers.origin)) return reply.code(403).send();
      return reply
        .code(204)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type, x-namespace, authorization')
        .header('access-control-max-age', '600')
        .send();
    };
    const run = (what: 'encode' | 'decode') => async (req: FastifyRequest, reply: FastifyReply) => {
      const list = (req.body as { payloads?: unknown } | undefined)?.payloads;
      const payloads = Array.isArray(list) ? list.map(fromJson) : undefined;
      if (!payloads || payloads.some((p) => p === undefined)) {
        return reply.code(400).type('application/json').send({ message: 'expected {"payloads": [{"metadata": {…base64}, "data": "base64"}]}' });
      }
      try {
        const out = await opts.codec[what](payloads as Payload[]);
        return reply.header('cache-control', 'no-store').type('application/json').send({ payloads: out.map(toJson) });
      } catch (err) {
        opts.log(`codec ${what} refused: ${(err as Error).message}`);
        return reply.code(422).type('application/json').send({ message: (err as Error).message });
      }
    };
    for (const what of ['encode', 'decode'] as const) {
      scope.options(`/codec/${what}`, preflight);
      scope.post(`/codec/${what}`, { preHandler: opts.requireAuth }, run(what));
    }
  });
}
