/**
 * Email notifications: the notifier the worker runs, chosen from the environment.
 *
 *   SMTP_URL set    → pooled SMTP (smtp:// or smtps://, auth in the URL); links signed with
 *                     DONDOC_LINK_SECRET (required then, see platform/env.ts).
 *   SMTP_URL unset  → complete .eml files in <data>/outbox/ and one log line per message;
 *                     links signed with DONDOC_LINK_SECRET or, if unset, the random secret
 *                     kept in <data>/link-secret.
 * Either way, what was sent is recorded in <data>/mail-ledger.jsonl (sent once per
 * occurrence, step and address).
 */
import * as path from 'node:path';
import type { Notifier } from '../notify';
import type { PlanSource } from '../../config/plan-source';
import type { Env } from '../../platform/env';
import { resolveLinkSecret } from '../../platform/links';
import { MailLedger } from './ledger';
import { emailNotifier, type AttachmentProvider, type DigestQueue } from './notifier';
import { outboxTransport, smtpTransport, type MailTransport } from './transport';

export { composeDigest, composeEmail, type ComposedEmail } from './compose';
export { buildInvite, inviteUid } from './invite';
export { MailLedger, messageIdFor } from './ledger';
export { emailNotifier, mailboxId, MailDeferredError, type AttachmentProvider, type DigestQueue, type EmailNotifierDeps } from './notifier';
export { reportAttachments } from './report-attachment';
export { outboxTransport, smtpTransport, type MailTransport } from './transport';
export { classifySendError } from './send-errors';
export { useMimeSerializer } from './mime';

export type MailEnv = Pick<Env, 'SMTP_URL' | 'MAIL_FROM' | 'MAIL_REPLY_TO' | 'DONDOC_LINK_SECRET' | 'DONDOC_PUBLIC_URL' | 'dataDir'> &
  Partial<Pick<Env, 'DONDOC_LINK_DAYS'>>;

export interface MailNotifier extends Notifier {
  transport: MailTransport;
  /** One line for the start banner. */
  description: string;
  close(): Promise<void>;
}

/** What the composition root wires into the notifier besides the environment. */
export interface MailParts {
  /** Documents for the owners' notices (the worker: the draft annual report). */
  attachments?: AttachmentProvider;
  /** Morning digests (the worker: the mailbox workflow through its client). */
  digests?: DigestQueue;
  log?: (line: string) => void;
  /** The service's clock (platform/clock.ts), for the Date headers and the ledger's stamps. */
  now?: () => number;
}

export function createMailNotifier(env: MailEnv, plan: PlanSource, parts: MailParts = {}): MailNotifier {
  const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL) : outboxTransport(path.join(env.dataDir, 'outbox'));
  const secret = resolveLinkSecret(env);
  const notifier = emailNotifier({
    plan,
    transport,
    ledger: MailLedger.inDataDir(env.dataDir),
    links: { secret: secret.signing, publicUrl: env.DONDOC_PUBLIC_URL, ...(env.DONDOC_LINK_DAYS ? { ttlDays: env.DONDOC_LINK_DAYS } : {}) },
    from: env.MAIL_FROM,
    ...(env.MAIL_REPLY_TO ? { replyTo: env.MAIL_REPLY_TO } : {}),
    ...parts,
  });
  const links = secret.source === 'env' ? 'DONDOC_LINK_SECRET' : `the development secret in ${secret.file}`;
  return {
    ...notifier,
    transport,
    description: `${transport.description}${parts.digests ? '; morning digests' : ''}; links ${env.DONDOC_PUBLIC_URL}/a/… signed with ${links}`,
    close: async () => {
      await transport.close();
      await notifier.close();
    },
  };
}
