/**
 * One mailbox per (address, morning): the morning digest. The notify activity starts it with
 * its first notice (signal-with-start) and adds the others by signal; a short gathering window
 * after the first, it sends them as one email through the `sendDigest` activity (one notice
 * alone goes as it is), then tells each occurrence how its notice went. Notices that arrive
 * while a round is being sent go in the next round; an occurrence resolved before its round
 * goes out withdraws its notice; a later round gathers for `laterWindowMs` (the first may gather
 * until a send window's end). A round carries at most `roundLimit` notices (the activity's
 * input stays far below the server's 4 MB message limit, and a letter stays readable); the rest
 * go in the next round at once, and a round that fills before its gathering ends goes as soon as
 * it is full (an address that a whole province notifies, Ban Dân vận's, gets its letters through
 * the morning instead of all of them in the last minute), the mailbox gathering on until the end.
 *
 * Once only: the round's items are fixed in history before the activity runs, so every attempt
 * of it sends the same message (deterministic Message-ID) and the mail ledger keeps a retry or
 * a restarted worker from sending it again.
 */
import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { DigestItem, DigestItemOutcome, DondocActivities } from '../activities/types';
import { digestOutcomeSignal, mailboxQuery, queueNoticeSignal, withdrawNoticeSignal, type MailboxInput, type MailboxState } from './messages';

/** A failure the activity could not get past in its attempts is handed back to the occurrences (their timers and catch-up rule). */
const { sendDigest } = proxyActivities<DondocActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '15 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
});

const itemKey = (workflowId: string, step: number) => `${workflowId}#${step}`;

/** Runs from before rounds had a limit sent a whole morning in one round (their replays still do). */
const ROUND_LIMIT_PATCH = 'mailbox-round-limit';

/** Runs from before a full round went at once gathered for the whole window, however many notices came. */
const FULL_ROUND_PATCH = 'mailbox-full-round-at-once';

/** The next round's notices, taken out of `waiting`; `full` when more were waiting than the limit lets go. */
function takeRound(waiting: Map<string, DigestItem>, limit: number | undefined): { items: DigestItem[]; full: boolean } {
  const all = [...waiting.entries()];
  const full = limit !== undefined && all.length > limit && patched(ROUND_LIMIT_PATCH);
  const taken = full ? all.slice(0, limit) : all;
  for (const [key] of taken) waiting.delete(key);
  return { items: taken.map(([, item]) => item), full };
}

export async function mailboxWorkflow(input: MailboxInput): Promise<MailboxState> {
  const { workflowId } = workflowInfo();
  const waiting = new Map<string, DigestItem>();
  /** Every notice this mailbox took: a notify activity run again after a crash signals it again. */
  const seen = new Set<string>();
  const state: MailboxState = { morning: input.morning, waiting: 0, rounds: [] };

  setHandler(queueNoticeSignal, (item) => {
    const key = itemKey(item.workflowId, item.notice.step.index);
    if (seen.has(key)) return;
    seen.add(key);
    waiting.set(key, item);
  });
  setHandler(withdrawNoticeSignal, ({ workflowId: occurrence, step }) => {
    waiting.delete(itemKey(occurrence, step));
  });
  setHandler(mailboxQuery, () => ({ ...state, waiting: waiting.size }));

  const limit = input.roundLimit;
  const fullGoesAtOnce = limit !== undefined && patched(FULL_ROUND_PATCH);
  /** When the gathering under way ends (rounds that fill before it go at once, and it goes on). */
  let gatheringEnds = 0;
  let gather = true;
  while (waiting.size > 0 || (fullGoesAtOnce && Date.now() < gatheringEnds)) {
    if (gather) {
      const ms = state.rounds.length === 0 ? input.windowMs : (input.laterWindowMs ?? input.windowMs);
      if (!fullGoesAtOnce) await sleep(ms);
      else {
        if (Date.now() >= gatheringEnds) gatheringEnds = Date.now() + ms;
        const left = gatheringEnds - Date.now();
        if (left > 0) await condition(() => waiting.size >= (limit ?? Infinity), left);
      }
    }
    const { items, full } = takeRound(waiting, limit);
    gather = !full;
    if (items.length === 0) break; // every notice withdrawn
    const round = state.rounds.length + 1;
    let outcomes: DigestItemOutcome[];
    try {
      ({ outcomes } = await sendDigest({ mailbox: workflowId, round, items }));
    } catch (err) {
      const reason = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
      outcomes = items.map(() => ({ outcome: 'deferred', reason }));
    }
    const atMs = Date.now();
    state.rounds.push({
      round,
      atMs,
      items: items.map((i) => ({ workflowId: i.workflowId, occurrence: i.notice.occurrence.id, step: i.notice.step.index })),
      outcomes: outcomes.map((o) => o.outcome),
    });
    // An occurrence that has ended (resolved meanwhile) cannot be told, and need not be.
    await Promise.all(
      items.map((item, i) =>
        getExternalWorkflowHandle(item.workflowId)
          .signal(digestOutcomeSignal, { digest: workflowId, step: item.notice.step.index, bodies: item.bodies, atMs, result: outcomes[i]! })
          .catch(() => undefined),
      ),
    );
  }
  await condition(allHandlersFinished);
  return { ...state, waiting: waiting.size };
}
