/**
 * The morning digests' queue: a notice goes to the mailbox workflow of its address and
 * morning by signal-with-start (started by the first notice, signalled by the others; a new
 * run once a previous one of the same id has sent and ended).
 */
import type { Client } from '@temporalio/client';
import type { DigestQueue, DigestSendWindow } from './email/notifier';
import { queueNoticeSignal, type MailboxInput } from '../workflows/messages';
import type { mailboxWorkflow } from '../workflows/mailbox';
import { SA } from '../workflows/search-attributes';

/** How long a mailbox gathers after its first notice, by default: a unit's notices of a morning fall due at one instant. */
export const DEFAULT_DIGEST_WINDOW_MS = 30_000;
/** The least a mailbox gathers: a unit's notices, due at one second, arrive within it. */
export const MIN_GATHER_MS = 5_000;

/**
 * How long a mailbox gathers after its first notice, at `nowMs`: the digest window; with a ladder's
 * send window (its notices spread over, say, 07:00–07:30, each unit's at its own second), never
 * past the window's end, so that the morning's digests are in before the working day — and, for an
 * address notified by several units' occurrences (Ban Dân vận), until the window's end, so that it
 * still gets one email for the morning. At least MIN_GATHER_MS.
 */
export function gatheringMs(windowMs: number, nowMs: number, sendWindow?: DigestSendWindow): number {
  if (!sendWindow) return windowMs;
  const toEnd = sendWindow.endMs - nowMs;
  return Math.max(MIN_GATHER_MS, sendWindow.wide ? toEnd : Math.min(windowMs, toEnd));
}

export function mailboxQueue(client: Client, taskQueue: string, windowMs = DEFAULT_DIGEST_WINDOW_MS): DigestQueue {
  return {
    async enqueue({ mailbox, morning, item, summary, sendWindow }) {
      const input: MailboxInput = { morning, windowMs: gatheringMs(windowMs, item.notice.logicalAtMs, sendWindow) };
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
