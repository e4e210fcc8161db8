/**
 * A plan with another send window on its working-day ladders (domain/timeline.ts, `sendLeadMs`):
 * benchmarks try other widths, and a simulation may send each morning's notices at one instant,
 * the ladder's sending time, which changes no day, status or recipient.
 */
import { durationMs } from './durations';
import type { Config } from './model';

/** The config with every working-day ladder's send window set to `window` (`0s`: none). */
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
