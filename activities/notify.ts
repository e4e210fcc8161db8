/**
 * The notify activity: delivers one timeline step to its recipients through a Notifier.
 * The email notifier (nodemailer) implements the same interface; simulations and tests use
 * the capturing one.
 */
import type { NotifyInput, NotifyResult, SentBeforeInput, SentBeforeResult } from './types';

export interface Notifier {
  deliver(input: NotifyInput): Promise<NotifyResult>;
  /**
   * The recipients of these steps whose notice went out already: a notice sent while a worker or
   * the server failed loses its result, and the workflow must not record it as skipped.
   */
  sentBefore(input: SentBeforeInput): Promise<SentBeforeResult>;
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
} {
  const captured: CapturedNotification[] = [];
  const seen = new Set<string>();
  return {
    captured,
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

export function createNotifyActivity(notifier: Notifier) {
  return {
    async notify(input: NotifyInput): Promise<NotifyResult> {
      return notifier.deliver(input);
    },
    async sentBefore(input: SentBeforeInput): Promise<SentBeforeResult> {
      return notifier.sentBefore(input);
    },
  };
}
