/**
 * The email notifier: one timeline step → one email per recipient address, over SMTP or
 * into the outbox, at most once per (occurrence, step, address).
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
 */
import * as path from 'node:path';
import type Mail from 'nodemailer/lib/mailer';
import type { Body, Contact } from '../../domain/model';
import type { PlanIndex } from '../../domain/occurrences';
import type { Notifier } from '../notify';
import type { PlanSource } from '../../config/plan-source';
import type { NotifyInput, NotifyResult } from '../types';
import { composeEmail, roleOf, type LinkSettings } from './compose';
import { buildInvite, type Person } from './invite';
import { messageIdFor, type MailLedger } from './ledger';
import { preparsedAddresses } from './mime';
import { classifySendError } from './send-errors';
import type { MailTransport } from './transport';

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
  /** Wall clock for Date headers and the ledger (default Date.now). */
  now?: () => number;
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

export interface EmailNotifier extends Notifier {
  /** Sets what the owners' notices carry besides the invite (the worker wires the annual report). */
  useAttachments(provider: AttachmentProvider): void;
  /** Waits for the ledger's pending writes and closes its file (not the transport). */
  close(): Promise<void>;
}

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
export function outboxFileStem(occurrence: string, stepIndex: number, stepAt: string, address: string): string {
  const when = stepAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const occ = occurrence.replace(/^occ\//, '').replace(/\//g, '.');
  const safe = (s: string) => s.replace(/[^A-Za-z0-9@._+-]/g, '_');
  return safe(`${when}_${occ}_s${stepIndex}_${address.toLowerCase()}`).slice(0, 200);
}

export function emailNotifier(deps: EmailNotifierDeps): EmailNotifier {
  let attachmentProvider: AttachmentProvider | undefined;
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

  return {
    useAttachments(provider) {
      attachmentProvider = provider;
    },
    close: () => deps.ledger.close(),
    async deliver(input: NotifyInput): Promise<NotifyResult> {
      const { occurrence: spec, step } = input;
      if (step.kind === 'close' || step.to.length === 0) return { delivered: [], failed: [] };
      const index = deps.plan.current();
      const monitor = index.bodies.get(index.config.plan.monitor);
      const monitorContacts = (monitor?.contacts ?? []).filter(usable);
      const replyTo = replyToHeader?.() ?? (monitorContacts.length ? monitorContacts.map((c) => ({ name: monitor!.name, address: c.email })) : undefined);
      const organizer: Person = monitorContacts[0]
        ? { name: monitor!.name, email: monitorContacts[0].email }
        : { name: nameOf(deps.from), email: addressOf(deps.from) };

      const failed: NotifyResult['failed'] = [];
      const delivered = new Set<string>();
      const byAddress = new Map<string, Addressee>();
      for (const id of step.to) {
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

      let invite: string | undefined;
      const inviteFor = () =>
        (invite ??= buildInvite({
          occurrence: spec,
          index,
          organizer,
          attendees: [...people(index, spec.owners, 'owner'), ...people(index, spec.participants, 'participant')],
          stampMs: input.logicalAtMs,
        }));

      // Made once per notice, for the owners' letters only, and only if one is sent.
      let extras: ReturnType<AttachmentProvider> | undefined;
      const extrasFor = () =>
        (extras ??= (attachmentProvider?.(input) ?? Promise.resolve(undefined)).catch((err: unknown) => {
          log(`dondoc: mail ${spec.id}: no attachment (${(err as Error).message})`);
          return undefined;
        }));

      const pending: MailDeferredError['pending'] = [];
      let down: string | undefined;
      let sent = 0;
      const label = `${step.kind} ${spec.id} #${step.index}`;

      for (const a of byAddress.values()) {
        const body = a.bodies[0]!;
        const ids = a.bodies.map((b) => b.id);
        const messageId = messageIdFor(spec.plan, spec.id, step.index, a.address);
        await deps.ledger.exclusive(messageId, async () => {
          const prior = deps.ledger.get(messageId);
          if (prior?.outcome === 'sent') {
            ids.forEach((id) => delivered.add(id));
            return;
          }
          if (prior?.outcome === 'rejected') {
            ids.forEach((id) => failed.push({ body: id, reason: prior.detail ?? `${a.address}: bị từ chối` }));
            return;
          }
          if (!usable(a.contact)) {
            ids.forEach((id) => failed.push({ body: id, reason: `${a.address} ${PLACEHOLDER_REASON}` }));
            return;
          }
          if (down) {
            pending.push({ body: body.id, address: a.address, reason: down });
            return;
          }
          const record = (outcome: 'sent' | 'rejected', detail: string) =>
            deps.ledger.append({
              key: messageId,
              outcome,
              occurrence: spec.id,
              step: step.index,
              kind: step.kind,
              body: body.id,
              address: a.address,
              transport: deps.transport.mode,
              at: new Date(now()).toISOString(),
              detail,
            });
          const extra = roleOf(spec, body.id) === 'owner' && attachmentProvider ? await extrasFor() : undefined;
          const email = composeEmail({ occurrence: spec, step, body, contact: a.contact, index, links: deps.links, ...(extra ? { note: extra.note } : {}) });
          try {
            const result = await deps.transport.send(
              {
                // A MAIL_FROM of several addresses is an array, as nodemailer parses it too.
                from: fromHeader() as Mail.Options['from'],
                to: { name: a.contact.placeholder ? body.name : a.contact.name, address: a.address },
                ...(replyTo ? { replyTo } : {}),
                subject: email.subject,
                text: email.text,
                html: email.html,
                messageId,
                date: new Date(now()),
                headers: {
                  'Auto-Submitted': 'auto-generated',
                  'X-Auto-Response-Suppress': 'All',
                  'X-Dondoc-Occurrence': spec.id,
                  'X-Dondoc-Step': `${step.index} ${step.kind}`,
                },
                ...(email.invite ? { icalEvent: { method: 'REQUEST', filename: 'invite.ics', content: inviteFor() } } : {}),
                ...(extra?.attachments.length ? { attachments: extra.attachments.map((f) => ({ filename: f.filename, contentType: f.contentType, content: f.content })) } : {}),
              },
              outboxFileStem(spec.id, step.index, step.at, a.address),
            );
            // Reported as sent only once its ledger line is on disk (a crash before that
            // resends this one message, with the same Message-ID).
            await record('sent', result.detail);
            sent++;
            ids.forEach((id) => delivered.add(id));
            const where = smtp ? `sent (${result.detail})` : path.relative(process.cwd(), result.detail) || result.detail;
            log(`dondoc: mail ${label} → ${a.address} (${ids.join(', ')}): ${where}`);
          } catch (err) {
            const failure = classifySendError(err);
            if (failure.scope === 'recipient' && failure.permanent) {
              const reason = `${a.address}: ${failure.reason}`;
              await record('rejected', reason);
              ids.forEach((id) => failed.push({ body: id, reason }));
              log(`dondoc: mail ${label} → ${a.address} (${ids.join(', ')}): REJECTED for good: ${failure.reason}`);
            } else {
              if (failure.scope === 'connection') down = failure.reason;
              pending.push({ body: body.id, address: a.address, reason: failure.reason });
              log(`dondoc: mail ${label} → ${a.address} (${ids.join(', ')}): deferred, will retry: ${failure.reason}`);
            }
          }
        });
      }
      if (pending.length) throw new MailDeferredError(pending, sent);
      return { delivered: [...delivered], failed };
    },
  };
}
