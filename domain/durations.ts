/** Plain durations of drill ladders: `90s`, `5m`, `2h`, `1d`. */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text.trim());
  if (!m) throw new RangeError(`not a duration: ${JSON.stringify(text)} (expected e.g. 90s, 5m, 2h, 1d)`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}
