/**
 * Fault: the embedded Temporal dev server (SQLite file with WAL, as `npm start` runs it) goes
 * away in the middle of occurrences' timelines and comes back on the same database file and
 * port, first stopped cleanly (SIGTERM, as Ctrl-C does), later killed (SIGKILL of its process
 * group). The worker keeps running throughout. Timers that fell due while the server was
 * away fire once it is back, later ones on time; every email arrives at the SMTP sink once.
 *
 * The server here is this file's own (the run's shared one is in memory and must not stop).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { createMailNotifier, type MailNotifier } from '../../activities/email';
import { staticPlanSource } from '../../config/plan-source';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { freePort, startDevServer, type DevServer } from '../../platform/dev-server';
import { installRuntime } from '../../platform/runtime';
import { ensureSearchAttributes } from '../../platform/search-attributes';
import { toolchain } from '../../platform/toolchain';
import { createDondocWorker } from '../../workers/worker';
import type { OccurrenceState } from '../../workflows/messages';
import { SA } from '../../workflows/search-attributes';
import { FAULT_SECRET, expectedMail, realContacts, skippedMail, tallyMail } from '../helpers/fault';
import { planIndex, pollUntil, sleep, startOccurrence, testConfig, uniqueTag } from '../helpers/integration-plan';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

const STEP = 4_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-fault-server-'));
const dbFile = path.join(dir, 'temporal.db');
let port: number;
let server: DevServer | undefined;
let sink: SmtpSink;
let mail: MailNotifier | undefined;

const start = () => startDevServer({ cli: toolchain().temporalCli, port, dbFile, logFile: path.join(dir, 'temporal.log') });

beforeAll(async () => {
  installRuntime('ERROR'); // the worker's connection errors while the server is away are expected
  port = await freePort();
  server = await start();
  const connection = await Connection.connect({ address: server.address });
  try {
    await ensureSearchAttributes(connection, 'default');
  } finally {
    await connection.close();
  }
  sink = await startSmtpSink();
});
afterAll(async () => {
  await mail?.close();
  await server?.stop();
  await sink?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('timers fire after the server is stopped and after it is killed, on the same database file; each email at most once, and what did not go was skipped as stale, not lost', { timeout: 150_000 }, async () => {
  const tag = uniqueTag('fs');
  const taskQueue = `fault-server-${tag}`;
  // The shipped drill ladder: reminders −2 and −1, due, +1, +2, +3, +5, closed at +8 steps.
  const config = testConfig({ tag, obligations: ['chair-working-session', 'citizen-reception-invite'], ladder: 'drill' });
  const index = planIndex(config);
  const plan = staticPlanSource(realContacts(config));
  mail = createMailNotifier(
    { SMTP_URL: sink.url, MAIL_FROM: 'dondoc <dondoc@lucngan.test>', DONDOC_LINK_SECRET: FAULT_SECRET, DONDOC_PUBLIC_URL: 'http://localhost:8080', dataDir: dir },
    plan,
    { log: () => {} },
  );
  const address = server!.address;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const workerConnection = await NativeConnection.connect({ address });
  const worker = await createDondocWorker({
    connection: workerConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createActivities({ plan, notifier: mail, client, taskQueue }),
  });
  const running = worker.run();
  let workerFailure: unknown;
  running.catch((err: unknown) => (workerFailure = err));

  try {
    // A few seconds ahead: an occurrence whose first workflow task runs after two of its
    // steps are due sends only the latest (workflows/occurrence.ts).
    const now = Date.now() + 3_000;
    const specs = [
      drillSpec(index, 'chair-working-session', 'huyen', now, STEP, drillTail()),
      drillSpec(index, 'citizen-reception-invite', 'huyen', now, STEP, drillTail()),
      drillSpec(index, 'citizen-reception-invite', 'bien-son', now, STEP, drillTail()),
      drillSpec(index, 'citizen-reception-invite', 'tan-son', now, STEP, drillTail()),
    ];
    const expected = expectedMail(specs);
    const handles = await Promise.all(specs.map((spec) => startOccurrence(client, spec, { workflowId: spec.id, taskQueue })));
    const stepTimes = specs[0]!.steps.map((s) => s.atMs);
    const emailsOfStep = (i: number) => [...expected.values()].filter((e) => e.step === i).length;
    const arrivedThrough = (i: number) => [...expected.values()].filter((e) => e.step <= i).length;
    /** Two steps, and at least until a step with emails has fallen due (on a loaded machine the waits above run late). */
    const awayUntilAStepPassed = (downAt: number) => {
      const next = stepTimes.find((t, i) => t > downAt && emailsOfStep(i) > 0);
      if (next === undefined) throw new Error('no step left to fall due during the outage: the machine is too slow for this timeline');
      return Math.max(2 * STEP, next + 1_000 - Date.now());
    };

    // 1. Clean stop after the second reminder, down for two steps.
    await sink.waitFor(arrivedThrough(1), 60_000);
    await server!.stop();
    const stoppedAt = Date.now();
    await sleep(awayUntilAStepPassed(stoppedAt));
    const firstRestart = Date.now(); // nothing can run before this: no server process
    server = await start();
    const firstBack = Date.now();
    expect(firstBack - stoppedAt).toBeGreaterThan(STEP); // at least one step fell due meanwhile

    // 2. Killed (SIGKILL of the server and its guard) once the +2 overdue notice is out.
    const plus2 = specs[0]!.steps.findIndex((s) => s.kind === 'overdue' && s.offset === 2);
    expect(plus2).toBeGreaterThan(0);
    await sink.waitFor(arrivedThrough(plus2), 60_000);
    process.kill(-server.pid, 'SIGKILL');
    await server.stop(); // returns once it has exited
    const killedAt = Date.now();
    await sleep(awayUntilAStepPassed(killedAt));
    const secondRestart = Date.now();
    server = await start();
    const secondBack = Date.now();

    const results = (await Promise.all(handles.map((h) => h.result()))) as OccurrenceState[];
    await sleep(500);
    const tally = tallyMail(sink.messages, expected);
    console.log(
      `fault-server-restart: ${tally.expected} emails expected, ${tally.arrived} arrived, ${tally.duplicates} duplicates; ` +
        `server down ${firstBack - stoppedAt} ms (stopped) and ${secondBack - killedAt} ms (killed)`,
    );
    expect(workerFailure).toBeUndefined();
    // What did not arrive is exactly what the workflows recorded as skipped: notices that fell
    // due while the server was away and were superseded by a later one to the same body, or no
    // longer true (domain/catch-up.ts) — never a notice lost.
    const skipped = skippedMail(results);
    expect(skipped.size).toBeGreaterThan(0);
    expect(tally.missing.map((m) => m.messageId).sort()).toEqual([...skipped].sort());
    expect(tally.duplicates).toBe(0);
    expect(tally.unexpected).toBe(0);

    // Steps that fell due while the server was away went out after it was started again; the
    // others no earlier than their time.
    const outages = [
      [stoppedAt, firstRestart],
      [killedAt, secondRestart],
    ] as const;
    for (const [down, up] of outages) {
      const missed = stepTimes.map((t, i) => ({ t, i })).filter(({ t, i }) => t > down && t < up && emailsOfStep(i) > 0);
      expect(missed.length).toBeGreaterThan(0);
      for (const { i } of missed) {
        const ids = new Set([...expected.values()].filter((e) => e.step === i).map((e) => e.messageId));
        for (const m of sink.messages.filter((m) => ids.has(m.parsed.messageId!))) expect(m.receivedAt).toBeGreaterThanOrEqual(up);
      }
    }
    for (const m of sink.messages) {
      const e = expected.get(m.parsed.messageId!)!;
      expect(m.receivedAt).toBeGreaterThanOrEqual(stepTimes[e.step]! - 50);
    }

    for (const r of results) {
      expect(r.status).toBe('overdue');
      expect(r.final).toBe(true);
      expect(r.steps.every((s) => (s.state === 'sent' || (s.state === 'skipped' && s.skipReason !== 'resolved')) && !s.failures)).toBe(true);
    }
    // The server's visibility (same SQLite file) shows them closed overdue.
    const listed = await pollUntil(
      async () => {
        const ids: string[] = [];
        for await (const w of client.workflow.list({ query: `${SA.plan.name} = '${config.plan.id}' AND ${SA.status.name} = 'overdue'` })) ids.push(w.workflowId);
        return ids.sort();
      },
      (ids) => ids.length === specs.length,
      { timeoutMs: 10_000 },
    );
    expect(listed).toEqual(specs.map((s) => s.id).sort());
  } finally {
    worker.shutdown();
    await running.catch(() => undefined);
    await workerConnection.close();
    await connection.close();
  }
});
