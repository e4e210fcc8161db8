/**
 * A real SMTP server on loopback for tests (the `smtp-server` package): collects what
 * arrives, parsed with `mailparser`, and misbehaves on demand.
 *
 *   const sink = await startSmtpSink();          // free port on 127.0.0.1
 *   SMTP_URL = sink.url                          // smtp://127.0.0.1:<port>
 *   sink.reject('a@x.vn', 550)                   // RCPT TO refused for that address
 *   sink.down('421') / sink.down('close')        // outage: 421 greeting, or dropped connections
 *   sink.up()                                    // back to normal
 *   await sink.waitFor(3)                        // at least 3 messages
 *   sink.reset()                                 // between tests: no messages, refusals or outage
 *   sink.messages / sink.to('a@x.vn')            // what arrived
 *   await sink.close()
 */
import type { AddressInfo, Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SinkMessage {
  /** Envelope (MAIL FROM / RCPT TO), lower-cased addresses. */
  from: string;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
  receivedAt: number;
}

export interface SmtpSinkOptions {
  /** Require AUTH PLAIN/LOGIN with these credentials (allowed without TLS: loopback only). */
  auth?: { user: string; pass: string };
}

export type DownMode = '421' | 'close';

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** `smtp://[user:pass@]127.0.0.1:<port>`. */
  readonly url: string;
  readonly messages: SinkMessage[];
  /** Messages whose envelope includes `address`. */
  to(address: string): SinkMessage[];
  /** Refuses RCPT TO for `address` with `code` (550 by default; 450 for a temporary refusal). */
  reject(address: string, code?: number, text?: string): void;
  /** Accepts `address` again. */
  accept(address: string): void;
  /** An outage: new connections get a 421 greeting or are closed at once; open ones are dropped. */
  down(mode?: DownMode): void;
  up(): void;
  /** Connections seen (attempts included). */
  readonly connections: number;
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  clear(): void;
  /** Back to a fresh state between tests: no messages, no refusals, up. */
  reset(): void;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const rejections = new Map<string, { code: number; text: string }>();
  const sockets = new Set<Socket>();
  let mode: DownMode | undefined;
  let connections = 0;
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    logger: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      connections++;
      if (mode === '421') return callback(new SmtpReply(421, '4.3.2 Service not available, try again later'));
      callback();
    },
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        return callback(null, { user: auth.username });
      }
      callback(new SmtpReply(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      const rule = rejections.get(address.address.toLowerCase());
      if (rule) return callback(new SmtpReply(rule.code, rule.text));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              raw,
              parsed,
              receivedAt: Date.now(),
            });
            for (const w of waiters) w();
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  // Track raw sockets: 'close' mode drops new ones before the greeting, down() drops open ones.
  server.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (mode === 'close') {
      connections++;
      socket.destroy();
    }
  });
  server.on('error', () => {
    // Dropped connections surface here; the tests look at what the client saw.
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const auth = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';

  return {
    host: '127.0.0.1',
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    messages,
    get connections() {
      return connections;
    },
    to: (address) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    reject(address, code = 550, text) {
      rejections.set(address.toLowerCase(), { code, text: text ?? (code >= 500 ? '5.1.1 Mailbox does not exist' : '4.2.1 Mailbox busy, try later') });
    },
    accept(address) {
      rejections.delete(address.toLowerCase());
    },
    down(m = '421') {
      mode = m;
      for (const s of sockets) s.destroy();
    },
    up() {
      mode = undefined;
    },
    async waitFor(count, timeoutMs = 10_000) {
      if (messages.length >= count) return messages;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (messages.length >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
      });
      return messages;
    },
    clear() {
      messages.length = 0;
    },
    reset() {
      messages.length = 0;
      rejections.clear();
      mode = undefined;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
