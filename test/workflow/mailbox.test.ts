/**
 * The mailbox workflow alone on the time-skipping server, its sendDigest activity a stand-in that
 * answers every item as sent: a morning with more notices than a round carries goes out in rounds
 * of at most the limit, every notice exactly once, the later rounds at once (no second gathering
 * window); a round that fills goes before its gathering ends, and the mailbox gathers on until
 * then; a run started without a limit (as before the limit existed) sends the morning in one.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DigestItem, SendDigestInput, SendDigestResult } from '../../activities/types';
import type { mailboxWorkflow } from '../../workflows/mailbox';
import { queueNoticeSignal, type MailboxInput, type MailboxState } from '../../workflows/messages';
import { specById } from '../helpers/dondoc-harness';
import { bundledWorker, timeSkippingEnv } from '../helpers/temporal';

const BRIEFING = 'occ/quarterly-briefing/huyen/2024-Q3';
const WINDOW_MS = 10 * 60_000;
const NOTICES = 250;

let env: TestWorkflowEnvironment;
let worker: Worker;
let taskQueue: string;
let running: Promise<void>;
const sent: { mailbox: string; round: number; items: number }[] = [];
/** Called by the stand-in activity as it sends a round (the test's hook into "while a round is being sent"). */
let whileSending: (input: SendDigestInput) => Promise<void> = async () => {};

beforeAll(async () => {
  env = await timeSkippingEnv();
  const sendDigest = async (input: SendDigestInput): Promise<SendDigestResult> => {
    sent.push({ mailbox: input.mailbox, round: input.round, items: input.items.length });
    await whileSending(input);
    return { outcomes: input.items.map(() => ({ outcome: 'sent', messageId: `<${input.round}@test>` })) } as SendDigestResult;
  };
  ({ worker, taskQueue } = await bundledWorker(env, { activities: { sendDigest } }));
  running = worker.run();
}, 60_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

/** The `i`th notice of the morning, of an occurrence that does not exist (its report back is lost). */
function item(i: number): DigestItem {
  const { steps, ...occurrence } = specById(BRIEFING);
  return { workflowId: `absent/${i}`, notice: { occurrence, step: steps[0]!, logicalAtMs: steps[0]!.atMs }, bodies: ['ban-dan-van'] };
}

/** `count` notices of distinct occurrences, queued in one mailbox; its final state. */
async function morning(workflowId: string, input: MailboxInput, count: number): Promise<MailboxState> {
  const handle = await env.client.workflow.signalWithStart<typeof mailboxWorkflow, [DigestItem]>('mailboxWorkflow', {
    workflowId,
    taskQueue,
    args: [input],
    signal: queueNoticeSignal,
    signalArgs: [item(0)],
  });
  for (let i = 1; i < count; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, k) => handle.signal(queueNoticeSignal, item(i + k))));
  }
  return handle.result();
}

test('more notices than a round carries: rounds of at most the limit, each notice once, the later rounds without another gathering window', async () => {
  const id = 'digest/test/2024-09-23/limited';
  const state = await morning(id, { morning: '2024-09-23', windowMs: WINDOW_MS, roundLimit: 100 }, NOTICES);
  // Full rounds go as they fill, while the notices are still coming: how the 250 split depends
  // on how many signals each workflow task takes in, but never more than 100 a round.
  const rounds = sent.filter((s) => s.mailbox === id);
  expect(rounds.map((r) => r.round)).toEqual(rounds.map((_, i) => i + 1));
  expect(rounds.length).toBeGreaterThanOrEqual(3);
  expect(Math.max(...rounds.map((r) => r.items))).toBe(100);
  const occurrences = state.rounds.flatMap((r) => r.items.map((i) => i.workflowId));
  expect(new Set(occurrences).size).toBe(NOTICES);
  expect(occurrences).toHaveLength(NOTICES);
  expect(state.rounds.every((r) => r.outcomes.every((o) => o === 'sent'))).toBe(true);
  // Under time skipping another window would put 10 minutes between rounds.
  expect(state.rounds[2]!.atMs - state.rounds[0]!.atMs).toBeLessThan(WINDOW_MS);
}, 120_000);

test('a round that fills goes at once, before its gathering ends; the mailbox gathers on, and a notice that comes later goes at the end', async () => {
  const id = 'digest/test/2024-09-23/full-early';
  const handle = await env.client.workflow.signalWithStart<typeof mailboxWorkflow, [DigestItem]>('mailboxWorkflow', {
    workflowId: id,
    taskQueue,
    args: [{ morning: '2024-09-23', windowMs: WINDOW_MS, roundLimit: 2 }],
    signal: queueNoticeSignal,
    signalArgs: [item(0)],
  });
  await handle.signal(queueNoticeSignal, item(1));
  // The full round is sent without the server's clock moving (nothing awaits a result yet).
  for (let i = 0; i < 200 && !sent.some((s) => s.mailbox === id); i++) await new Promise((r) => setTimeout(r, 50));
  expect(sent.filter((s) => s.mailbox === id)).toEqual([{ mailbox: id, round: 1, items: 2 }]);
  await handle.signal(queueNoticeSignal, item(2));
  const state = await handle.result();
  const startedMs = (await handle.describe()).startTime.getTime();
  expect(state.rounds.map((r) => r.items.map((i) => i.workflowId))).toEqual([['absent/0', 'absent/1'], ['absent/2']]);
  expect(state.rounds[0]!.atMs - startedMs).toBeLessThan(60_000);
  expect(state.rounds[1]!.atMs - startedMs).toBeGreaterThanOrEqual(WINDOW_MS);
}, 120_000);

test('a run started without a limit sends the whole morning in one round', async () => {
  const id = 'digest/test/2024-09-23/unlimited';
  const state = await morning(id, { morning: '2024-09-23', windowMs: WINDOW_MS }, NOTICES);
  expect(sent.filter((s) => s.mailbox === id)).toEqual([{ mailbox: id, round: 1, items: NOTICES }]);
  expect(state.rounds).toHaveLength(1);
}, 120_000);

test('a notice that comes while a round is being sent goes in the next round, after the later window, not the first', async () => {
  const id = 'digest/test/2024-09-23/later';
  const LATER_MS = 60_000;
  whileSending = async (input) => {
    if (input.mailbox === id && input.round === 1) await env.client.workflow.getHandle(id).signal(queueNoticeSignal, item(1_000));
  };
  try {
    const state = await morning(id, { morning: '2024-09-23', windowMs: WINDOW_MS, laterWindowMs: LATER_MS, roundLimit: 100 }, 3);
    expect(sent.filter((s) => s.mailbox === id).map((s) => s.items)).toEqual([3, 1]);
    expect(state.rounds[1]!.items.map((i) => i.workflowId)).toEqual(['absent/1000']);
    const between = state.rounds[1]!.atMs - state.rounds[0]!.atMs;
    expect(between).toBeGreaterThanOrEqual(LATER_MS);
    expect(between).toBeLessThan(WINDOW_MS);
  } finally {
    whileSending = async () => {};
  }
}, 120_000);
