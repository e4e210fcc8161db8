/**
 * The email notifier: one timeline step → one email per recipient address, over SMTP or
 * into the outbox, at most once per (occurrence, step, address); or, where the directory
 * asks for it, into that address's morning digest (a mailbox workflow, `digests`), which
 * sends it back through `deliverDigest` with the other notices of the morning.
 *
 * - Contacts are looked up in the plan's directory now, at sending time: a changed address
 *   takes effect at once (and a new address gets its own message on a retry).
 * - SMTP never gets a placeholder address (`placeholder: true`, example.vn): such a
 *   recipient is reported failed with the reason. The outbox writes them (that is its point).
 * - Permanent refusals (5xx, invalid address) fail that recipient only; the others still get
 *   theirs and the call returns, so the workflow records the failure.
 * - Temporary failures (4xx, connection refused, timeout, 421, login) throw an ordinary,
 *   retryable error AFTER everyone reachable has been served; the retry sends only the rest.
 * - One email per address, written for the first body (in `step.to` order) at that address.
 *   A body is `delivered` when at least one of its addresses was reached; each address that
 *   failed for good is in `failed` (with the address in the reason), so a body with several
 *   contacts can be in both.
 *
 * The steps of a delivery, each a function below: who is at which address (`addressees`),
 * whether it went already (the ledger), the message (`noticeMessage`, `digestMessage`,
 * `calendarMessage`), and one guarded send (`sendOnce`: ledger lock, transport, the failure's
 * meaning, the ledger line).
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type Mail from 'nodemailer/lib/mailer';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import type { Body, Contact } from '../../domain/model';
import type { PlanIndex } from '../../domain/occurrences';
import type { Notifier } from '../notify';
import type { PlanSource } from '../../config/plan-source';
import type { CalendarInput, CalendarResult, DigestItem, DigestItemOutcome, NotifyInput, NotifyResult, SendDigestInput, SendDigestResult, SentBeforeInput, SentBeforeResult } from '../types';
import { composeCalendarChange, composeDigest, composeEmail, roleOf, type LinkSettings } from './compose';
import { buildInvite, type Person } from './invite';
import { digestMessageId, messageIdFor, type LedgerEntry, type MailLedger } from './ledger';
import { preparsedAddresses } from './mime';
import { classifySendError } from './send-errors';
import type { MailTransport } from './transport';

/**
 * The ladder's send window a queued notice went in (logical time): its end, and whether the
 * address is notified by several units' occurrences, whose notices go at different seconds of it.
 */
export interface DigestSendWindow {
  endMs: number;
  wide: boolean;
}

/** Adds a notice to the mailbox of its address and morning (signal-with-start of the mailbox workflow). */
export interface DigestQueue {
  enqueue(req: { mailbox: string; morning: string; item: DigestItem; summary: string; sendWindow?: DigestSendWindow }): Promise<void>;
}

export interface EmailNotifierDeps {
  plan: PlanSource;
  transport: MailTransport;
  ledger: MailLedger;
  links: LinkSettings;
  /** MAIL_FROM: `dondoc <dondoc@example.org>`. */
  from: string;
  /** MAIL_REPLY_TO: replaces the monitoring body's contacts as Reply-To. */
  replyTo?: string;
  /** One line per message (default: console.log). */
  log?: (line: string) => void;
  /** The service's clock for Date headers and the ledger (platform/clock.ts; default Date.now). */
  now?: () => number;
  /** Documents for the owners' notices (the worker attaches the draft annual report). */
  attachments?: AttachmentProvider;
  /** Morning digests (the worker wires the mailbox workflow); without it every notice goes at once. */
  digests?: DigestQueue;
}

/** A document attached to an owner's notice (e.g. the draft annual report). */
export interface NoticeAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * Documents for the owners' notices of an occurrence, made when sending (never carried in
 * workflow payloads), with one sentence for the letter: what is attached, or why nothing
 * could be. A provider never throws: a document that cannot be made must not stop a notice.
 */
export type AttachmentProvider = (input: NotifyInput) => Promise<{ attachments: NoticeAttachment[]; note: string } | undefined>;

/** Thrown when some recipients could not be reached for now: Temporal retries the activity. */
export class MailDeferredError extends Error {
  override readonly name = 'MailDeferredError';
  constructor(
    readonly pending: { body: string; address: string; reason: string }[],
    readonly sent: number,
  ) {
    super(
      `${pending.length} thư chưa gửi được, sẽ thử lại (${sent} thư đã gửi): ` +
        pending.map((p) => `${p.address} (${p.body}): ${p.reason}`).join('; '),
    );
  }
}

export const PLACEHOLDER_REASON = 'là địa chỉ giữ chỗ (placeholder) trong danh bạ: không gửi qua SMTP; cần điền địa chỉ thật trong config/directory.yaml';

interface Addressee {
  address: string;
  contact: Contact;
  /** Bodies reached at this address; the first is the one the email is written for. */
  bodies: Body[];
}

function addressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1]! : from).trim();
}

function nameOf(from: string): string {
  const m = /^\s*"?([^"<]*?)"?\s*</.exec(from);
  return m?.[1]?.trim() || addressOf(from);
}

/** A file name that says what the message is: `20240923-0730_quarterly-briefing.huyen.2024-Q3_s0_thuong-truc.huyen@example.vn`. */
export function outboxFileStem(occurrence: string, stepIndex: number | string, stepAt: string, address: string): string {
  const when = stepAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const occ = occurrence.replace(/^occ\//, '').replace(/\//g, '.');
  const safe = (s: string) => s.replace(/[^A-Za-z0-9@._+-]/g, '_');
  return safe(`${when}_${occ}_s${stepIndex}_${address.toLowerCase()}`).slice(0, 200);
}

/** The key of an address in a mailbox's id: a hash, so that no address is carried in workflow ids or payloads. */
export function addressKey(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 16);
}

/** `digest/<plan>/2024-09-30/3f2a…`: the mailbox of an address on a morning (one per plan). */
export function mailboxId(plan: string, morning: string, address: string): string {
  return `digest/${plan}/${morning}/${addressKey(address)}`;
}

/** Whether a body's notices wait for its address's morning digest: its own setting, else the plan's (default on). */
export function digestOn(index: PlanIndex, body: Body): boolean {
  return body.digest ?? index.config.plan.digest ?? true;
}

/** What one guarded send reports. */
type SendOutcome = { outcome: 'sent' } | { outcome: 'already' } | { outcome: 'rejected'; reason: string } | { outcome: 'deferred'; reason: string; connection: boolean };

/** A ledger line's own fields (what `sendOnce` adds: key, outcome, address, transport, time, detail, invites). */
type EntryFields<E = LedgerEntry> = E extends LedgerEntry ? Omit<E, 'key' | 'outcome' | 'address' | 'transport' | 'at' | 'detail' | 'invites'> : never;

/** One message to send once: its ledger key and line, and how to build it when it must go. */
interface Outgoing {
  messageId: string;
  address: string;
  /** The ledger line, without the fields `sendOnce` fills in. */
  entry: EntryFields;
  fileStem: string;
  /** For the log: `reminder occ/… #0`. */
  label: string;
  /** Occurrences whose invite the built message carries (known once built). */
  readonly invites?: string[];
  build(): Promise<Mail.Options>;
}

/** The notifier; its `close` waits for the ledger's pending writes and closes its file (not the transport). */
export function emailNotifier(deps: EmailNotifierDeps): Required<Notifier> {
  const log = deps.log ?? ((line: string) => console.log(line));
  const now = deps.now ?? Date.now;
  const smtp = deps.transport.mode === 'smtp';
  const usable = (c: Contact) => !smtp || !c.placeholder;
  const fromHeader = preparsedAddresses(deps.from);
  const replyToHeader = deps.replyTo ? preparsedAddresses(deps.replyTo) : undefined;

  function people(index: PlanIndex, ids: readonly string[], role: 'owner' | 'participant') {
    const out: (Person & { role: 'owner' | 'participant' })[] = [];
    for (const id of ids) {
      const body = index.bodies.get(id);
      for (const c of body?.contacts ?? []) if (usable(c)) out.push({ name: c.placeholder ? body!.name : `${c.name} (${body!.name})`, email: c.email, role });
    }
    return out;
  }

  /** Reply-To and the invite's organiser: the plan's monitor (Ban Dân vận), or MAIL_REPLY_TO / MAIL_FROM. */
  function sender(index: PlanIndex) {
    const monitor = index.bodies.get(index.config.plan.monitor);
    const monitorContacts = (monitor?.contacts ?? []).filter(usable);
    const replyTo = replyToHeader?.() ?? (monitorContacts.length ? monitorContacts.map((c) => ({ name: monitor!.name, address: c.email })) : undefined);
    const organizer: Person = monitorContacts[0] ? { name: monitor!.name, email: monitorContacts[0].email } : { name: nameOf(deps.from), email: addressOf(deps.from) };
    return { replyTo, organizer };
  }

  /** The step's bodies by address, and the bodies that have none. */
  function addressees(index: PlanIndex, ids: readonly string[]) {
    const failed: NotifyResult['failed'] = [];
    const byAddress = new Map<string, Addressee>();
    for (const id of ids) {
      const body = index.bodies.get(id);
      if (!body) {
        failed.push({ body: id, reason: `${id} không có trong danh bạ (config/directory.yaml)` });
        continue;
      }
      if (body.contacts.length === 0) {
        failed.push({ body: id, reason: `${body.name} không có địa chỉ email trong danh bạ` });
        continue;
      }
      for (const contact of body.contacts) {
        const key = contact.email.trim().toLowerCase();
        const seen = byAddress.get(key);
        if (seen) {
          if (!seen.bodies.includes(body)) seen.bodies.push(body);
        } else byAddress.set(key, { address: contact.email.trim(), contact, bodies: [body] });
      }
    }
    return { byAddress, failed };
  }

  /** The headers every message has. */
  function envelope(index: PlanIndex, to: { name: string; address: string }, messageId: string, extra: Record<string, string>): Mail.Options {
    const { replyTo } = sender(index);
    return {
      // A MAIL_FROM of several addresses is an array, as nodemailer parses it too.
      from: fromHeader() as Mail.Options['from'],
      to,
      ...(replyTo ? { replyTo } : {}),
      messageId,
      date: new Date(now()),
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', ...extra },
    };
  }

  const recipientName = (a: { contact: Contact; body: Body }) => (a.contact.placeholder ? a.body.name : a.contact.name);

  /** The meeting's invite: REQUEST at the occurrence's revision, or a change of it. */
  function inviteOf(index: PlanIndex, spec: NotifyInput['occurrence'], stampMs: number, sequence: number, method: 'REQUEST' | 'CANCEL' = 'REQUEST'): string {
    return buildInvite({
      occurrence: spec,
      index,
      organizer: sender(index).organizer,
      attendees: [...people(index, spec.owners, 'owner'), ...people(index, spec.participants, 'participant')],
      stampMs,
      sequence,
      method,
    });
  }
  const noticeInvite = (index: PlanIndex, notice: NotifyInput) => inviteOf(index, notice.occurrence, notice.logicalAtMs, notice.calendarSequence ?? 0);

  /** The owners' documents of a notice, made at most once per notice and never failing it. */
  const extrasCache = new WeakMap<NotifyInput, ReturnType<AttachmentProvider>>();
  function extrasFor(notice: NotifyInput, bodyId: string): ReturnType<AttachmentProvider> {
    if (!deps.attachments || roleOf(notice.occurrence, bodyId) !== 'owner') return Promise.resolve(undefined);
    let extras = extrasCache.get(notice);
    if (!extras) {
      extras = deps.attachments(notice).catch((err: unknown) => {
        log(`dondoc: mail ${notice.occurrence.id}: no attachment (${(err as Error).message})`);
        return undefined;
      });
      extrasCache.set(notice, extras);
    }
    return extras;
  }

  /** One notice to one address, as a single email. */
  function noticeMessage(index: PlanIndex, notice: NotifyInput, a: { address: string; contact: Contact; body: Body; ids: string[] }): Outgoing {
    const { occurrence: spec, step } = notice;
    const messageId = messageIdFor(spec.plan, spec.id, step.index, a.address);
    let invites: string[] = [];
    return {
      messageId,
      address: a.address,
      entry: { occurrence: spec.id, step: step.index, kind: step.kind, body: a.body.id },
      fileStem: outboxFileStem(spec.id, step.index, step.at, a.address),
      label: `${step.kind} ${spec.id} #${step.index}`,
      get invites() {
        return invites;
      },
      async build() {
        const extra = await extrasFor(notice, a.body.id);
        const email = composeEmail({ occurrence: spec, step, body: a.body, contact: a.contact, index, links: deps.links, ...(extra ? { note: extra.note } : {}) });
        invites = email.invite ? [spec.id] : [];
        return {
          ...envelope(index, { name: recipientName(a), address: a.address }, messageId, { 'X-Dondoc-Occurrence': spec.id, 'X-Dondoc-Step': `${step.index} ${step.kind}` }),
          subject: email.subject,
          text: email.text,
          html: email.html,
          ...(email.invite ? { icalEvent: { method: 'REQUEST', filename: 'invite.ics', content: noticeInvite(index, notice) } } : {}),
          ...(extra?.attachments.length ? { attachments: extra.attachments.map((f) => ({ filename: f.filename, contentType: f.contentType, content: f.content })) } : {}),
        };
      },
    };
  }

  /** Several notices to one address on one morning, as one email: each invite and document attached. */
  function digestMessage(index: PlanIndex, mailbox: string, morning: string, items: { notice: NotifyInput; ids: string[] }[], a: { address: string; contact: Contact; body: Body }): Outgoing {
    const plan = items[0]!.notice.occurrence.plan;
    const keys = items.map((i) => ({ occurrence: i.notice.occurrence.id, step: i.notice.step.index }));
    const messageId = digestMessageId(plan, mailbox, keys);
    let invites: string[] = [];
    return {
      messageId,
      address: a.address,
      entry: { digest: mailbox, items: items.map((i) => ({ occurrence: i.notice.occurrence.id, step: i.notice.step.index, bodies: i.ids })) },
      // Named by its Message-ID's hash: two rounds of one morning are two files.
      fileStem: outboxFileStem(`digest/${morning}`, messageId.slice(1, 13), `${morning}T00:00`, a.address),
      label: `digest ${mailbox} (${items.length})`,
      get invites() {
        return invites;
      },
      async build() {
        const extras = await Promise.all(items.map((i) => extrasFor(i.notice, a.body.id)));
        const digest = composeDigest({
          morning,
          items: items.map((i, n) => ({
            occurrence: i.notice.occurrence,
            step: i.notice.step,
            body: a.body,
            contact: a.contact,
            index,
            links: deps.links,
            ...(extras[n] ? { note: extras[n].note } : {}),
          })),
        });
        const attachments: Mail.Attachment[] = [];
        invites = [];
        digest.order.forEach((i, n) => {
          const item = items[i]!;
          if (digest.notices[i]!.invite) {
            invites.push(item.notice.occurrence.id);
            // One calendar object per meeting (iTIP: one UID per object), each its own attachment.
            attachments.push({ filename: `lich-${n + 1}.ics`, contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: noticeInvite(index, item.notice) });
          }
          for (const f of extras[i]?.attachments ?? []) attachments.push({ filename: f.filename, contentType: f.contentType, content: f.content });
        });
        return {
          ...envelope(index, { name: recipientName(a), address: a.address }, messageId, {
            'X-Dondoc-Digest': mailbox,
            'X-Dondoc-Occurrence': digest.order.map((i) => items[i]!.notice.occurrence.id).join(', '),
          }),
          subject: digest.subject,
          text: digest.text,
          html: digest.html,
          ...(attachments.length ? { attachments } : {}),
        };
      },
    };
  }

  /**
   * Sends one message unless the ledger has it: the ledger's lock for its key, the transport,
   * what a failure means, and the ledger line (written once the server accepted it: a crash
   * before that resends this one message, with the same Message-ID).
   */
  async function sendOnce(out: Outgoing, ids: string[]): Promise<SendOutcome> {
    return deps.ledger.exclusive(out.messageId, async () => {
      const prior = deps.ledger.get(out.messageId);
      if (prior?.outcome === 'sent') return { outcome: 'already' };
      if (prior?.outcome === 'rejected') return { outcome: 'rejected', reason: prior.detail ?? `${out.address}: bị từ chối` };
      const record = (outcome: 'sent' | 'rejected', detail: string) =>
        deps.ledger.append({
          ...out.entry,
          key: out.messageId,
          outcome,
          address: out.address,
          transport: deps.transport.mode,
          at: new Date(now()).toISOString(),
          detail,
          ...(outcome === 'sent' && out.invites?.length ? { invites: out.invites } : {}),
        } as LedgerEntry);
      try {
        const result = await deps.transport.send(await out.build(), out.fileStem);
        await record('sent', result.detail);
        const where = smtp ? `sent (${result.detail})` : path.relative(process.cwd(), result.detail) || result.detail;
        log(`dondoc: mail ${out.label} → ${out.address} (${ids.join(', ')}): ${where}`);
        return { outcome: 'sent' };
      } catch (err) {
        const failure = classifySendError(err);
        if (failure.scope === 'recipient' && failure.permanent) {
          const reason = `${out.address}: ${failure.reason}`;
          await record('rejected', reason);
          log(`dondoc: mail ${out.label} → ${out.address} (${ids.join(', ')}): REJECTED for good: ${failure.reason}`);
          return { outcome: 'rejected', reason };
        }
        log(`dondoc: mail ${out.label} → ${out.address} (${ids.join(', ')}): deferred, will retry: ${failure.reason}`);
        return { outcome: 'deferred', reason: failure.reason, connection: failure.scope === 'connection' };
      }
    });
  }

  return {
    close: () => deps.ledger.close(),
    async sentBefore(input: SentBeforeInput): Promise<SentBeforeResult> {
      const index = deps.plan.current();
      const out: SentBeforeResult = [];
      for (const step of input.steps) {
        for (const id of step.to) {
          const sent = (index.bodies.get(id)?.contacts ?? [])
            .map((c) => deps.ledger.get(messageIdFor(input.occurrence.plan, input.occurrence.id, step.index, c.email.trim())))
            .find((entry) => entry?.outcome === 'sent');
          if (sent) out.push({ index: step.index, body: id, atMs: Date.parse(sent.at) });
        }
      }
      return out;
    },

    async deliver(input, context) {
      const { occurrence: spec, step } = input;
      if (step.kind === 'close' || step.to.length === 0) return { delivered: [], failed: [] };
      const index = deps.plan.current();
      const { byAddress, failed } = addressees(index, step.to);
      const delivered = new Set<string>();
      const queued: NonNullable<NotifyResult['queued']> = [];
      const pending: MailDeferredError['pending'] = [];
      let down: string | undefined;
      let sent = 0;
      // The server's morning (the occurrence's clock less its offset): the mailbox of the day.
      const morning = localDateOfInstant(input.logicalAtMs - (input.timeOffsetMs ?? 0));

      for (const a of byAddress.values()) {
        const body = a.bodies[0]!;
        const ids = a.bodies.map((b) => b.id);
        const out = noticeMessage(index, input, { ...a, body, ids });
        const prior = deps.ledger.get(out.messageId);
        if (prior?.outcome === 'sent' || deps.ledger.digestWith(spec.id, step.index, a.address)) {
          ids.forEach((id) => delivered.add(id));
          continue;
        }
        if (prior?.outcome === 'rejected') {
          ids.forEach((id) => failed.push({ body: id, reason: prior.detail ?? `${a.address}: bị từ chối` }));
          continue;
        }
        if (!usable(a.contact)) {
          ids.forEach((id) => failed.push({ body: id, reason: `${a.address} ${PLACEHOLDER_REASON}` }));
          continue;
        }
        if (deps.digests && context && digestOn(index, body)) {
          const mailbox = mailboxId(spec.plan, morning, a.address);
          const summary = `Thư tổng hợp ngày ${morning.split('-').reverse().join('/')} — ${body.name}`;
          const windowEnd = index.sendWindowEnd(spec.obligation, step.atMs);
          const sendWindow = windowEnd === undefined ? undefined : { endMs: windowEnd, wide: ids.some((id) => index.notifiedBySeveralUnits(id)) };
          await deps.digests.enqueue({ mailbox, morning, item: { workflowId: context.workflowId, notice: input, bodies: ids }, summary, ...(sendWindow ? { sendWindow } : {}) });
          queued.push({ digest: mailbox, bodies: ids });
          continue;
        }
        if (down) {
          pending.push({ body: body.id, address: a.address, reason: down });
          continue;
        }
        const result = await sendOnce(out, ids);
        if (result.outcome === 'sent' || result.outcome === 'already') {
          if (result.outcome === 'sent') sent++;
          ids.forEach((id) => delivered.add(id));
        } else if (result.outcome === 'rejected') ids.forEach((id) => failed.push({ body: id, reason: result.reason }));
        else {
          if (result.connection) down = result.reason;
          pending.push({ body: body.id, address: a.address, reason: result.reason });
        }
      }
      if (pending.length) throw new MailDeferredError(pending, sent);
      return { delivered: [...delivered], failed, ...(queued.length ? { queued } : {}) };
    },

    async deliverDigest(input: SendDigestInput): Promise<SendDigestResult> {
      const index = deps.plan.current();
      const [, , morning = '', key = ''] = input.mailbox.split('/');
      const outcomes: DigestItemOutcome[] = new Array(input.items.length);
      // Who is at the mailbox's address now: the first of each notice's bodies that still has it.
      const live: { i: number; notice: NotifyInput; ids: string[]; body: Body; contact: Contact }[] = [];
      input.items.forEach((item, i) => {
        for (const id of item.bodies) {
          const body = index.bodies.get(id);
          const contact = body?.contacts.find((c) => addressKey(c.email) === key);
          if (body && contact) {
            live.push({ i, notice: item.notice, ids: item.bodies, body, contact });
            return;
          }
        }
        outcomes[i] = { outcome: 'deferred', reason: 'địa chỉ trong danh bạ đã thay đổi: gửi lại theo địa chỉ mới' };
      });
      if (live.length === 0) return { outcomes };
      const { contact, body } = live[0]!;
      const address = contact.email.trim();
      if (!usable(contact)) {
        for (const l of live) outcomes[l.i] = { outcome: 'failed', reason: `${address} ${PLACEHOLDER_REASON}` };
        return { outcomes };
      }
      const ids = [...new Set(live.flatMap((l) => l.ids))];
      const out =
        live.length === 1
          ? noticeMessage(index, live[0]!.notice, { address, contact, body: live[0]!.body, ids: live[0]!.ids })
          : digestMessage(index, input.mailbox, morning, live, { address, contact, body });
      const result = await sendOnce(out, ids);
      if (result.outcome === 'deferred') throw new MailDeferredError([{ body: body.id, address, reason: result.reason }], 0);
      for (const l of live) outcomes[l.i] = result.outcome === 'rejected' ? { outcome: 'failed', reason: result.reason } : { outcome: 'sent', messageId: out.messageId };
      return { outcomes };
    },

    async updateCalendar(input: CalendarInput): Promise<CalendarResult> {
      const index = deps.plan.current();
      const spec = input.occurrence;
      const result: CalendarResult = { sent: [], failed: [] };
      const pending: MailDeferredError['pending'] = [];
      for (const address of deps.ledger.invitees(spec.id)) {
        // The body now at that address among the meeting's owners and participants, for the greeting.
        const ids = [...spec.owners, ...spec.participants];
        const body = ids.map((id) => index.bodies.get(id)).find((b) => b?.contacts.some((c) => c.email.trim().toLowerCase() === address.toLowerCase()));
        const contact = body?.contacts.find((c) => c.email.trim().toLowerCase() === address.toLowerCase());
        if (contact && !usable(contact)) {
          result.failed.push({ address, reason: `${address} ${PLACEHOLDER_REASON}` });
          continue;
        }
        const what = `calendar:${input.method}:${input.sequence}`;
        const messageId = messageIdFor(spec.plan, spec.id, what, address);
        const out: Outgoing = {
          messageId,
          address,
          entry: { occurrence: spec.id, calendar: input.method, sequence: input.sequence },
          fileStem: outboxFileStem(spec.id, `${input.method.toLowerCase()}${input.sequence}`, new Date(input.logicalAtMs + 7 * 3_600_000).toISOString(), address),
          label: `calendar ${input.method} ${spec.id} (SEQUENCE ${input.sequence})`,
          async build() {
            const email = composeCalendarChange({ occurrence: spec, method: input.method, index, ...(body && contact ? { body, contact } : {}), address });
            return {
              ...envelope(index, { name: body && contact ? recipientName({ body, contact }) : address, address }, messageId, { 'X-Dondoc-Occurrence': spec.id }),
              subject: email.subject,
              text: email.text,
              html: email.html,
              icalEvent: { method: input.method, filename: input.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content: inviteOf(index, spec, input.logicalAtMs, input.sequence, input.method) },
            };
          },
        };
        const sentOnce = await sendOnce(out, body ? [body.id] : []);
        if (sentOnce.outcome === 'sent' || sentOnce.outcome === 'already') result.sent.push(address);
        else if (sentOnce.outcome === 'rejected') result.failed.push({ address, reason: sentOnce.reason });
        else pending.push({ body: body?.id ?? address, address, reason: sentOnce.reason });
      }
      if (pending.length) throw new MailDeferredError(pending, result.sent.length);
      return result;
    },
  };
}
