/**
 * Fault: the SMTP server is down for 22 minutes while every notice of two occurrences
 * falls due; once it is back, everything is delivered — nothing lost, nothing twice.
 *
 * "22 minutes" are minutes of the Java time-skipping test server's clock, not of the wall
 * clock: the workflows, their timers and the notify activity's real retry policy (15 s, then
 * doubling, at most 30 min) run unchanged, the test moves the server's clock from one timer
 * to the next (`manualClock`), and every attempt is a real SMTP connection to the loopback
 * sink, which answers 421 for the first 12 minutes and drops connections for the next 10.
 * The notifier is the production one (`createMailNotifier` with SMTP_URL), its mail ledger in
 * a temporary data directory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { createMailNotifier, type MailNotifier } from '../../activities/email';
import { staticPlanSource } from '../../config/plan-source';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import type { OccurrenceState } from '../../workflows/messages';
import { FAULT_SECRET, expectedMail, realContacts, skippedMail, tallyMail } from '../helpers/fault';
import { planIndex, startOccurrence, testConfig, uniqueTag } from '../helpers/integration-plan';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { bundledWorker, timeSkippingEnv } from '../helpers/temporal';

const MINUTE = 60_000;
const EventType = temporal.api.enums.v1.EventType;
const UNITS = ['huyen', 'bien-son'];

let env: TestWorkflowEnvironment;
let sink: SmtpSink;
let mail: MailNotifier | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-fault-smtp-'));

beforeAll(async () => {
  env = await timeSkippingEnv();
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  sink = await startSmtpSink();
});
afterAll(async () => {
  await mail?.close();
  await env?.teardown();
  await sink?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('SMTP down for 22 minutes (421, then dropped connections): afterwards each recipient gets the latest notice, once, and the stale ones are skipped, not lost', { timeout: 240_000 }, async () => {
  const tag = uniqueTag('fo');
  const taskQueue = `fault-smtp-${tag}`;
  // The shipped drill ladder, one working day = one minute (as `dondoc drill`): reminders
  // −2 and −1, due, overdue +1, +2, +3, +5, closed at +8.
  const config = testConfig({ tag, obligations: ['citizen-reception-invite'], ladder: 'drill' });
  const index = planIndex(config);
  const log: string[] = [];
  mail = createMailNotifier(
    { SMTP_URL: sink.url, MAIL_FROM: 'dondoc <dondoc@lucngan.test>', DONDOC_LINK_SECRET: FAULT_SECRET, DONDOC_PUBLIC_URL: 'http://localhost:8080', dataDir },
    staticPlanSource(realContacts(config)),
    { log: (line) => log.push(line) },
  );
  const { worker } = await bundledWorker(env, { taskQueue, activities: createActivities({ plan: staticPlanSource(config), notifier: mail, client: env.client, taskQueue }) });
  const running = runInBackground(worker);

  try {
    const t0 = await env.currentTimeMs();
    const specs = UNITS.map((unit) => drillSpec(index, 'citizen-reception-invite', unit, t0, MINUTE, drillTail()));
    const notices = specs.flatMap((s) => s.steps.filter((st) => st.kind !== 'close'));
    expect(notices).toHaveLength(UNITS.length * 7);
    const lastNoticeAt = Math.max(...notices.map((n) => n.atMs));
    const expected = expectedMail(specs);

    sink.down('421');
    const handles = await Promise.all(specs.map((spec) => startOccurrence(env.client, spec, { workflowId: spec.id, taskQueue })));
    const clock = manualClock(env, handles);
    await clock.advance(12 * MINUTE);
    sink.down('close');
    await clock.advance(10 * MINUTE);
    const upAt = await env.currentTimeMs();
    expect(upAt - t0).toBeGreaterThanOrEqual(22 * MINUTE);
    expect(upAt).toBeGreaterThan(lastNoticeAt); // every notice fell due during the outage
    expect(sink.messages).toHaveLength(0);
    const attemptsDuringOutage = sink.connections;
    const deferred = log.filter((l) => l.includes('deferred, will retry')).length;
    sink.up();

    await clock.advanceUntil(async () => (await Promise.all(handles.map((h) => h.describe()))).every((d) => d.status.name === 'COMPLETED'), 60 * MINUTE);
    const results = (await Promise.all(handles.map((h) => h.result()))) as OccurrenceState[];
    const doneAt = await env.currentTimeMs();

    const tally = tallyMail(sink.messages, expected);
    const skipped = skippedMail(results);
    console.log(
      `fault-smtp-outage: ${notices.length} notices, ${tally.expected} emails due, ${tally.arrived} arrived, ${skipped.size} skipped as stale, ` +
        `${tally.duplicates} duplicates; during the 22-minute outage: ${attemptsDuringOutage} SMTP connection attempts, ${deferred} deferred attempts; ` +
        `all delivered ${Math.round((doneAt - upAt) / 1000)} s (server time) after SMTP came back`,
    );
    // After the outage each recipient gets one email per occurrence: the latest notice still
    // true (here the last escalation); everything else is recorded as skipped, nothing is lost.
    expect(skipped.size).toBeGreaterThan(0);
    for (const m of tally.missing.filter((m) => !skipped.has(m.messageId))) {
      const r = results.find((x) => x.spec.id === m.occurrence)!;
      console.log('DBG missing not skipped', m.step, m.address, JSON.stringify(r.steps[m.step]));
    }
    expect(tally.missing.map((m) => m.messageId).sort()).toEqual([...skipped].sort());
    expect(tally.duplicates).toBe(0);
    expect(tally.unexpected).toBe(0);
    expect(tally.received).toBe(expected.size - skipped.size);
    for (const spec of specs) {
      const last = spec.steps.filter((st) => st.kind !== 'close').at(-1)!;
      const got = [...expected.values()].filter((e) => e.occurrence === spec.id && !tally.missing.includes(e));
      expect(got.map((e) => e.step)).toEqual(last.to.map(() => last.index));
    }
    // Notices were tried again while SMTP was down, each attempt deferred, not dropped.
    expect(deferred).toBeGreaterThan(0);
    expect(attemptsDuringOutage).toBeGreaterThanOrEqual(deferred);

    for (const r of results) {
      expect(r.status).toBe('overdue');
      expect(r.final).toBe(true);
      const notes = r.steps.filter((st) => st.kind !== 'close');
      const sent = notes.filter((st) => st.state === 'sent');
      expect(sent.map((st) => st.index)).toEqual([notes.at(-1)!.index]);
      for (const st of notes.slice(0, -1)) expect([st.state, st.skipReason === 'superseded' || st.skipReason === 'past-deadline']).toEqual(['skipped', true]);
      // Sent after SMTP came back, within one maximum retry interval (an hour).
      expect(sent[0]!.failures).toBeUndefined();
      expect(sent[0]!.sentAtMs!).toBeGreaterThanOrEqual(upAt);
      expect(sent[0]!.sentAtMs!).toBeLessThanOrEqual(upAt + 60 * MINUTE);
    }
    expect(log.filter((l) => l.includes(': sent ('))).toHaveLength(expected.size - skipped.size);
  } finally {
    worker.shutdown();
    await running;
  }
});

/**
 * Moves the test server's clock forward from one timer of `handles` to the next, each time
 * waiting (with time held still) until no workflow task of theirs is outstanding. Left to
 * skip on its own, the server jumped past the 10-second workflow-task timeout while the
 * worker was still at work (tasks timed out again and again, and at last the runs hit their
 * 10-year execution timeout): the test would have measured the test server, not dondoc.
 */
function manualClock(env: TestWorkflowEnvironment, handles: WorkflowHandle[]) {
  const seconds = (d: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(d?.seconds ?? 0) * 1000 + Math.floor((d?.nanos ?? 0) / 1e6);
  const known = new Map<string, { length: number; pending: boolean; timers: number[] }>();
  const inspect = async (h: WorkflowHandle) => {
    const { historyLength } = await h.describe();
    const seen = known.get(h.workflowId);
    if (seen && seen.length === historyLength) return seen;
    const events = (await h.fetchHistory()).events ?? [];
    const timers = new Map<string, number>();
    for (const e of events) {
      const started = e.timerStartedEventAttributes;
      if (started) timers.set(started.timerId!, seconds(e.eventTime) + seconds(started.startToFireTimeout));
      const ended = e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes;
      if (ended) timers.delete(ended.timerId!);
    }
    const last = events.at(-1)?.eventType;
    const state = {
      length: events.length,
      pending: last === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED || last === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
      timers: [...timers.values()],
    };
    known.set(h.workflowId, state);
    return state;
  };
  /** Waits until the worker is done with every workflow task; returns the next timer's instant. */
  const settle = async (): Promise<number> => {
    for (let i = 0; i < 1500; i++) {
      const states = await Promise.all(handles.map(inspect));
      if (!states.some((st) => st.pending)) return Math.min(...states.flatMap((st) => st.timers));
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('workflow tasks still outstanding after 30 s');
  };
  const advanceTo = async (target: number, done?: () => Promise<boolean>) => {
    for (;;) {
      const next = await settle();
      if (done && (await done())) return;
      const now = await env.currentTimeMs();
      if (now >= target) return;
      await env.sleep(Math.max(1, Math.min(next, target) - now));
    }
  };
  return {
    advance: async (ms: number) => advanceTo((await env.currentTimeMs()) + ms),
    advanceUntil: async (done: () => Promise<boolean>, maxMs: number) => advanceTo((await env.currentTimeMs()) + maxMs, done),
  };
}

function runInBackground(worker: Worker): Promise<void> {
  const running = worker.run();
  running.catch(() => undefined);
  return running;
}
