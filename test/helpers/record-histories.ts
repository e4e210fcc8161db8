/**
 * Records the replay fixtures: runs a few representative occurrence and planner workflows
 * of the shipped plan on a time-skipping test server and writes their histories to
 * test/fixtures/histories/<name>.json (protobufjs `History.toJSON()`; read back with
 * `readHistoryFixture`). test/workflow/replay.test.ts replays every file there against the
 * current workflow code.
 *
 * Not `historyToJSON` from @temporalio/common: in this install @temporalio/common and
 * @temporalio/proto each nest their own copy of protobufjs 8 (the top level holds 7.x for
 * @grpc/proto-loader), and its protojson `toJson` then refuses the History type ("type must
 * be a Type"); `historyFromJSON` and therefore `Worker.runReplayHistory` with plain JSON
 * share that path. The message's own toJSON/fromObject need no cross-copy instanceof.
 *
 *   npx tsx test/helpers/record-histories.ts [scenario…]   # all, or only the named ones
 *
 * Re-record only for a change that is meant to break running workflows (and then think of
 * `patched()` first): a fixture recorded by the code it tests proves nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { installRuntime } from '../../platform/runtime';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import { toolchain } from '../../platform/toolchain';
import type { DigestItem } from '../../activities/types';
import type { mailboxWorkflow } from '../../workflows/mailbox';
import { reopen } from '../../client/occurrence-actions';
import { completeUpdate, extendUpdate, mailboxQuery, queueNoticeSignal, recordUpdate, undoUpdate, waiveUpdate } from '../../workflows/messages';
import { ensureWorkflowBundle } from './bundle';
import { HISTORY_FIXTURES_DIR } from './history-fixtures';
import { at, dondocHarness, specById, type DondocHarness } from './dondoc-harness';

export const FIXTURES_DIR = HISTORY_FIXTURES_DIR;


type Scenario = (h: DondocHarness) => Promise<{ workflowId: string; runId?: string }[]>;

const noon = (ms: number) => at(localDateOfInstant(ms), '12:00');
const BRIEFING = 'occ/quarterly-briefing/huyen/2024-Q3';

/** One occurrence run, recorded under `fixture/<name>`. */
type OccurrenceScenario = (h: DondocHarness, name: string) => Promise<{ workflowId: string; runId?: string }[]>;

const OCCURRENCE_SCENARIOS: Record<string, OccurrenceScenario> = {
  // The whole ladder: reminders, due, overdue (status change), escalations, close.
  never: async (h, name) => {
    const r = await h.startOccurrence(specById(BRIEFING), { workflowId: `fixture/${name}` });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // Completed before the due date: an accepted Update (the pending timer is left alone).
  'on-time': async (h, name) => {
    const r = await h.startOccurrence(specById(BRIEFING), { workflowId: `fixture/${name}` });
    await r.advanceTo(noon(r.spec.steps[1]!.atMs));
    await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'tt-huyen-uy', note: 'Đã họp.' }] });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // A rejected Update (not in history) then a waiver.
  waived: async (h, name) => {
    const r = await h.startOccurrence(specById('occ/citizen-reception-invite/bien-son/2024-03'), { workflowId: `fixture/${name}` });
    await r.advanceTo(noon(r.spec.steps[0]!.atMs));
    await r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason: '' }] }).catch(() => undefined);
    await r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason: 'Không có buổi tiếp dân cần mời.' }] });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // Overdue, extended (the retime activity, fresh step indexes, back to open), then done late.
  extended: async (h, name) => {
    const r = await h.startOccurrence(specById(BRIEFING), { workflowId: `fixture/${name}` });
    await r.advanceTo(noon(r.spec.steps[5]!.atMs));
    await r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-10-12', reason: 'Chờ ý kiến Ban Thường vụ.' }] });
    await r.advanceTo(at('2024-10-16', '12:00'));
    await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'tt-huyen-uy' }] });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // An indicator recorded after its due date.
  recorded: async (h, name) => {
    const r = await h.startOccurrence(specById('occ/veterans-chair-indicator/huyen/2024'), { workflowId: `fixture/${name}` });
    await r.advanceTo(noon(r.spec.steps[3]!.atMs));
    await r.handle.executeUpdate(recordUpdate, { args: [{ by: 'hccb-huyen', value: 57 }] });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // A notice rejected for good, and the unit ending while the occurrence is open.
  'failed-notice-unit-closed': async (h, name) => {
    h.failNotices((n) => (n.step.index === 1 ? ApplicationFailure.nonRetryable('550 hộp thư không tồn tại', 'MailboxRejected') : undefined));
    try {
      const r = await h.startOccurrence(specById('occ/citizen-reception-invite/chu/2024-12'), { workflowId: `fixture/${name}` });
      await r.result();
      return [{ workflowId: r.handle.workflowId }];
    } finally {
      h.failNotices(undefined);
    }
  },
  // The unit merged into a successor while the occurrence was open: handed over, then closed as overdue there.
  'handed-over': async (h, name) => {
    const r = await h.startOccurrence(specById('occ/chair-working-session/bien-dong/2024'), { workflowId: `fixture/${name}` });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // SMTP refusing mail for two days: notices wait on durable timers, the stale ones are dropped.
  'smtp-outage': async (h, name) => {
    const spec = specById(BRIEFING);
    let down = false;
    h.failNotices(() => (down ? new Error('421 dịch vụ tạm ngừng') : undefined));
    try {
      const r = await h.startOccurrence(spec, { workflowId: `fixture/${name}` });
      await r.advanceTo(at('2024-09-27', '06:00'));
      down = true;
      await r.advanceTo(at('2024-09-30', '06:00'));
      down = false;
      await r.advanceTo(at('2024-10-01', '12:00'));
      await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'tt-huyen-uy' }] });
      await r.result();
      return [{ workflowId: r.handle.workflowId }];
    } finally {
      h.failNotices(undefined);
    }
  },
  // Calendar changes (patched in after the fixtures of 07/12/2026): the invitation waived after
  // its first reminder (METHOD:CANCEL), …
  'calendar-cancel': async (h, name) => {
    const r = await h.startOccurrence(specById('occ/citizen-reception-invite/bien-son/2024-03'), { workflowId: `fixture/${name}` });
    await r.advanceTo(noon(r.spec.steps[0]!.atMs));
    await r.handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason: 'Không có buổi tiếp dân cần mời.' }] });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // … and the briefing extended after its first reminder (the meeting moves: METHOD:REQUEST, SEQUENCE 1), then done late.
  'calendar-update': async (h, name) => {
    const r = await h.startOccurrence(specById(BRIEFING), { workflowId: `fixture/${name}` });
    await r.advanceTo(noon(r.spec.steps[0]!.atMs));
    await r.handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: '2024-10-07', reason: 'Chờ ý kiến Ban Thường vụ.' }] });
    await r.advanceTo(at('2024-10-08', '12:00'));
    await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'tt-huyen-uy' }] });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // A reminder queued in a morning digest, the occurrence completed before the digest went out:
  // it withdraws the notice from the mailbox (which has gone: the signal fails, as it may).
  'digest-withdrawn': async (h, name) => {
    h.queueNotices((n) => (n.step.index === 0 ? 'digest/fixture/2024-09-23/0000000000000000' : undefined));
    try {
      const r = await h.startOccurrence(specById(BRIEFING), { workflowId: `fixture/${name}` });
      await r.advanceTo(noon(r.spec.steps[0]!.atMs));
      await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'tt-huyen-uy', note: 'Đã họp.' }] });
      await r.result();
      return [{ workflowId: r.handle.workflowId }];
    } finally {
      h.queueNotices(undefined);
    }
  },
  // Done from a link, undone from it within its window, done again and left: the run waits out the window (patched).
  undone: async (h, name) => {
    const r = await h.startOccurrence(specById(BRIEFING), { workflowId: `fixture/${name}` });
    await r.advanceTo(noon(r.spec.steps[0]!.atMs));
    const link = { by: 'Nguyễn Văn An (Thường trực Huyện ủy)', body: 'tt-huyen-uy', undoMinutes: 30 };
    await r.handle.executeUpdate(completeUpdate, { args: [link] });
    await r.advanceTo((await r.now()) + 10 * 60_000);
    await r.handle.executeUpdate(undoUpdate, { args: [{ by: 'Thường trực Huyện ủy', body: 'tt-huyen-uy', action: 'complete' }] });
    await r.advanceTo(noon(r.spec.steps[1]!.atMs));
    await r.handle.executeUpdate(completeUpdate, { args: [{ ...link, note: 'Đã họp.' }] });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // Done from the CLI and finished, then reopened by the monitor: the new run that carries its state, done late.
  reopened: async (h, name) => {
    const r = await h.startOccurrence(specById(BRIEFING), { workflowId: `fixture/${name}` });
    await r.advanceTo(noon(r.spec.steps[1]!.atMs));
    await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'tt-huyen-uy' }] });
    await r.result();
    await r.advanceTo(at('2024-10-02', '12:00'));
    await reopen(h.env.client, r.handle.workflowId, { by: 'Ban Dân vận Huyện ủy', reason: 'Chưa nhận được biên bản họp.' }, await r.now());
    const again = h.env.client.workflow.getHandle(r.handle.workflowId);
    await r.advanceTo(at('2024-10-04', '12:00'));
    await again.executeUpdate(completeUpdate, { args: [{ by: 'tt-huyen-uy', note: 'Đã gửi biên bản.' }] });
    await again.result();
    return [{ workflowId: r.handle.workflowId, runId: (await again.describe()).runId }];
  },
  // Started late (stale steps skipped), completed late.
  'late-start-completed': async (h, name) => {
    const spec = specById(BRIEFING);
    const r = await h.startOccurrence(spec, { startAtMs: at(spec.due, '12:00'), workflowId: `fixture/${name}` });
    await r.advanceTo(noon(spec.steps[3]!.atMs));
    await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'tt-huyen-uy' }] });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
  // Started twenty working days late on the standard ladder: one wake sends two notices (+7 to
  // Thường trực, +12 to the owner and Ban Dân vận) and waits for both before its next timer
  // (patched('notices-before-next-wait')); then +17, completed late.
  'late-start-two-notices': async (h, name) => {
    const spec = specById('occ/chair-working-session/huyen/2024-Q3');
    const r = await h.startOccurrence(spec, { startAtMs: at('2024-10-22', '12:00'), workflowId: `fixture/${name}` });
    await r.advanceTo(at('2024-10-23', '12:00'));
    await r.handle.executeUpdate(completeUpdate, { args: [{ by: 'ubnd-huyen' }] });
    await r.result();
    return [{ workflowId: r.handle.workflowId }];
  },
};


/** The `i`th notice of a morning: the briefing's first step, for an occurrence that does not exist (its report back is lost). */
function absentItem(i: number): DigestItem {
  const { steps, ...occurrence } = specById(BRIEFING);
  return { workflowId: `fixture/absent-${i}`, notice: { occurrence, step: steps[0]!, logicalAtMs: steps[0]!.atMs }, bodies: ['tt-huyen-uy'] };
}

/** A mailbox of the fixtures' morning (window 2 minutes, rounds of `roundLimit`), started with notice 1. */
function startMailbox(h: DondocHarness, workflowId: string, roundLimit: number) {
  return h.env.client.workflow.signalWithStart<typeof mailboxWorkflow, [DigestItem]>('mailboxWorkflow', {
    workflowId,
    taskQueue: h.taskQueue,
    args: [{ morning: '2024-09-23', windowMs: 120_000, roundLimit }],
    signal: queueNoticeSignal,
    signalArgs: [absentItem(1)],
  });
}

/** name → what to run; each returns the executions whose histories it writes, in order. */
const SCENARIOS: Record<string, Scenario> = {
  ...Object.fromEntries(
    Object.entries(OCCURRENCE_SCENARIOS).map(([s, scenario]) => {
      const name = `occurrence-${s}`;
      return [name, (h: DondocHarness) => scenario(h, name)] as const;
    }),
  ),
  // A morning digest: two notices (their occurrences need not exist), sent after the window, each reported back.
  'mailbox-digest': async (h) => {
    const notice = (step: number) => {
      const { steps, ...occurrence } = specById(BRIEFING);
      return { occurrence, step: steps[step]!, logicalAtMs: steps[step]!.atMs };
    };
    const workflowId = 'digest/fixture/2024-09-23/0000000000000001';
    const handle = await h.env.client.workflow.signalWithStart<typeof mailboxWorkflow, [DigestItem]>('mailboxWorkflow', {
      workflowId,
      taskQueue: h.taskQueue,
      args: [{ morning: '2024-09-23', windowMs: 120_000 }],
      signal: queueNoticeSignal,
      signalArgs: [{ workflowId: 'fixture/absent-1', notice: notice(0), bodies: ['tt-huyen-uy'] }],
    });
    await handle.signal(queueNoticeSignal, { workflowId: 'fixture/absent-2', notice: notice(1), bodies: ['tt-huyen-uy'] });
    await handle.result();
    return [{ workflowId }];
  },
  // A morning digest with more notices than a round carries (limit 1): three rounds, the later ones at once (the round-limit patch).
  'mailbox-digest-rounds': async (h) => {
    const workflowId = 'digest/fixture/2024-09-23/0000000000000002';
    const handle = await startMailbox(h, workflowId, 1);
    for (const i of [2, 3]) await handle.signal(queueNoticeSignal, absentItem(i));
    await handle.result();
    return [{ workflowId }];
  },
  // A round that fills (limit 2) goes at once; the mailbox gathers on, and a third notice goes at the window's end (the full-round patch).
  'mailbox-full-round': async (h) => {
    const workflowId = 'digest/fixture/2024-09-23/0000000000000003';
    const handle = await startMailbox(h, workflowId, 2);
    await handle.signal(queueNoticeSignal, absentItem(2));
    while ((await handle.query(mailboxQuery)).rounds.length === 0) await new Promise((r) => setTimeout(r, 50));
    await handle.signal(queueNoticeSignal, absentItem(3));
    await handle.result();
    return [{ workflowId }];
  },
  // A planner since `planner-opens-and-finds-next`: one local activity a cycle, several cycles a
  // run, continued as new at its history limit (15 events here). Written as planner-opens-1.json, ….
  // (`planner-1..3` and `planner-cycles-1..2` were recorded by the paths before it, which the
  // current code no longer starts: they are kept as recorded.)
  'planner-opens': async (h) => {
    const p = await h.startPlanner(
      { obligation: 'quarterly-briefing', target: 'huyen', notDueBeforeMs: at('2024-01-01'), until: '2024-12-31', historyLimit: 15 },
      { startAtMs: at('2024-01-01'), workflowId: 'fixture/planner-opens' },
    );
    await p.result();
    return (await p.runs()).map((r) => ({ workflowId: p.handle.workflowId, runId: r.runId }));
  },
};

/** Records the named scenarios (all when `only` is empty); other fixture files are left as they are. */
export async function recordHistories(outDir = FIXTURES_DIR, only: readonly string[] = []): Promise<string[]> {
  const unknown = only.filter((name) => !(name in SCENARIOS));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  installRuntime('ERROR');
  const bundle = await ensureWorkflowBundle();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: toolchain().testServer } },
  });
  const written: string[] = [];
  try {
    const h = await dondocHarness(env, bundle);
    try {
      fs.mkdirSync(outDir, { recursive: true });
      for (const [name, scenario] of Object.entries(SCENARIOS).filter(([name]) => only.length === 0 || only.includes(name))) {
        const executions = await scenario(h);
        for (const [i, e] of executions.entries()) {
          const history = await env.client.workflow.getHandle(e.workflowId, e.runId).fetchHistory();
          const file = path.join(outDir, executions.length > 1 ? `${name}-${i + 1}.json` : `${name}.json`);
          const json = temporal.api.history.v1.History.fromObject(history).toJSON();
          fs.writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
          written.push(file);
          console.log(`${path.relative(process.cwd(), file)}: ${history.events?.length} events`);
        }
      }
    } finally {
      await h.close();
    }
  } finally {
    await env.teardown();
  }
  return written;
}

if (require.main === module) {
  recordHistories(FIXTURES_DIR, process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
