/**
 * What the monitor learns after a catch-up (issue 21, point 3): an occurrence that finds several
 * of its notices due at once sends each recipient only the latest and records the rest as
 * skipped; `dondoc status` shows how many per occurrence and in total (from the memo, through
 * visibility), and the occurrence page shows each skipped step with its reason.
 *
 * Isolation: a drill of citizen-reception-invite for unit tan-moc (no other integration file
 * uses it), on this file's own task queue.
 */
import { describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { staticPlanSource } from '../../config/plan-source';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { listOccurrences, type StatusRow } from '../../client/status';
import { stateQuery, type OccurrenceState } from '../../workflows/messages';
import { createWebServer } from '../../web/server';
import { skipReasonLabel } from '../../vocabulary';
import { lines, runDondoc } from '../helpers/cli';
import { planIndex, pollUntil, recordingNotifier, startOccurrence, testConfig, uniqueTag } from '../helpers/integration-plan';
import { bundledWorker, useDevServer } from '../helpers/temporal';
import { conventionReport } from '../helpers/conventions';

const dev = useDevServer();
const UNIT = 'tan-moc';
const OBLIGATION = 'citizen-reception-invite';

describe('after a catch-up', () => {
  it('dondoc status counts the skipped notices per occurrence and in total; /o/… shows each with its reason', { timeout: 120_000 }, async () => {
    const STEP = 60_000;
    const tag = uniqueTag('cm');
    const config = testConfig({ tag, obligations: [OBLIGATION] });
    const index = planIndex(config);
    const taskQueue = `itest-catch-up-${tag}`;
    const notifier = recordingNotifier();
    const activities = createActivities({ plan: staticPlanSource(config), notifier, client: dev.env.client, taskQueue });
    const { worker } = await bundledWorker(dev.env, { taskQueue, activities });
    const running = worker.run();
    try {
      // Opened 12 "working days" (minutes) late: its reminders, the due-day notice and the first
      // overdue notices are all found due at once, far beyond the drill's grace (half a step).
      const spec = drillSpec(index, OBLIGATION, UNIT, Date.now() - 12 * STEP, STEP, drillTail());
      const late = spec.steps.filter((s) => s.atMs <= Date.now() && s.kind !== 'close');
      expect(late.length).toBeGreaterThan(2);
      dev.leftovers.add(spec.id);
      const handle = await startOccurrence(dev.env.client, spec, { workflowId: spec.id, taskQueue });

      const state = await pollUntil(
        () => handle.query(stateQuery) as Promise<OccurrenceState>,
        (s) => s.skippedNotices > 0 && s.steps.every((st) => st.atMs > Date.now() - STEP || !['pending', 'sending'].includes(st.state)),
        { timeoutMs: 30_000 },
      );
      expect(state.skippedNotices).toBeGreaterThan(0);
      const skippedSteps = state.steps.filter((s) => s.skipped?.length);
      expect(skippedSteps.length).toBeGreaterThan(0);
      expect(skippedSteps.reduce((n, s) => n + s.skipped!.length, 0)).toBe(state.skippedNotices);
      // Each recipient got at most one of the notices found late.
      const sentTo = notifier.of(spec.id).flatMap((n) => n.input.step.to);
      expect(new Set(sentTo).size).toBe(sentTo.length);

      // dondoc status, from visibility (the memo follows the state within a moment).
      const cliEnv = { TEMPORAL_ADDRESS: inject('temporalAddress'), DONDOC_TASK_QUEUE: taskQueue };
      const mine = (rows: StatusRow[]) => rows.find((r) => r.id === spec.id);
      const seen = await pollUntil(
        async () => mine(await listOccurrences(dev.env.client, { unit: UNIT, obligation: OBLIGATION })),
        (r) => r?.skippedNotices === state.skippedNotices,
        { timeoutMs: 15_000 },
      );
      expect(seen?.skippedNotices).toBe(state.skippedNotices);
      const [text, json] = await Promise.all([
        runDondoc(['status', '--unit', UNIT, '--obligation', OBLIGATION], cliEnv, 60_000),
        runDondoc(['status', '--unit', UNIT, '--obligation', OBLIGATION, '--json'], cliEnv, 60_000),
      ]);
      expect({ code: text.code, stderr: text.stderr }).toEqual({ code: 0, stderr: '' });
      const rows = JSON.parse(json.stdout) as StatusRow[];
      expect(mine(rows)?.skippedNotices).toBe(state.skippedNotices);
      const out = lines(text.stdout);
      const at = out.findIndex((l) => l.endsWith(spec.id));
      expect(at).toBeGreaterThanOrEqual(0);
      expect(out.slice(at + 1, at + 3)).toContain(
        `            Không gửi bù ${state.skippedNotices} thông báo bị lỡ (${skipReasonLabel('superseded')}, hoặc ${skipReasonLabel('past-deadline')}).`,
      );
      const withSkips = rows.filter((r) => r.skippedNotices > 0);
      const total = withSkips.reduce((n, r) => n + r.skippedNotices, 0);
      expect(out.at(-1)).toMatch(new RegExp(`^Không gửi bù ${total} thông báo bị lỡ ở ${withSkips.length} lần thực hiện: `));

      // The occurrence page: every skipped recipient, with the reason and the notice that went instead.
      const app = await createWebServer({ client: dev.env.client, plan: staticPlanSource(config), linkSecrets: ['integration-secret-0123456789-abcdefgh'], log: () => {} });
      try {
        const page = await app.inject({ url: `/o/${spec.id}` });
        expect(page.statusCode).toBe(200);
        // The timeline's rows, in the order of the state's steps.
        const rows = page.body.slice(page.body.indexOf('<tbody>')).split('<tr class="step-').slice(1);
        expect(rows).toHaveLength(state.steps.length);
        for (const step of skippedSteps) {
          const row = rows[state.steps.indexOf(step)]!;
          for (const k of step.skipped!) expect(row).toContain(skipReasonLabel(k.reason));
          if (step.state === 'skipped') expect(row).toContain('không gửi: ');
          else for (const k of step.skipped!) expect(row).toMatch(new RegExp(`Không gửi tới [^<]*${escapeRegExp(index.bodyName(k.body))}`));
        }
        expect(conventionReport([[`/o/${spec.id}`, page.body]])).toEqual([]);
      } finally {
        await app.close();
      }
    } finally {
      worker.shutdown();
      await running;
    }
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
