/**
 * How long a morning's mailbox gathers when the ladder spreads its notices over a send window
 * (issue 19): never past a margin before the window's end, so the digests are in before the
 * working day, and until then for an address notified by several units' occurrences, whose notices go at
 * different seconds of it (one email for the morning all the same).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { MailLedger } from '../../../activities/email/ledger';
import { emailNotifier, type DigestQueue } from '../../../activities/email/notifier';
import { DEFAULT_DIGEST_WINDOW_MS, gatheringMs } from '../../../activities/mailbox-queue';
import { DIGEST_SEND_MARGIN_MS, MIN_GATHER_MS } from '../../../domain/send-window';
import { toInstantMs } from '../../../domain/calendar/local-date';
import { BRIEFING, FROM, LINKS, inputFor, spec, staticPlanSource, stepOf, withRealContacts } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-gathering-unit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const G = DEFAULT_DIGEST_WINDOW_MS;
const END = toInstantMs('2024-09-23', '07:30');
const at = (time: string) => toInstantMs('2024-09-23', time);

describe('gatheringMs', () => {
  test('without a send window: the digest window, wherever the notice falls', () => {
    expect(gatheringMs(G, at('07:29'))).toBe(G);
    expect(gatheringMs(G, at('11:00'))).toBe(G);
  });

  test("one unit's address: the digest window, cut a margin before the window's end, never under the minimum", () => {
    const one = { endMs: END, wide: false };
    expect(gatheringMs(G, at('07:10'), one)).toBe(G);
    expect(gatheringMs(G, END - DIGEST_SEND_MARGIN_MS - 10_000, one)).toBe(10_000); // the default window (30 s) cut to the 10 s left
    expect(gatheringMs(G, END - 1_000, one)).toBe(MIN_GATHER_MS);
    expect(gatheringMs(G, at('09:00'), one)).toBe(MIN_GATHER_MS); // a notice sent late, after the window
  });

  test("an address several units notify: until a margin before the window's end", () => {
    const wide = { endMs: END, wide: true };
    expect(DIGEST_SEND_MARGIN_MS).toBe(60_000);
    expect(gatheringMs(G, at('07:00'), wide)).toBe(29 * 60_000);
    expect(gatheringMs(G, at('07:27'), wide)).toBe(2 * 60_000);
    expect(gatheringMs(G, at('07:29'), wide)).toBe(MIN_GATHER_MS);
    expect(gatheringMs(G, at('09:00'), wide)).toBe(MIN_GATHER_MS);
  });
});

describe('the notifier tells the queue which window a queued notice went in', () => {
  function queued() {
    const requests: Parameters<DigestQueue['enqueue']>[0][] = [];
    const digests: DigestQueue = { enqueue: async (req) => void requests.push(req) };
    const mail = emailNotifier({
      plan: staticPlanSource(withRealContacts()),
      transport: { mode: 'smtp', description: 'none', send: async () => ({ detail: '250 OK' }), verify: async () => {}, close: async () => {} },
      ledger: MailLedger.inDataDir(fs.mkdtempSync(path.join(tmp, 'n'))),
      links: LINKS,
      from: FROM,
      log: () => {},
      digests,
    });
    return { mail, requests };
  }

  test("Ban Dân vận (every unit's escalations) is wide; a commune's Front and its Party committee are not", async () => {
    const { mail, requests } = queued();
    const proposals = spec('occ/participation-proposals/bien-son/2024', '2024-01-01', '2024-12-31');
    const step = stepOf(proposals, 'escalation', 7);
    await mail.deliver(inputFor(proposals, step), { workflowId: 'wf/proposals' });
    const windowEnd = toInstantMs(step.at.slice(0, 10), '07:30');
    const byBody = Object.fromEntries(requests.map((r) => [r.item.bodies[0], r.sendWindow]));
    expect(Object.keys(byBody).sort()).toEqual([...step.to].sort());
    for (const body of step.to) expect(byBody[body]!.endMs, body).toBe(windowEnd);
    expect(byBody['ban-dan-van']?.wide).toBe(true);
    expect(byBody['dang-uy-bien-son']?.wide).toBe(false);
    expect(byBody['ubnd-bien-son']?.wide).toBe(false);
  });

  test("a district body's own briefing: its window's end that morning", async () => {
    const { mail, requests } = queued();
    const briefing = BRIEFING();
    const step = stepOf(briefing, 'reminder', -10); // Monday 16/9/2024
    await mail.deliver(inputFor(briefing, step), { workflowId: 'wf/briefing' });
    expect(requests.length).toBe(step.to.length);
    for (const r of requests) expect(r.sendWindow?.endMs).toBe(toInstantMs('2024-09-16', '07:30'));
  });
});
