/**
 * Analysis (no server): the busiest mornings of a year for the configured plan and directory, and
 * for the busiest, how the ladder's send window spreads it (notices per second at the peak) and
 * how many emails its morning digests would make and when the last goes (each address's mailbox
 * gathering as activities/mailbox-queue.ts `gatheringMs` says). Prints one JSON line.
 *
 *   npx tsx bench/busiest-morning.ts [--year 2024] [--send-window 30m] [--digest-window-s 120]
 *   DONDOC_DIRECTORY=/tmp/dondoc-bench/province-directory.yaml npx tsx bench/busiest-morning.ts
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DIGEST_WINDOW_MS, gatheringMs } from '../activities/mailbox-queue';
import { loadConfig } from '../config/load';
import { localDateOfInstant } from '../domain/calendar/local-date';
import { withSendWindow } from '../domain/send-window';
import { mornings, morningSpecs, sendWindowOn } from './lib/morning';
import { planIndex } from './lib/specs';

function main() {
  const { values } = parseArgs({
    options: {
      year: { type: 'string', default: '2024' },
      'send-window': { type: 'string' },
      'digest-window-s': { type: 'string', default: String(DEFAULT_DIGEST_WINDOW_MS / 1000) },
    },
  });
  let { config } = loadConfig();
  if (values['send-window']) config = withSendWindow(config, values['send-window']);
  const index = planIndex(config);
  const all = mornings(index, values.year);
  const busiest = all[0]!;
  const day = busiest.day;
  const gatherMs = Number(values['digest-window-s']) * 1000;

  // The busiest morning's notices at their slots.
  const notices = morningSpecs(index, day).map((s) => ({ spec: s, step: s.steps.find((st) => localDateOfInstant(st.atMs) === day)! }));
  const perSecond = new Map<number, number>();
  for (const n of notices) perSecond.set(Math.floor(n.step.atMs / 1000), (perSecond.get(Math.floor(n.step.atMs / 1000)) ?? 0) + 1);
  const per10s = new Map<number, number>();
  for (const [s, c] of perSecond) per10s.set(Math.floor(s / 10), (per10s.get(Math.floor(s / 10)) ?? 0) + c);

  // Digest emails: each address's mailbox rounds (bench/lib/worker-process.ts gives one address per body).
  const byBody = new Map<string, { atMs: number; endMs: number; obligation: string }[]>();
  for (const n of notices) {
    const { endMs } = sendWindowOn(index, n.spec.obligation, day);
    for (const b of n.step.to) byBody.set(b, [...(byBody.get(b) ?? []), { atMs: n.step.atMs, endMs, obligation: n.spec.obligation }]);
  }
  let emails = 0;
  let most: [string, number] = ['', 0];
  let lastSendMs = 0;
  for (const [body, list] of byBody) {
    list.sort((a, b) => a.atMs - b.atMs);
    const wide = index.notifiedBySeveralUnits(body);
    let rounds = 0;
    let sendAt = -Infinity;
    for (const n of list) {
      if (n.atMs > sendAt) {
        rounds++;
        sendAt = n.atMs + gatheringMs(gatherMs, n.atMs, index.sendWindowEnd(n.obligation, n.atMs) === undefined ? undefined : { endMs: n.endMs, wide });
        lastSendMs = Math.max(lastSendMs, sendAt);
      }
    }
    emails += rounds;
    if (rounds > most[1]) most = [body, rounds];
  }
  const windowEnd = Math.max(...notices.map((n) => sendWindowOn(index, n.spec.obligation, day).endMs));
  console.log(
    JSON.stringify({
      bench: 'busiest-morning',
      directory: process.env.DONDOC_DIRECTORY ?? 'config/directory.yaml',
      year: values.year,
      sendWindow: values['send-window'] ?? 'as the plan',
      top: all.slice(0, 5),
      busiest: {
        day,
        notices: notices.length,
        emails: busiest.emails,
        peakNoticesPerSecond: Math.max(...perSecond.values()),
        peakNoticesPer10s: Math.max(...per10s.values()),
        distinctSeconds: perSecond.size,
        digests: { gatherS: gatherMs / 1000, emails, addresses: byBody.size, mostEmailsToOneBody: most, lastDigestAfterWindowEndS: (lastSendMs - windowEnd) / 1000 },
      },
    }),
  );
}

main();
