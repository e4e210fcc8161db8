/**
 * The mail ledger: what was sent, one JSON line per message in `<data>/mail-ledger.jsonl`,
 * appended and fsync'd after the SMTP server accepted the message (or the .eml file was
 * written), and read before sending. A retried notify activity finds its earlier messages
 * here and does not send them again; a permanent rejection is recorded too, so a retry
 * reports it again without knocking on the server's door.
 *
 * The key is the message's Message-ID, itself a hash of (plan, occurrence, step index,
 * address): once per (occurrence, step, recipient address). A morning digest's is a hash of
 * its mailbox and the notices it holds, and its line lists them, so a notice sent in a digest
 * is found by (occurrence, step, address) too; a calendar change's is a hash of (occurrence,
 * method, SEQUENCE, address). Lines of messages that carried a meeting's invite say so
 * (`invites`): a cancellation or an update goes to exactly those addresses.
 *
 * Writes are an asynchronous group commit, off the event loop (which also drives the
 * Temporal worker): the file stays open; an append queues its line and, if no commit is
 * under way, starts one (one write, one fsync); lines appended while a commit's fsync is in
 * progress go together in the next commit. `append` resolves only once its line is on disk
 * (fsync'd), and only then is the entry in the in-memory index; callers await it before
 * reporting the message as sent.
 *
 * Limits: one worker process per data directory (the index is kept in memory); a crash
 * between the server's "250 OK" and the fsync of its line resends that one message on retry,
 * with the same Message-ID, which mail clients treat as the same message. A crash in the
 * middle of a write can leave a torn last line: it is ignored when the file is read, and
 * the next line written starts on a fresh line.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../platform/data-dir';

interface EntryBase {
  /** Message-ID, `<…@dondoc>`. */
  key: string;
  outcome: 'sent' | 'rejected';
  address: string;
  transport: 'smtp' | 'outbox';
  /** When it happened (wall clock, ISO-8601). */
  at: string;
  /** SMTP reply or .eml path for `sent`; the rejection for `rejected`. */
  detail?: string;
  /** Occurrences whose meeting invite the message carried. */
  invites?: string[];
}

/** One notice: one step of one occurrence, written for `body`. */
export interface NoticeEntry extends EntryBase {
  occurrence: string;
  step: number;
  kind: string;
  body: string;
}

/** A morning digest: the notices of its mailbox's round. */
export interface DigestEntry extends EntryBase {
  digest: string;
  items: { occurrence: string; step: number; bodies: string[] }[];
}

/** A meeting cancelled or moved (METHOD:CANCEL or REQUEST, with its SEQUENCE). */
export interface CalendarEntry extends EntryBase {
  occurrence: string;
  calendar: 'CANCEL' | 'REQUEST';
  sequence: number;
}

export type LedgerEntry = NoticeEntry | DigestEntry | CalendarEntry;

const hashId = (...parts: (string | number)[]) => `<${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 40)}@dondoc>`;
const addressKey = (address: string) => address.trim().toLowerCase();

/**
 * `<hex@dondoc>`: the same for the same (plan, occurrence, step index, address), whatever the
 * retry; `what` other than a step index names another message of the occurrence (a calendar change).
 */
export function messageIdFor(plan: string, occurrence: string, what: number | string, address: string): string {
  return hashId(plan, occurrence, what, addressKey(address));
}

/** A digest's: the same for the same notices in the same mailbox, whatever the attempt or round. */
export function digestMessageId(plan: string, mailbox: string, items: readonly { occurrence: string; step: number }[]): string {
  return hashId(plan, mailbox, ...items.map((i) => `${i.occurrence}#${i.step}`).sort());
}

export const LEDGER_FILE = 'mail-ledger.jsonl';

interface Pending {
  line: string;
  entry: LedgerEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class MailLedger {
  private entries: Map<string, LedgerEntry> | undefined;
  /** Sent digests by (occurrence, step, address) of each notice in them. */
  private readonly inDigest = new Map<string, DigestEntry>();
  /** Addresses that received each occurrence's invite. */
  private readonly invited = new Map<string, Set<string>>();
  private readonly locks = new Map<string, Promise<void>>();
  /** The open file (append mode), and whether the next line must first end a torn one. */
  private handle: { fh: fs.promises.FileHandle; created: boolean; torn: boolean } | undefined;
  /** Lines waiting for the next commit. */
  private queue: Pending[] = [];
  /** The commit under way (its write and fsync), if any. */
  private committing: Promise<void> | undefined;
  /** How many commits (write + fsync) reached the disk: fewer than appends under load. */
  commits = 0;

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
        if (typeof entry.key === 'string' && (entry.outcome === 'sent' || entry.outcome === 'rejected')) this.remember(entries, entry);
      } catch {
        // A line torn by a crash mid-write: its message was not recorded, so it is sent again.
      }
    }
    this.entries = entries;
    return entries;
  }

  private remember(entries: Map<string, LedgerEntry>, entry: LedgerEntry): void {
    entries.set(entry.key, entry);
    if (entry.outcome !== 'sent') return;
    const address = addressKey(entry.address);
    if ('items' in entry) for (const i of entry.items) this.inDigest.set(`${i.occurrence}#${i.step}#${address}`, entry);
    for (const occurrence of entry.invites ?? []) {
      const set = this.invited.get(occurrence) ?? new Set<string>();
      set.add(entry.address.trim());
      this.invited.set(occurrence, set);
    }
  }

  get(key: string): LedgerEntry | undefined {
    return this.load().get(key);
  }

  /** The digest that carried this notice to this address, if one was sent. */
  digestWith(occurrence: string, step: number, address: string): DigestEntry | undefined {
    this.load();
    return this.inDigest.get(`${occurrence}#${step}#${addressKey(address)}`);
  }

  /** Every address that received the occurrence's meeting invite, in the order first sent. */
  invitees(occurrence: string): string[] {
    this.load();
    return [...(this.invited.get(occurrence) ?? [])];
  }

  get size(): number {
    return this.load().size;
  }

  /**
   * Appends one entry; resolves once its line is on disk (written and fsync'd, with the lines
   * of the same commit), and the entry is then in the index. Rejects if the write or the fsync
   * failed: the entry is then not recorded (the message counts as not sent).
   */
  append(entry: LedgerEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.load();
      this.queue.push({ line: `${JSON.stringify(entry)}\n`, entry, resolve, reject });
      this.committing ??= this.commitAll();
    });
  }

  /** Commits until the queue is empty: each round takes every line queued so far. */
  private async commitAll(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.commit(batch.map((p) => p.line).join(''));
        } catch (err) {
          // The file's end is unknown now (a partial write?): reopen, and check it, next time.
          await this.closeHandle().catch(() => {});
          batch.forEach((p) => p.reject(err));
          continue;
        }
        const entries = this.load();
        for (const p of batch) this.remember(entries, p.entry);
        batch.forEach((p) => p.resolve());
      }
    } finally {
      this.committing = undefined;
    }
  }

  private async commit(text: string): Promise<void> {
    const h = (this.handle ??= await this.open());
    let data = Buffer.from(h.torn ? `\n${text}` : text, 'utf8');
    while (data.length > 0) {
      const { bytesWritten } = await h.fh.write(data, 0, data.length);
      data = data.subarray(bytesWritten);
    }
    h.torn = false;
    await h.fh.sync();
    if (h.created) {
      await fsyncDir(path.dirname(this.file));
      h.created = false;
    }
    this.commits++;
  }

  /** Opens the file for appending (0600 if new); a last line torn by a crash is ended first. */
  private async open(): Promise<NonNullable<MailLedger['handle']>> {
    const dir = path.dirname(this.file);
    await fs.promises.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const created = !fs.existsSync(this.file);
    const fh = await fs.promises.open(this.file, 'a+', PRIVATE_FILE_MODE);
    try {
      const { size } = await fh.stat();
      let torn = false;
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        torn = last[0] !== 0x0a;
      }
      return { fh, created, torn };
    } catch (err) {
      await fh.close().catch(() => {});
      throw err;
    }
  }

  private async closeHandle(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    await h?.fh.close();
  }

  /** Waits for the commits under way, then closes the file (a later append opens it again). */
  async close(): Promise<void> {
    while (this.committing) await this.committing;
    await this.closeHandle();
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

/** Makes a new directory entry durable, off the event loop (best effort: not every platform can open a directory). */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await fs.promises.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Windows cannot fsync a directory; the file's own fsync is what matters most.
  }
}
