/**
 * Where messages go: a pooled SMTP connection (SMTP_URL), or complete .eml files in
 * `<data>/outbox/` when no SMTP server is configured. Both build the message with
 * nodemailer, so an .eml file is byte for byte what SMTP would have carried.
 *
 * The message is built by nodemailer (its composer makes the MIME tree, the headers and the
 * envelope), but written out here into one Buffer, synchronously (`serializeMime`), instead
 * of through nodemailer's streams: a stream pipeline, AbortController and several
 * setImmediate turns per MIME part, and a socket write per header block and boundary, were
 * most of a message's CPU. The bytes are the same as nodemailer's stream transport writes
 * (test/unit/email/transport.test.ts compares them); the SMTP pool gets them as `raw` with
 * the envelope nodemailer computed.
 *
 * Text parts (plain text, HTML, the calendar) and encoded header words are base64
 * (`MESSAGE_DEFAULTS`), not nodemailer's choice per part (quoted-printable for mostly-Latin
 * text): Vietnamese text is full of multi-byte characters, so quoted-printable cost three
 * bytes per byte of them and its JavaScript encoder was the largest single item of a
 * message's CPU; base64 is native, and the message is smaller.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type Mail from 'nodemailer/lib/mailer';
import type MimeNode from 'nodemailer/lib/mime-node';
import { fsyncDir } from './ledger';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../platform/data-dir';

/** Applied to every message by both transports. */
export const MESSAGE_DEFAULTS = { textEncoding: 'base64' } as const satisfies Mail.Options;

export interface BuiltMessage {
  /** The whole message, CRLF line ends: what SMTP carries and an .eml file holds. */
  raw: Buffer;
  /** MAIL FROM and RCPT TO, from the message's addresses. */
  envelope: { from: string | false; to: string[] };
  messageId: string;
}

/** What `serializeMime` reads of nodemailer's MIME node beyond its typed API. */
interface MimeNodeInternals {
  content?: unknown;
  multipart?: unknown;
  boundary?: unknown;
  childNodes: MimeNode[];
  _raw?: unknown;
  _transforms?: unknown[];
  _processFuncs?: unknown[];
  getTransferEncoding(): string | false;
  _encodeAddressName?: (name: string) => string;
}

/**
 * A display name with characters beyond ASCII as ONE encoded word (RFC 2047, base64), not
 * as nodemailer writes it: cut into words of at most 30 bytes wherever the count falls.
 * RFC 2047 readers join the pieces, but many readers (Python's email package among them)
 * keep the folding space between them, and Huyện đoàn's To: read
 * `"Huyện đoàn Lục Ngạn ( Đoàn TNCS Hồ Chí Minh)"` — or a name broken inside a word. One
 * word decodes the same everywhere. It can exceed RFC 2047's 75 characters for a name over
 * 47 bytes (every reader tested accepts it; header lines stay far below 998). ASCII names
 * are left to nodemailer (bare or quoted as it decides).
 */
export function displayNameWord(name: string): string {
  return `=?UTF-8?B?${Buffer.from(name.replace(/[\r\n]+/g, ' '), 'utf8').toString('base64')}?=`;
}

/** nodemailer 'stream' plugin: address names in address headers as one encoded word each. */
export function wholeDisplayNames(mail: { message: MimeNode }, done: (err?: Error | null) => void): void {
  const node = mail.message as unknown as MimeNodeInternals;
  const encode = node._encodeAddressName;
  if (typeof encode !== 'function') return done(new Error('nodemailer changed: MimeNode._encodeAddressName is gone (see wholeDisplayNames)'));
  node._encodeAddressName = (name: string) => (/[^\x00-\x7f]/.test(name) ? displayNameWord(name) : encode.call(node, name));
  done();
}

const CRLF = '\r\n';

/** Base64 in lines of 76 characters, CRLF between them (nodemailer's `wrap(encode(x), 76)`). */
function base64Lines(content: string | Buffer): string {
  const b64 = (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
  if (b64.length <= 76) return b64;
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

/**
 * Writes a MIME tree as nodemailer's `createReadStream` does (headers, content, boundaries,
 * a final line break, CRLF line ends), or returns undefined when the tree holds something
 * only the streams handle (streamed, file or URL content; raw nodes; transforms; content
 * other than 7bit/8bit or base64): the caller then streams it as before.
 */
export function serializeMime(root: MimeNode): Buffer | undefined {
  const out: (string | Buffer)[] = [];
  const walk = (node: MimeNode): boolean => {
    const n = node as unknown as MimeNodeInternals;
    if (n._raw || n._transforms?.length || n._processFuncs?.length) return false;
    const content = n.content;
    if (content && typeof content !== 'string' && !Buffer.isBuffer(content)) return false;
    const encoding = content ? n.getTransferEncoding() : false;
    if (content && encoding === 'quoted-printable') return false;
    out.push(node.buildHeaders() + CRLF + CRLF);
    if (content) out.push(encoding === 'base64' ? base64Lines(content as string | Buffer) : (content as string | Buffer));
    if (n.multipart) {
      n.childNodes.forEach((child, i) => {
        out.push(`${i ? CRLF : ''}--${String(n.boundary)}${CRLF}`);
        if (!walk(child)) throw NOT_SERIALIZABLE;
      });
      out.push(`${CRLF}--${String(n.boundary)}--${CRLF}`);
    }
    return true;
  };
  try {
    if (!walk(root)) return undefined;
  } catch (err) {
    if (err === NOT_SERIALIZABLE) return undefined;
    throw err;
  }
  const raw = Buffer.concat(out.map((x) => (typeof x === 'string' ? Buffer.from(x, 'utf8') : x)));
  // As nodemailer: end with a line break, and only CRLF line breaks (its `newline: 'windows'`).
  const last = raw.length ? raw[raw.length - 1] : -1;
  const ended = last === 0x0a ? raw : Buffer.concat([raw, Buffer.from(last === 0x0d ? '\n' : CRLF)]);
  return crlf(ended);
}

const NOT_SERIALIZABLE = new Error('not serializable');

/** Every LF not preceded by CR becomes CRLF (nodemailer's LeWindows). */
function crlf(buf: Buffer): Buffer {
  let at = buf.indexOf(0x0a);
  while (at >= 0 && (at > 0 && buf[at - 1] === 0x0d)) at = buf.indexOf(0x0a, at + 1);
  if (at < 0) return buf;
  const parts: Buffer[] = [];
  let from = 0;
  for (; at >= 0; at = buf.indexOf(0x0a, at + 1)) {
    if (at > 0 && buf[at - 1] === 0x0d) continue;
    parts.push(buf.subarray(from, at), CRLF_BYTES);
    from = at + 1;
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts);
}

const CRLF_BYTES = Buffer.from(CRLF);

/**
 * A nodemailer transport that only builds: nodemailer composes the message (plugins,
 * headers, envelope, MIME tree), `serializeMime` writes it out; anything it cannot write is
 * streamed by nodemailer (the stream transport's way).
 */
function builderTransport(): nodemailer.Transporter<BuiltMessage> {
  const transport: nodemailer.Transport<BuiltMessage> = {
    name: 'dondoc-build',
    version: '1',
    send(mail, callback) {
      const root = mail.message;
      let raw: Buffer | undefined;
      try {
        raw = serializeMime(root);
      } catch (err) {
        return callback(err as Error, undefined as unknown as BuiltMessage);
      }
      const envelope = root.getEnvelope() as BuiltMessage['envelope'];
      const messageId = root.messageId();
      if (raw) return callback(null, { raw, envelope, messageId });
      root.build().then(
        (buf) => callback(null, { raw: crlf(buf), envelope, messageId }),
        (err: Error) => callback(err, undefined as unknown as BuiltMessage),
      );
    },
  };
  const transporter = nodemailer.createTransport(transport, MESSAGE_DEFAULTS);
  transporter.use('stream', wholeDisplayNames as Parameters<typeof transporter.use>[1]);
  return transporter;
}

const builder = builderTransport();

/** The complete message (as SMTP carries it and an .eml file holds it) and its envelope. */
export async function buildMessage(message: Mail.Options): Promise<BuiltMessage> {
  return (await builder.sendMail(message)) as unknown as BuiltMessage;
}

/**
 * An address header value (MAIL_FROM, MAIL_REPLY_TO) parsed once, as nodemailer would parse it
 * for every message (several times: header, envelope): the same header, without the parsing.
 * Anything but plain addresses (a group, nothing) stays the string nodemailer parses itself.
 */
export function preparsedAddresses(value: string): () => string | Mail.Address | Mail.Address[] {
  const parsed = addressparser(value);
  if (parsed.length === 0 || parsed.some((a) => !('address' in a) || !a.address)) return () => value;
  const list = parsed as Mail.Address[];
  // Fresh objects per message: nodemailer is handed its own copy, whatever it does with it.
  return list.length === 1 ? () => ({ ...list[0]! }) : () => list.map((a) => ({ ...a }));
}

export interface SendResult {
  /** The server's reply, or the path of the .eml file. */
  detail: string;
}

export interface MailTransport {
  readonly mode: 'smtp' | 'outbox';
  /** For the log: `smtp://mail.example.org:465 (TLS)`, `.eml files in data/outbox`. */
  readonly description: string;
  /** `fileStem` names the .eml file in outbox mode (deterministic, so a rewrite replaces it). */
  send(message: Mail.Options, fileStem: string): Promise<SendResult>;
  /** Checks the connection and login (SMTP); resolves at once for the outbox. */
  verify(): Promise<void>;
  close(): Promise<void>;
}

export interface SmtpTimeouts {
  /** Waiting for the TCP (and TLS) connection. */
  connectionTimeoutMs?: number;
  /** Waiting for the server's greeting. */
  greetingTimeoutMs?: number;
  /** Inactivity on an open connection. */
  socketTimeoutMs?: number;
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/**
 * SMTP from a URL (`smtp://user:pass@host:587` — STARTTLS when offered — or
 * `smtps://…:465`), pooled. Timeouts are short so that an unreachable server fails one
 * attempt quickly (the activity retries with backoff) instead of eating its whole timeout.
 */
export function smtpTransport(url: string, timeouts: SmtpTimeouts = {}): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 3,
    connectionTimeout: timeouts.connectionTimeoutMs ?? 15_000,
    greetingTimeout: timeouts.greetingTimeoutMs ?? 15_000,
    socketTimeout: timeouts.socketTimeoutMs ?? 60_000,
  });
  const secure = new URL(url).protocol === 'smtps:';
  return {
    mode: 'smtp',
    description: `SMTP ${redactUrl(url)}${secure ? ' (TLS)' : ''}, pooled`,
    async send(message) {
      const { raw, envelope } = await buildMessage(message);
      const info = await transporter.sendMail({ envelope, raw });
      return { detail: String(info.response ?? '') };
    },
    async verify() {
      await transporter.verify();
    },
    async close() {
      transporter.close();
    },
  };
}

/**
 * Complete messages as `.eml` files in `dir`, written atomically (temporary file, fsync,
 * rename): a file is either whole or absent.
 */
export function outboxTransport(dir: string): MailTransport {
  return {
    mode: 'outbox',
    description: `no SMTP_URL: complete .eml files in ${dir}`,
    async send(message, fileStem) {
      const { raw } = await buildMessage(message);
      // Off the event loop, like the ledger: no synchronous fsync in the worker.
      // Private (0700/0600): every message carries live action links.
      await fs.promises.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
      const file = path.join(dir, `${fileStem}.eml`);
      const tmp = `${file}.${process.pid}.tmp`;
      const fh = await fs.promises.open(tmp, 'w', PRIVATE_FILE_MODE);
      try {
        await fh.writeFile(raw);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, file);
      await fsyncDir(dir);
      return { detail: file };
    },
    async verify() {},
    async close() {},
  };
}

// ─── Failures ────────────────────────────────────────────────────────────────

export type SendFailure =
  /** This recipient, for good (5xx to RCPT TO or DATA, an invalid address). */
  | { scope: 'recipient'; permanent: true; reason: string }
  /** This recipient, for now (4xx to RCPT TO or DATA): the others can still be tried. */
  | { scope: 'recipient'; permanent: false; reason: string }
  /**
   * The connection or the account (refused, timed out, 421, TLS, login, sender refused):
   * nothing will go through now and nothing is the recipient's fault, so it is retried.
   */
  | { scope: 'connection'; reason: string };

interface SmtpError {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
  message?: string;
}

function firstLine(s: string): string {
  return s.split(/\r?\n/)[0]!.trim();
}

export function classifySendError(err: unknown): SendFailure {
  const e = (err ?? {}) as SmtpError;
  const reason = firstLine(e.response ?? e.message ?? String(err));
  const command = (e.command ?? '').toUpperCase();
  if (e.code === 'EENVELOPE' && command === 'API' && /recipient/i.test(e.message ?? '')) {
    return { scope: 'recipient', permanent: true, reason: `địa chỉ không hợp lệ (${firstLine(e.message ?? '')})` };
  }
  if (typeof e.responseCode === 'number' && (command === 'RCPT TO' || command === 'DATA')) {
    const permanent = e.permanent ?? (e.responseCode >= 500 && e.responseCode !== 503);
    return permanent ? { scope: 'recipient', permanent: true, reason } : { scope: 'recipient', permanent: false, reason };
  }
  const cause = e.code ? `${e.code}: ` : '';
  return { scope: 'connection', reason: `${cause}${reason}` };
}
