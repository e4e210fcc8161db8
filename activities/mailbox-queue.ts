/**
 * The morning digests' queue: a notice goes to the mailbox workflow of its address and
 * morning by signal-with-start (started by the first notice, signalled by the others; a new
 * run once a previous one of the same id has sent and ended).
 */
import type { Client } from '@temporalio/client';
import type { DigestQueue } from './email/notifier';
import { queueNoticeSignal, type MailboxInput } from '../workflows/messages';
import type { mailboxWorkflow } from '../workflows/mailbox';
import { SA } from '../workflows/search-attributes';

/** How long a mailbox gathers after its first notice, by default: the morning's notices all fall due at the ladder's send time. */
export const DEFAULT_DIGEST_WINDOW_MS = 30_000;

export function mailboxQueue(client: Client, taskQueue: string, windowMs = DEFAULT_DIGEST_WINDOW_MS): DigestQueue {
  return {
    async enqueue({ mailbox, morning, item, summary }) {
      const input: MailboxInput = { morning, windowMs };
      await client.workflow.signalWithStart<typeof mailboxWorkflow, [typeof item]>('mailboxWorkflow', {
        workflowId: mailbox,
        taskQueue,
        args: [input],
        signal: queueNoticeSignal,
        signalArgs: [item],
        staticSummary: summary,
        typedSearchAttributes: [
          { key: SA.kind, value: 'mailbox' },
          { key: SA.plan, value: item.notice.occurrence.plan },
        ],
      });
    },
  };
}
