/**
 * `simulate()` — the real planners and occurrences of the shipped plan on a time-skipping
 * server of its own (one per call), with the seeded responder.
 *
 * Every simulation of this file starts in beforeAll, concurrently: each has its own server.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { toInstantMs } from '../../domain/calendar/local-date';
import { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { plannedOccurrences } from '../../domain/planning';
import { behaviourOf } from '../../workers/simulation/responder';
import { defaultShards, simulate, windowEnd, type SimulateOptions, type SimulationResult } from '../../workers/simulation/simulate';
import { shippedPlan } from '../helpers/dondoc-harness';
import { STATUS_LABELS } from '../../vocabulary';

const { config, index } = shippedPlan();
const calendar = new WorkingCalendar(config.calendar);
const FROM = '2024-01-01';

type Scope = Pick<SimulateOptions, 'from' | 'months' | 'unit' | 'obligation' | 'respond' | 'seed' | 'morningAtOnce' | 'shards'>;

// The answering runs cover every obligation of one commune for a year; `mixed` keeps to the
// five registrations of bien-son, whose pattern for seed 8 is known.
const REGISTRATIONS = { from: FROM, months: 12, unit: 'bien-son', obligation: 'creative-activity-registration' } as const;
const WHOLE_COMMUNE = { from: FROM, months: 12, unit: 'bien-son' } as const;
const SCOPES = {
  never: { from: FROM, months: 12, unit: 'chu', respond: 'never' }, // thị trấn Chũ ends 31/12/2024
  onTime: { ...WHOLE_COMMUNE, respond: 'on-time' },
  late: { ...WHOLE_COMMUNE, respond: 'late' },
  lateAtOnce: { ...WHOLE_COMMUNE, respond: 'late', morningAtOnce: true },
  lateInShards: { ...WHOLE_COMMUNE, respond: 'late', shards: 3 },
  // Seed 8 gives these five registrations late, on-time, never, never, late.
  mixed: { ...REGISTRATIONS, respond: 'mixed', seed: 8 },
} satisfies Record<string, Scope>;

const runs: Record<string, Promise<SimulationResult>> = {};
const simulateScope = (scope: Scope) => simulate({ config, ...scope, workflowBundle: { codePath: inject('simulationBundlePath') } });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => {
  // All at once (an answering run mostly waits), but their servers started 2 s apart:
  // @temporalio/testing waits 5 s for a server to listen, and five JVMs starting together
  // on two cores can miss that.
  const order: [string, Scope][] = [['never', SCOPES.never], ['mixed-1', SCOPES.mixed], ['mixed-2', SCOPES.mixed], ['onTime', SCOPES.onTime], ['late', SCOPES.late], ['lateAtOnce', SCOPES.lateAtOnce], ['lateInShards', SCOPES.lateInShards]];
  for (const [i, [name, scope]] of order.entries()) runs[name] = pause(2_000 * i).then(() => simulateScope(scope));
  // Settled here so that a failure shows in its own test, not as an unhandled rejection.
  for (const p of Object.values(runs)) p.catch(() => undefined);
  const t0 = Date.now();
  for (const [k, p] of Object.entries(runs)) p.then((r) => console.log(`[simulate] ${k}: ${r.wallMs} ms, done at +${Date.now() - t0} ms`), () => undefined);
});

/** The occurrences the planners of a scope open, from the domain's rule. */
function plannedFor(scope: Scope) {
  const fromMs = toInstantMs(scope.from, '00:00');
  const window = { notDueBeforeMs: fromMs, until: windowEnd(scope.from, scope.months) };
  return config.plan.obligations
    .filter((o) => !scope.obligation || o.id === scope.obligation)
    .flatMap((o) => index.targets(o.id))
    .filter((t) => !scope.unit || t.unit === scope.unit)
    .flatMap((t) => plannedOccurrences(index, t, window));
}

function byOccurrence(result: SimulationResult) {
  const map = new Map<string, SimulationResult['notifications']>();
  for (const n of result.notifications) map.set(n.occurrence, [...(map.get(n.occurrence) ?? []), n]);
  return map;
}

/**
 * The outcomes, each resolvedAt replaced by the time of the notice that prompted the answer (the
 * latest of its occurrence at or before it): an answer lands a second or more after its notice,
 * and the exact second varies from run to run, across a minute's end too.
 */
function answeredAtNotice(result: SimulationResult) {
  const notices = byOccurrence(result);
  return result.outcomes.map((o) => ({
    ...o,
    resolvedAt: o.resolvedAt === null ? null : ((notices.get(o.occurrence) ?? []).filter((n) => n.at <= o.resolvedAt!).at(-1)?.at ?? o.resolvedAt),
  }));
}

describe('nobody responds: thị trấn Chũ, 12 months from 1/1/2024', () => {
  it("every occurrence gets its whole ladder, in order, at its unit's second of the send window (Chũ: 07:18:46) on working days; it ends overdue, or closed when the unit ends", async () => {
    const result = await runs.never!;
    const planned = plannedFor(SCOPES.never);
    expect(planned.length).toBeGreaterThan(20);
    expect(result.outcomes.map((o) => o.occurrence).sort()).toEqual(planned.map((o) => o.id).sort());

    const unitEndsAt = toInstantMs('2025-01-01', '00:00');
    const notices = byOccurrence(result);
    const statuses = new Set<string>();
    for (const occ of planned) {
      const before = occ.steps.filter((s) => s.atMs < unitEndsAt);
      const closesFirst = before.length < occ.steps.length;
      const want = before.filter((s) => s.kind !== 'close').map((s) => ({ at: s.at, kind: s.kind, to: s.to }));
      const got = (notices.get(occ.id) ?? []).map((n) => ({ at: n.at, kind: n.kind, to: n.to }));
      expect(got, occ.id).toEqual(want);
      const outcome = result.outcomes.find((o) => o.occurrence === occ.id)!;
      const { resolvedAt, ...rest } = outcome;
      expect(rest, occ.id).toEqual({
        occurrence: occ.id,
        obligation: occ.obligation,
        unit: 'chu',
        period: occ.period.key,
        due: occ.due,
        status: closesFirst ? 'closed' : 'overdue',
      });
      // Closed when its workflow task ran: on the time-skipping server, at the close's instant
      // or a second or so after it on a loaded machine (the notices' own times are exact).
      const closeAtMs = closesFirst ? unitEndsAt : occ.steps.at(-1)!.atMs;
      const lateMs = Date.parse(resolvedAt!) - closeAtMs;
      expect(lateMs, `${occ.id} closed at ${resolvedAt}`).toBeGreaterThanOrEqual(0);
      expect(lateMs, `${occ.id} closed at ${resolvedAt}`).toBeLessThan(60_000);
      statuses.add(outcome.status);
    }
    expect([...statuses].sort()).toEqual(['closed', 'overdue']); // both endings happen in this window

    for (const n of result.notifications) {
      expect(n.at).toMatch(/^\d{4}-\d\d-\d\dT07:18:46\+07:00$/);
      expect(calendar.isWorkingDay(n.at.slice(0, 10)), n.at).toBe(true);
    }
  }, 90_000);

  it('has the JSON shape the CLI prints', async () => {
    const { notifications, outcomes } = await runs.never!;
    const json = JSON.parse(JSON.stringify({ notifications, outcomes })) as { notifications: Record<string, unknown>[]; outcomes: Record<string, unknown>[] };
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/;
    const date = /^\d{4}-\d\d-\d\d$/;
    expect(json.notifications.length).toBeGreaterThan(0);
    for (const n of json.notifications) {
      expect(Object.keys(n).sort()).toEqual(['at', 'kind', 'obligation', 'occurrence', 'period', 'to', 'unit']);
      expect(n).toEqual({
        at: expect.stringMatching(iso),
        occurrence: expect.stringMatching(/^occ\//),
        obligation: expect.any(String),
        unit: expect.any(String),
        period: expect.any(String),
        kind: expect.toBeOneOf(['reminder', 'due', 'overdue', 'escalation']),
        to: expect.arrayContaining([expect.any(String)]),
      });
    }
    expect(json.notifications.map((n) => n.at)).toEqual(json.notifications.map((n) => n.at).sort());
    for (const o of json.outcomes) {
      expect(Object.keys(o).sort()).toEqual(['due', 'obligation', 'occurrence', 'period', 'resolvedAt', 'status', 'unit']);
      expect(o).toEqual({
        occurrence: expect.stringMatching(/^occ\//),
        obligation: expect.any(String),
        unit: expect.any(String),
        period: expect.any(String),
        due: expect.stringMatching(date),
        status: expect.toBeOneOf(Object.keys(STATUS_LABELS)),
        resolvedAt: expect.toBeOneOf([null, expect.stringMatching(iso)]),
      });
    }
  }, 90_000);
});

describe('answering', () => {
  it('on time: no overdue notice or escalation at all, every outcome done on time', async () => {
    const result = await runs.onTime!;
    const planned = plannedFor(SCOPES.onTime);
    expect(planned.length).toBeGreaterThanOrEqual(20); // every obligation of a commune over a year
    expect(result.outcomes.map((o) => o.occurrence)).toEqual(planned.map((o) => o.id));
    expect(result.outcomes.map((o) => o.status)).toEqual(planned.map(() => 'done-on-time'));
    expect(result.notifications.filter((n) => n.kind === 'overdue' || n.kind === 'escalation')).toEqual([]);
    // Answered at the first reminder: nothing after it.
    for (const [id, list] of byOccurrence(result)) expect(list.map((n) => n.kind), id).toEqual(['reminder']);
    for (const o of result.outcomes) expect(o.resolvedAt! <= `${o.due}T23:59:59+07:00`, o.occurrence).toBe(true);
  }, 90_000);

  it('late: every outcome done late, answered at the first overdue notice', async () => {
    const result = await runs.late!;
    const planned = plannedFor(SCOPES.late);
    expect(planned.length).toBeGreaterThanOrEqual(20);
    expect(result.outcomes.map((o) => o.occurrence)).toEqual(planned.map((o) => o.id));
    expect(result.outcomes.map((o) => o.status)).toEqual(planned.map(() => 'done-late'));
    for (const [id, list] of byOccurrence(result)) expect(list.map((n) => n.kind), id).toEqual(['reminder', 'reminder', 'due', 'overdue']);
    for (const o of result.outcomes) expect(o.resolvedAt! > `${o.due}T23:59:59+07:00`, o.occurrence).toBe(true);
  }, 90_000);

  it("morningAtOnce: the same outcomes, and the same notices on the same days to the same recipients, each at the ladder's sending time (07:30) instead of its unit's second of the window", async () => {
    const [exact, atOnce] = await Promise.all([runs.late!, runs.lateAtOnce!]);
    const day = (iso: string | null) => iso?.slice(0, 10);
    const outcome = (o: SimulationResult['outcomes'][number]) => ({ ...o, resolvedAt: day(o.resolvedAt) });
    const notice = (n: SimulationResult['notifications'][number]) => ({ ...n, at: day(n.at) });
    expect(exact.notifications.length).toBeGreaterThanOrEqual(80);
    expect(atOnce.outcomes.map(outcome)).toEqual(exact.outcomes.map(outcome));
    expect(atOnce.notifications.map(notice)).toEqual(exact.notifications.map(notice));
    expect(new Set(atOnce.notifications.map((n) => n.at.slice(11)))).toEqual(new Set(['07:30:00+07:00']));
    expect(exact.notifications.every((n) => n.at.slice(11) < '07:30:00')).toBe(true);
  }, 90_000);

  it('shards: three servers one after the other give the same outcomes and the same notices, in the same order, as one', async () => {
    const [one, sharded] = await Promise.all([runs.late!, runs.lateInShards!]);
    expect(one.outcomes.length).toBeGreaterThanOrEqual(20);
    expect(answeredAtNotice(sharded)).toEqual(answeredAtNotice(one));
    expect(sharded.notifications).toEqual(one.notifications);
  }, 90_000);

  it("shards by default: the shipped district's planners on one server, a ten-district province's on ten", () => {
    const planners = config.plan.obligations.flatMap((o) => index.targets(o.id)).length;
    expect(planners).toBeGreaterThan(500);
    expect(defaultShards(planners)).toBe(1);
    expect(defaultShards(planners * 10)).toBe(10);
  });

  it('shards: refused with inspect, which reads the whole run from one server', async () => {
    await expect(simulate({ config, ...SCOPES.late, shards: 2, inspect: async () => undefined })).rejects.toThrow(/needs shards: 1/);
  });

  it('mixed: the same seed gives the same notices and outcomes (each answer at the notice that prompted it), and each occurrence follows its seeded behaviour', async () => {
    const [a, b] = await Promise.all([runs['mixed-1']!, runs['mixed-2']!]);
    expect(b.notifications).toEqual(a.notifications);
    expect(answeredAtNotice(b)).toEqual(answeredAtNotice(a));

    const expectedStatus = { 'on-time': 'done-on-time', late: 'done-late', never: 'overdue', waive: 'waived' } as const;
    const statuses = a.outcomes.map((o) => {
      const behaviour = behaviourOf('mixed', o.occurrence, index.obligation(o.obligation).resolution, SCOPES.mixed.seed);
      expect(o.status, o.occurrence).toBe(expectedStatus[behaviour]);
      return o.status;
    });
    expect(new Set(statuses).size).toBe(3);
  }, 90_000);

  // BUG (workers/simulation/simulate.ts): the responder sends its Update from inside the capturing
  // notifier, i.e. while the notify *local* activity runs inside the occurrence's workflow
  // task. The Update cannot be delivered before that task completes, and the task waits for
  // the local activity: it is released only by the workflow-task heartbeat, 8 s later (80 %
  // of the 10 s task timeout), and the server clock runs on meanwhile. So every answer is
  // recorded 8–10 s after its notice (the seconds vary: the same seed gives different JSON),
  // every answer costs 8 s of wall time (`simulate --respond on-time --unit bien-son` over 12
  // months takes ~150 s instead of ~20 s), and the answered step stays `sending` in the
  // occurrence's final state (see occurrence.test.ts).
  // Fix: don't await the Update inside deliver(). In the onCapture callback, hold the test
  // server's clock (`await env.connection.testService.lockTimeSkipping({})`), push
  // `setImmediate → executeUpdate(...)` with `.finally(() => testService.unlockTimeSkipping({}))`
  // to a list, and return at once. Checked on a scratch copy: answers land at 07:30:00–01,
  // 12 months of bien-son `late` take 24 s instead of 151 s. For byte-identical JSON,
  // also give resolvedAt to the minute (or use the prompting notice's time).
  // (Should the on-time simulation itself fail, this passes too: the test above shows that.)
  it('answers are recorded at the time of the notice that prompted them, not 8 s later', async () => {
    const result = await runs.onTime!;
    console.log(`[simulate] on-time, 5 answered registrations: ${result.wallMs} ms wall`);
    const notices = byOccurrence(result);
    for (const o of result.outcomes) {
      const prompt = notices.get(o.occurrence)!.at(-1)!;
      expect(Date.parse(o.resolvedAt!) - Date.parse(prompt.at), o.occurrence).toBeLessThan(5_000);
    }
  }, 90_000);
});
