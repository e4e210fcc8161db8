/**
 * Units that end, simulated across 01/01/2025 with nobody answering: xã Biển Động became thị
 * trấn Biển Động (merged: its open work is handed over and goes on there); xã Kiên Lao went to
 * thị xã Chũ (transferred out of the plan's scope: its open work is closed with that reason).
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { toInstantMs } from '../../domain/calendar/local-date';
import { simulate, type SimulationResult } from '../../workers/simulation/simulate';
import { stateQuery, type OccurrenceState } from '../../workflows/messages';
import { shippedPlan } from '../helpers/dondoc-harness';
import { buildReport, renderReport, temporalSource, type AnnualReport } from '../../reporting';
import { CSV_COLUMNS } from '../../reporting/render/text';

const { config, index } = shippedPlan();
const NEW_YEAR = toInstantMs('2025-01-01', '00:00');
const SESSION_BIEN_DONG = 'occ/chair-working-session/bien-dong/2024'; // the annual session, due 31/12/2024
const SESSION_KIEN_LAO = 'occ/chair-working-session/kien-lao/2024';

let bienDong: SimulationResult;
let kienLao: SimulationResult;
const finals: Record<string, OccurrenceState> = {};
/** xã Biển Động's report of 2024, read from the simulation's server as `dondoc report` reads it. */
let bienDongReport: AnnualReport;

beforeAll(async () => {
  const run = (unit: string) =>
    simulate({
      config,
      from: '2024-12-01',
      months: 2,
      unit,
      obligation: 'chair-working-session',
      respond: 'never',
      workflowBundle: { codePath: inject('workflowBundlePath') },
      inspect: async (client, endedMs) => {
        for (const id of [SESSION_BIEN_DONG, SESSION_KIEN_LAO]) {
          finals[id] = await client.workflow.getHandle(id).query(stateQuery).catch(() => finals[id]!);
        }
        if (unit === 'bien-dong') bienDongReport = await buildReport(index, { year: 2024, unit, asOfMs: endedMs }, temporalSource(client));
      },
    });
  [bienDong, kienLao] = await Promise.all([run('bien-dong'), new Promise((r) => setTimeout(r, 2_000)).then(() => run('kien-lao'))]);
}, 240_000);

describe('a merged commune', () => {
  it('hands its open occurrence over: the outcome says handedTo, and it keeps escalating to the successor’s bodies', () => {
    const outcome = bienDong.outcomes.find((o) => o.occurrence === SESSION_BIEN_DONG)!;
    expect(outcome).toMatchObject({ handedTo: 'tt-bien-dong', unit: 'tt-bien-dong', status: 'overdue' });
    const after = bienDong.notifications.filter((n) => n.occurrence === SESSION_BIEN_DONG && Date.parse(n.at) >= NEW_YEAR);
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((n) => n.kind === 'escalation')).toBe(true);
    for (const n of after) {
      for (const body of n.to) expect(index.bodies.get(body)?.unit, body).not.toBe('bien-dong');
    }
    expect(after.flatMap((n) => n.to)).toContain('ubnd-tt-bien-dong');
    expect(after.flatMap((n) => n.to)).toContain('dang-uy-tt-bien-dong');
    const state = finals[SESSION_BIEN_DONG]!;
    expect(state.handedOver).toMatchObject({ from: 'bien-dong', to: 'tt-bien-dong', toName: 'thị trấn Biển Động', unmatched: [] });
  });
});

describe('the report of the merged commune’s year', () => {
  const WORDS = 'xã Biển Động chuyển giao cho thị trấn Biển Động từ ngày 01/01/2025';

  it('lists the occurrences still open on 01/01/2025 (here the overdue ones) as handed over, and only those, from the memo of the running workflows', () => {
    const fact = bienDongReport.facts.find((f) => f.id === SESSION_BIEN_DONG)!;
    expect(fact).toMatchObject({ unit: 'bien-dong', status: 'overdue', handedOver: { from: 'bien-dong', fromName: 'xã Biển Động', to: 'tt-bien-dong', toName: 'thị trấn Biển Động', on: '2025-01-01' } });
    const handed = bienDongReport.facts.filter((f) => f.handedOver).map((f) => f.id);
    expect(handed).toContain(SESSION_BIEN_DONG);
    expect(handed).toEqual(bienDongReport.facts.filter((f) => f.status === 'overdue').map((f) => f.id));
    expect(bienDongReport.overdue.map((it) => it.handedOver?.to)).toEqual(handed.map(() => 'tt-bien-dong'));
  });

  it('says so in the document (the overdue annex and a note on where it is counted) and in the CSV', async () => {
    const md = (await renderReport(index, bienDongReport, 'md')).toString('utf8');
    const handed = bienDongReport.facts.filter((f) => f.handedOver).length;
    expect(md.split(`(${WORDS})`)).toHaveLength(handed + 1); // one per row of the overdue annex
    expect(md).toContain(`${handed} lượt nhiệm vụ của ${WORDS} được tính tại địa bàn xã Biển Động.`);
    const csv = (await renderReport(index, bienDongReport, 'csv')).toString('utf8').split('\r\n');
    const column = CSV_COLUMNS.indexOf('Chuyển giao');
    expect(column).toBe(CSV_COLUMNS.length - 1);
    const row = csv.find((l) => l.startsWith(`${SESSION_BIEN_DONG},`))!;
    expect(row.endsWith(`,${WORDS}`)).toBe(true);
    expect(csv.filter((l) => l.endsWith(`,${WORDS}`))).toHaveLength(handed);
  });
});

describe('a commune transferred out of the plan', () => {
  it('closes its open occurrence on 01/01/2025 with the reason, never "giải thể"', () => {
    const outcome = kienLao.outcomes.find((o) => o.occurrence === SESSION_KIEN_LAO)!;
    expect(outcome).toMatchObject({ status: 'closed', unit: 'kien-lao' });
    expect(outcome.handedTo).toBeUndefined();
    expect(Date.parse(outcome.resolvedAt!)).toBe(NEW_YEAR);
    const state = finals[SESSION_KIEN_LAO]!;
    expect(state.resolution).toMatchObject({ action: 'close', reason: 'chuyển về thị xã Chũ từ ngày 01/01/2025 (Nghị quyết 1191/NQ-UBTVQH15)' });
    expect(kienLao.notifications.filter((n) => n.occurrence === SESSION_KIEN_LAO && Date.parse(n.at) >= NEW_YEAR)).toEqual([]);
  });
});
