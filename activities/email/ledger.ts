/**
 * The mail ledger: what was sent, one JSON line per message in `<data>/mail-ledger.jsonl`,
 * appended and fsync'd after the SMTP server accepted the message (or the .eml file was
 * written), and read before sending. A retried notify activity finds its earlier messages
 * here and does not send them again; a permanent rejection is recorded too, so a retry
 * reports it again without knocking on the server's door.
 *
 * The key is the message's Message-ID, itself a hash of (plan, occurrence, step index,
 * address): once per (occurrence, step, recipient address).
 *
 * Limits: one worker process per data directory (the index is kept in memory); a crash
 * between the server's "250 OK" and the fsync resends that one message on retry, with the
 * same Message-ID, which mail clients treat as the same message.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LedgerEntry {
  /** Message-ID, `<…@dondoc>`. */
  key: string;
  outcome: 'sent' | 'rejected';
  occurrence: string;
  step: number;
  kind: string;
  body: string;
  address: string;
  transport: 'smtp' | 'outbox';
  /** When it happened (wall clock, ISO-8601). */
  at: string;
  /** SMTP reply or .eml path for `sent`; the rejection for `rejected`. */
  detail?: string;
}

/** `<hex@dondoc>`: the same for the same (plan, occurrence, step index, address), whatever the retry. */
export function messageIdFor(plan: string, occurrence: string, stepIndex: number, address: string): string {
  const hash = createHash('sha256').update(`${plan}\0${occurrence}\0${stepIndex}\0${address.trim().toLowerCase()}`).digest('hex');
  return `<${hash.slice(0, 40)}@dondoc>`;
}

export const LEDGER_FILE = 'mail-ledger.jsonl';

export class MailLedger {
  private entries: Map<string, LedgerEntry> | undefined;
  private readonly locks = new Map<string, Promise<void>>();

  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): MailLedger {
    return new MailLedger(path.join(dataDir, LEDGER_FILE));
  }

  private load(): Map<string, LedgerEntry> {
    if (this.entries) return this.entries;
    const entries = new Map<string, LedgerEntry>();
    let text = '';
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as LedgerEntry;
        if (typeof entry.key === 'string' && (entry.outcome === 'sent' || entry.outcome === 'rejected')) entries.set(entry.key, entry);
      } catch {
        // A line torn by a crash mid-write: its message was not recorded, so it is sent again.
      }
    }
    this.entries = entries;
    return entries;
  }

  get(key: string): LedgerEntry | undefined {
    return this.load().get(key);
  }

  get size(): number {
    return this.load().size;
  }

  /** Appends one entry and waits for it to reach the disk. */
  append(entry: LedgerEntry): void {
    const entries = this.load();
    const dir = path.dirname(this.file);
    fs.mkdirSync(dir, { recursive: true });
    const created = !fs.existsSync(this.file);
    const fd = fs.openSync(this.file, 'a', 0o600);
    try {
      // Start on a fresh line if a crash left the last one torn.
      const { size } = fs.fstatSync(fd);
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        const rfd = fs.openSync(this.file, 'r');
        try {
          fs.readSync(rfd, last, 0, 1, size - 1);
        } finally {
          fs.closeSync(rfd);
        }
        if (last[0] !== 0x0a) prefix = '\n';
      }
      fs.writeSync(fd, `${prefix}${JSON.stringify(entry)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (created) fsyncDir(dir);
    entries.set(entry.key, entry);
  }

  /** Runs `fn` alone for `key` in this process (an attempt and its overlapping retry). */
  async exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => mine);
    this.locks.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }
}

/** Makes a new directory entry durable (best effort: not every platform can open a directory). */
export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot fsync a directory; the file's own fsync is what matters most.
  }
}
