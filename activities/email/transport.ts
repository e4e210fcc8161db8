/**
 * Where messages go: a pooled SMTP connection (SMTP_URL), or complete .eml files in
 * `<data>/outbox/` when no SMTP server is configured. Both build the message with
 * nodemailer, so an .eml file is byte for byte what SMTP would have carried.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { fsyncDir } from './ledger';

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
      const info = await transporter.sendMail(message);
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
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    mode: 'outbox',
    description: `no SMTP_URL: complete .eml files in ${dir}`,
    async send(message, fileStem) {
      const info = await transporter.sendMail(message);
      const raw = info.message as Buffer;
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${fileStem}.eml`);
      const tmp = `${file}.${process.pid}.tmp`;
      const fd = fs.openSync(tmp, 'w', 0o644);
      try {
        fs.writeSync(fd, raw);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, file);
      fsyncDir(dir);
      return { detail: file };
    },
    async verify() {},
    async close() {
      transporter.close();
    },
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
