/**
 * Where messages go: a pooled SMTP connection (SMTP_URL), or complete .eml files in
 * `<data>/outbox/` when no SMTP server is configured. Both take the bytes of ./mime.ts, so an
 * .eml file is byte for byte what SMTP would have carried; the SMTP pool gets them as `raw`
 * with the envelope nodemailer computed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { fsyncDir } from './ledger';
import { buildMessage } from './mime';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../platform/data-dir';

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
