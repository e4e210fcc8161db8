/**
 * The notify activity: delivers one timeline step to its recipients through a Notifier.
 * The email notifier (nodemailer) implements the same interface; simulations and tests use
 * the capturing one.
 */
import type { NotifyInput, NotifyResult } from './types';

export interface Notifier {
  deliver(input: NotifyInput): Promise<NotifyResult>;
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
  };
}

export function createNotifyActivity(notifier: Notifier) {
  return {
    async notify(input: NotifyInput): Promise<NotifyResult> {
      return notifier.deliver(input);
    },
  };
}
