/**
 * A ladder's send window (issue 19): a morning's notices spread over the window that ends at
 * the ladder's sending time (07:00–07:30 for `sendWindow: 30m` and `sendAt: 07:30`), each
 * unit's at its own second, instead of all waking the worker at one instant. The window's last
 * {@link SEND_WINDOW_TAIL_MS} holds no unit's second: it is where the morning digests that
 * gather a unit's notices are sent (activities/mailbox-queue.ts), so that they are in before the
 * working day.
 */
import { durationMs } from './durations';
import type { Config } from './model';

/** The least a morning digest gathers: a unit's notices, due at one second, arrive within it. */
export const MIN_GATHER_MS = 5_000;

/**
 * How long before a send window's end the digests stop gathering: the time to compose and send
 * the last rounds of the addresses many units notify (a province's Ban Dân vận) before the
 * working day.
 */
export const DIGEST_SEND_MARGIN_MS = 60_000;

/**
 * The end of a send window in which no unit's second falls: a digest of the last unit's notices
 * gathers {@link MIN_GATHER_MS} and is sent by {@link DIGEST_SEND_MARGIN_MS} before the end.
 */
export const SEND_WINDOW_TAIL_MS = MIN_GATHER_MS + DIGEST_SEND_MARGIN_MS;

/** FNV-1a, 32 bits: a stable, well-spread number for a short string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * How long before the ladder's sending time the notices of a unit's occurrences go, in a send
 * window of `windowMs`: a whole number of seconds, fixed by a hash of the unit's id, from just
 * past the window's tail ({@link SEND_WINDOW_TAIL_MS}, 65 s) to the window's length (07:00:00 to
 * 07:28:54 for 30 minutes before 07:30). So the same occurrence always gets the same second
 * (replays, extensions), and the notices of one unit — which is what a commune's bodies receive —
 * go together, so that their morning digest gathers them in its short window. A window no
 * longer than twice the tail keeps half of itself as the tail. 0 without a window.
 */
export function sendLeadMs(windowMs: number, unit: string): number {
  const seconds = Math.floor(windowMs / 1000);
  if (seconds <= 0) return 0;
  const tail = Math.min(SEND_WINDOW_TAIL_MS / 1000, Math.floor(seconds / 2));
  return (seconds - (fnv1a(unit) % (seconds - tail))) * 1000;
}

/**
 * The plan with every working-day ladder's send window set to `window` (`0s`: none): benchmarks
 * try other widths, and a simulation may send each morning's notices at one instant, the
 * ladder's sending time, which changes no day, status or recipient.
 */
export function withSendWindow(config: Config, window: string): Config {
  const ms = durationMs(window);
  return {
    ...config,
    plan: {
      ...config.plan,
      ladders: config.plan.ladders.map((l) => (l.measure === 'plain' ? l : { ...l, sendWindow: ms > 0 ? window : undefined })),
    },
  };
}
