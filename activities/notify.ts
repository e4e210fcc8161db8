/**
 * The notify activities: one timeline step to its recipients, a mailbox's morning digest, a
 * meeting's cancellation or update, all through one Notifier. The email notifier
 * (activities/email) implements it; simulations and tests use the capturing one.
 */
import { Context } from '@temporalio/activity';
import type { CalendarInput, CalendarResult, NotifyInput, NotifyResult, SendDigestInput, SendDigestResult, SentBeforeInput, SentBeforeResult } from './types';

export interface Notifier {
  /** `context`: the occurrence workflow that asks (a notice queued in a digest is reported back to it). */
  deliver(input: NotifyInput, context?: { workflowId: string }): Promise<NotifyResult>;
  deliverDigest(input: SendDigestInput): Promise<SendDigestResult>;
  updateCalendar(input: CalendarInput): Promise<CalendarResult>;
  /**
   * The recipients of these steps whose notice went out already: a notice sent while a worker or
   * the server failed loses its result, and the workflow must not record it as skipped.
   */
  sentBefore(input: SentBeforeInput): Promise<SentBeforeResult>;
  /** Waits for pending writes (the mail ledger); not every notifier has any. */
  close?(): Promise<void>;
}

export interface CapturedNotification extends NotifyInput {
  /** Wall-clock time the activity ran (the logical time is `logicalAtMs`). */
  capturedAtMs: number;
  /** The hook threw: this attempt did not deliver, a retry may. */
  failed?: boolean;
}

/**
 * Keeps every notification in memory, once per (occurrence, step): a retry is not a second
 * notice. An attempt whose hook throws is kept, marked failed, and does not count as delivered.
 */
export function captureNotifier(onCapture?: (n: CapturedNotification) => Promise<void> | void): Notifier & {
  captured: CapturedNotification[];
  /** Calendar changes, in order (the capture has no invitees: every change is kept). */
  calendar: CalendarInput[];
} {
  const captured: CapturedNotification[] = [];
  const calendar: CalendarInput[] = [];
  const seen = new Set<string>();
  return {
    captured,
    calendar,
    // The capture queues nothing itself; a digest handed to it counts as sent.
    async deliverDigest(input) {
      return { outcomes: input.items.map(() => ({ outcome: 'sent' as const, messageId: `<capture-${input.mailbox}-${input.round}>` })) };
    },
    async updateCalendar(input) {
      calendar.push(input);
      return { sent: [], failed: [] };
    },
    async deliver(input) {
      const key = `${input.occurrence.id}#${input.step.index}`;
      if (!seen.has(key)) {
        seen.add(key);
        const n: CapturedNotification = { ...input, capturedAtMs: Date.now() };
        captured.push(n);
        try {
          await onCapture?.(n);
        } catch (err) {
          n.failed = true;
          seen.delete(key);
          throw err;
        }
      }
      return { delivered: input.step.to, failed: [] };
    },
    async sentBefore(input) {
      return input.steps.flatMap((step) => {
        const n = captured.find((c) => !c.failed && c.occurrence.id === input.occurrence.id && c.step.index === step.index);
        return n ? step.to.filter((body) => n.step.to.includes(body)).map((body) => ({ index: step.index, body, atMs: n.logicalAtMs })) : [];
      });
    },
  };
}

export function createNotifyActivities(notifier: Notifier) {
  return {
    async notify(input: NotifyInput): Promise<NotifyResult> {
      const workflowId = Context.current().info.workflowExecution?.workflowId;
      return notifier.deliver(input, workflowId ? { workflowId } : undefined);
    },
    async sendDigest(input: SendDigestInput): Promise<SendDigestResult> {
      return notifier.deliverDigest(input);
    },
    async updateCalendar(input: CalendarInput): Promise<CalendarResult> {
      return notifier.updateCalendar(input);
    },
    async sentBefore(input: SentBeforeInput): Promise<SentBeforeResult> {
      return notifier.sentBefore(input);
    },
  };
}
