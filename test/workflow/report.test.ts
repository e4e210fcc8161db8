/**
 * The annual report drafted from a simulated year: the district's own obligations (unit
 * huyen) with the seeded `mixed` responder, the plan applied on 1 February 2024 — the real
 * planners and occurrences on the time-skipping test server, then the report read from those
 * workflows by `temporalSource` (describe + result, the same path as `dondoc report`).
 * Its figures must equal the statuses the simulation produced.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection } from '@temporalio/client';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import { isGraded, relationContext } from '../../domain/relation';
import { buildReport, renderReport, temporalSource, type AnnualReport } from '../../reporting';
import { expectedOccurrences } from '../../reporting/facts';
import { CSV_COLUMNS } from '../../reporting/render/text';
import { behaviourOf } from '../../workers/simulation/responder';
import { simulate, type SimulationResult } from '../../workers/simulation/simulate';
import { shippedPlan } from '../helpers/dondoc-harness';
import { dondoc, type Run } from '../unit/cli/run';
import { countVi } from '../../vocabulary';

const { config, index } = shippedPlan();
// Seed 10 gives these 31 occurrences every behaviour: 14 on time, 12 late, 3 waived, 2 never answered.
const SEED = 10;
let sim: SimulationResult;
let report: AnnualReport;
let lastEndedMs = 0;
let cli: Run;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-report-'));
const csvFile = path.join(tmp, 'bao-cao.csv');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `dondoc …` in this process, against the simulation's server. */
async function dondocAt(address: string, namespace: string, ...args: string[]): Promise<Run> {
  const saved = { address: process.env.TEMPORAL_ADDRESS, namespace: process.env.TEMPORAL_NAMESPACE };
  Object.assign(process.env, { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace });
  try {
    return await dondoc(...args);
  } finally {
    for (const [key, value] of [['TEMPORAL_ADDRESS', saved.address], ['TEMPORAL_NAMESPACE', saved.namespace]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

beforeAll(async () => {
  sim = await simulate({
    config,
    from: '2024-02-01',
    months: 11,
    unit: 'huyen',
    respond: 'mixed',
    seed: SEED,
    workflowBundle: { codePath: inject('simulationBundlePath') },
    inspect: async (client, endedMs) => {
      lastEndedMs = endedMs;
      report = await buildReport(index, { year: 2024, unit: 'huyen', asOfMs: endedMs }, temporalSource(client, { concurrency: 8 }));
      // The command itself, on the same server.
      cli = await dondocAt((client.connection as Connection).options.address, client.options.namespace, 'report', '--year', '2024', '--unit', 'huyen', '--out', csvFile);
    },
  });
  console.log(`[report] simulated ${sim.outcomes.length} occurrences in ${sim.wallMs} ms; totals ${JSON.stringify(report.totals)}`);
}, 240_000);

describe('the report of a simulated year (huyện Lục Ngạn, mixed, seed 10, plan applied 01/02/2024)', () => {
  it('each occurrence of 2024 has the status its workflow ended with; the ones before the plan was applied are "not started"', () => {
    const outcomes = new Map(sim.outcomes.filter((o) => o.due.startsWith('2024-')).map((o) => [o.occurrence, o]));
    expect(outcomes.size).toBeGreaterThan(20);
    const expected = expectedOccurrences(index, { year: 2024, unit: 'huyen' });
    expect(report.facts.map((f) => f.id)).toEqual(expected.map((o) => o.id));
    for (const fact of report.facts) {
      const outcome = outcomes.get(fact.id);
      if (outcome) {
        expect(fact.status, fact.id).toBe(outcome.status);
        // resolvedAt is written to the second.
        if (outcome.resolvedAt) expect(Math.abs(fact.endedAtMs! - Date.parse(outcome.resolvedAt)), fact.id).toBeLessThan(1000);
      } else {
        expect(fact.status, fact.id).toBe('not-started');
        expect(fact.due < '2024-02-01', fact.id).toBe(true);
      }
    }
    expect(report.asOf).toBe(localDateOfInstant(lastEndedMs));
  });

  it('the counts equal the statuses the simulation produced, and follow the seeded behaviours', () => {
    // The graded occurrences: those the report accounts for (not its own duty), but the duties Party
    // leadership owns (the giao ban), which are said as held, not counted.
    const graded = new Set(report.facts.filter((f) => isGraded(f.owners, relationContext(index))).map((f) => f.id));
    expect(report.facts.some((f) => !graded.has(f.id))).toBe(true);
    const in2024 = sim.outcomes.filter((o) => o.due.startsWith('2024-') && graded.has(o.occurrence));
    const n = (status: string) => in2024.filter((o) => o.status === status).length;
    const t = report.totals;
    expect({ onTime: t.onTime, late: t.late, overdue: t.overdue, waived: t.waived, closed: t.closed, open: t.open }).toEqual({
      onTime: n('done-on-time'),
      late: n('done-late'),
      overdue: n('overdue'),
      waived: n('waived'),
      closed: n('closed'),
      open: 0,
    });
    expect(t.notStarted).toBe(t.expected - in2024.length);
    expect(t.notStarted).toBeGreaterThan(0);
    expect(t.completionRate).toBeCloseTo((n('done-on-time') + n('done-late')) / (n('done-on-time') + n('done-late') + n('overdue')), 10);
    const want = { 'on-time': 'done-on-time', late: 'done-late', never: 'overdue', waive: 'waived' } as const;
    for (const o of in2024) expect(o.status, o.occurrence).toBe(want[behaviourOf('mixed', o.occurrence, index.obligation(o.obligation).resolution, SEED)]);
    expect([...new Set(in2024.map((o) => o.status))].sort()).toEqual(['done-late', 'done-on-time', 'overdue', 'waived']);
    // Per obligation, the same counts.
    for (const row of report.byObligation) {
      const mine = in2024.filter((o) => o.obligation === row.obligation.id);
      expect(row.counts.onTime + row.counts.late + row.counts.overdue + row.counts.waived, row.obligation.id).toBe(mine.length);
    }
  });

  it('overdue items with their working days late; indicators with the recorded values; registrations with their titles', () => {
    expect(report.overdue.map((o) => o.id).sort()).toEqual(report.facts.filter((f) => f.status === 'overdue').map((f) => f.id).sort());
    for (const o of report.overdue) {
      expect(o.closed, o.id).toBe(true); // the ladder ran out before the last occurrence ended
      expect(o.workingDaysLate, o.id).toBe(index.calendar.workingDaysBetween(o.due, report.asOf));
      expect(o.workingDaysLate).toBeGreaterThanOrEqual(20);
    }
    for (const row of report.indicators) {
      const fact = report.facts.find((f) => f.id === row.id)!;
      if (fact.status.startsWith('done-')) {
        // The responder records the target itself (50 without one).
        expect(row.value, row.id).toBe(row.target ?? 50);
        expect(row.verdict, row.id).toBe(row.target === undefined ? 'no-target' : 'met');
      } else expect(row.verdict, row.id).toBe('not-reported');
    }
    const reg = report.registrations.find((r) => r.obligation.id === 'creative-activity-registration')!;
    const done = report.facts.filter((f) => f.obligation === 'creative-activity-registration' && f.status.startsWith('done-'));
    expect(reg.items.map((i) => i.id).sort()).toEqual(done.map((f) => f.id).sort());
    for (const item of reg.items) expect(item.title).toBe('Hoạt động mô phỏng');
  });

  it('`dondoc report --out x.csv` against the same server writes the same statuses', () => {
    expect(cli.code).toBe(0);
    const rows = fs.readFileSync(csvFile, 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(rows[0]!.startsWith(CSV_COLUMNS.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','))).toBe(true);
    const status = new Map(rows.slice(1).map((r) => [r.split(',')[0], /,(done-on-time|done-late|overdue|waived|open|closed|not-opened|not-started),/.exec(r)?.[1]]));
    expect(status).toEqual(new Map(report.facts.map((f) => [f.id, f.status])));
  });

  it('the DOCX of it parses back with the same totals', async () => {
    const zip = await JSZip.loadAsync(await renderReport(index, report, 'docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const t = report.totals;
    const totalRow = /<w:tr[ >](?:(?!<\/w:tr>)[\s\S])*>Tổng cộng<\/w:t>[\s\S]*?<\/w:tr>/.exec(xml)![0];
    const cells = [...totalRow.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    // Counts as the report writes them (countVi: `02` below 10).
    expect(cells.slice(cells.indexOf('Tổng cộng') + 1, cells.indexOf('Tổng cộng') + 5)).toEqual([t.expected, t.onTime, t.late, t.overdue].map(countVi));
  });
});
