/**
 * What the monitor learns of an occurrence handed over (issue 14, a unit that ends): when its
 * unit merges into a successor, `dondoc status` (text and --json), the board and the occurrence
 * page say "… chuyển giao cho …", from the memo the workflow upserts at the handover (visibility)
 * and from its state (the page). The report's side is test/workflow/unit-ends.test.ts.
 *
 * Isolation: a drill of chair-working-session for xã Biển Động, its unit made to end a few
 * seconds after the start, on this file's own task queue and plan id; rows found by their id.
 */
import { describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities';
import { staticPlanSource } from '../../config/plan-source';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import { drillSpec } from '../../domain/drill';
import { periodContaining } from '../../domain/periods';
import type { OccurrenceSpec } from '../../domain/spec';
import { drillTail } from '../../platform/drill-tail';
import { listOccurrences, type StatusRow } from '../../client/status';
import { stateQuery, type OccurrenceState } from '../../workflows/messages';
import { createWebServer } from '../../web/server';
import { handedOverWords } from '../../vocabulary';
import { lines, runDondoc } from '../helpers/cli';
import { planIndex, pollUntil, recordingNotifier, startOccurrence, testConfig, uniqueTag } from '../helpers/integration-plan';
import { bundledWorker, useDevServer } from '../helpers/temporal';
import { conventionReport } from '../helpers/conventions';

const dev = useDevServer();
const FROM = 'bien-dong';
const TO = 'tt-bien-dong';
const OBLIGATION = 'chair-working-session';

describe('an occurrence whose unit merges into a successor', () => {
  it('dondoc status (text and JSON), the board and /o/… say "chuyển giao cho …", and it counts for the successor', { timeout: 120_000 }, async () => {
    const STEP = 60_000;
    const tag = uniqueTag('ho');
    const config = testConfig({ tag, obligations: [OBLIGATION] });
    const index = planIndex(config);
    const taskQueue = `itest-handover-${tag}`;
    const activities = createActivities({ plan: staticPlanSource(config), notifier: recordingNotifier(), client: dev.env.client, taskQueue });
    const { worker } = await bundledWorker(dev.env, { taskQueue, activities });
    const running = worker.run();
    try {
      // xã Biển Động ends three seconds after the start; its open occurrence goes on as thị trấn Biển Động's.
      const now = Date.now();
      const endsAtMs = now + 3_000;
      const on = localDateOfInstant(endsAtMs);
      const spec: OccurrenceSpec = {
        ...drillSpec(index, OBLIGATION, FROM, now, STEP, drillTail()),
        unitEndsAtMs: endsAtMs,
        unitEnd: { way: 'handover', on, successor: TO, successorName: index.unitName(TO) },
      };
      dev.leftovers.add(spec.id);
      const handle = await startOccurrence(dev.env.client, spec, { workflowId: spec.id, taskQueue });
      const state = await pollUntil(
        () => handle.query(stateQuery) as Promise<OccurrenceState>,
        (s) => s.handedOver !== undefined,
        { timeoutMs: 30_000 },
      );
      expect(state.spec.unit).toBe(TO);
      const handedOver = { from: FROM, fromName: 'xã Biển Động', to: TO, toName: 'thị trấn Biển Động', on };
      const words = handedOverWords(handedOver);

      // dondoc status, from visibility: listed under the successor, with the handover.
      const mine = (rows: StatusRow[]) => rows.find((r) => r.id === spec.id);
      const seen = await pollUntil(
        async () => mine(await listOccurrences(dev.env.client, { unit: TO, obligation: OBLIGATION })),
        (r) => r?.handedOver != null,
        { timeoutMs: 15_000 },
      );
      expect(seen).toMatchObject({ unit: TO, handedOver });
      expect(mine(await listOccurrences(dev.env.client, { unit: FROM, obligation: OBLIGATION }))).toBeUndefined();
      const cliEnv = { TEMPORAL_ADDRESS: inject('temporalAddress'), DONDOC_TASK_QUEUE: taskQueue };
      const [text, json] = await Promise.all([
        runDondoc(['status', '--unit', TO, '--obligation', OBLIGATION], cliEnv, 60_000),
        runDondoc(['status', '--unit', TO, '--obligation', OBLIGATION, '--json'], cliEnv, 60_000),
      ]);
      expect({ code: text.code, stderr: text.stderr }).toEqual({ code: 0, stderr: '' });
      expect(mine(JSON.parse(json.stdout) as StatusRow[])?.handedOver).toEqual(handedOver);
      const out = lines(text.stdout);
      const at = out.findIndex((l) => l.endsWith(spec.id));
      expect(at).toBeGreaterThanOrEqual(0);
      expect(out.slice(at + 1, at + 3)).toContain(`            X${words.slice(1)}.`);

      const app = await createWebServer({ client: dev.env.client, plan: staticPlanSource(config), linkSecrets: ['integration-secret-0123456789-abcdefgh'], log: () => {} });
      try {
        // The occurrence page: the successor's territory, from whom it came.
        const page = await app.inject({ url: `/o/${spec.id}` });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(`thị trấn Biển Động <span class="muted">(${words})</span>`);
        expect(conventionReport([[`/o/${spec.id}`, page.body]])).toEqual([]);
        // The board of its quarter: its square in thị trấn Biển Động's row says from whom.
        const quarter = periodContaining('quarterly', seen!.due!).key;
        const board = await app.inject({ url: `/board?period=${quarter}` });
        expect(board.statusCode).toBe(200);
        const row = board.body.split('<tr>').find((r) => r.includes(spec.id))!;
        expect(row).toMatch(/<th class="unit" scope="row">thị trấn Biển Động<\/th>/);
        expect(row).toContain(`— ${words}"`);
      } finally {
        await app.close();
      }
    } finally {
      worker.shutdown();
      await running;
    }
  });
});
