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
import { DIGEST_SEND_MARGIN_MS, MIN_GATHER_MS } from '../domain/send-window';

/** How long a mailbox gathers after its first notice, by default: a unit's notices of a morning fall due at one instant. */
export const DEFAULT_DIGEST_WINDOW_MS = 30_000;
/**
 * The most notices one digest carries. A round's notices are the sending activity's input: at
 * ≈1.8 KB each, 100 stay far below the server's 4 MB limit on a message (a province's busiest
 * morning gave one mailbox 3,330: 5.9 MB, refused, bench/RESULTS.md), and a letter of 100 items
 * is still read to its end.
 */
export const DIGEST_ROUND_LIMIT = 100;
/**
 * How long a mailbox gathers after its first notice, at `nowMs`: the digest window; with a ladder's
 * send window (its notices spread over, say, 07:00–07:30, each unit's at its own second), never
 * past DIGEST_SEND_MARGIN_MS before the window's end, so that the morning's digests are in before
 * the working day — and, for an address notified by several units' occurrences (Ban Dân vận),
 * until then, so that it still gets one email for the morning (a notice due after it goes in a
 * digest of its own). At least MIN_GATHER_MS.
 */
export function gatheringMs(windowMs: number, nowMs: number, sendWindow?: DigestSendWindow): number {
  if (!sendWindow) return windowMs;
  const toEnd = sendWindow.endMs - DIGEST_SEND_MARGIN_MS - nowMs;
  return Math.max(MIN_GATHER_MS, sendWindow.wide ? toEnd : Math.min(windowMs, toEnd));
}

export function mailboxQueue(client: Client, taskQueue: string, windowMs = DEFAULT_DIGEST_WINDOW_MS): DigestQueue {
  return {
    async enqueue({ mailbox, morning, item, summary, sendWindow }) {
      const firstMs = gatheringMs(windowMs, item.notice.logicalAtMs, sendWindow);
      const input: MailboxInput = { morning, windowMs: firstMs, laterWindowMs: Math.min(windowMs, firstMs), roundLimit: DIGEST_ROUND_LIMIT };
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
