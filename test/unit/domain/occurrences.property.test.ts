/**
 * Properties of the occurrences of the shipped plan (config/*.yaml), checked over random
 * date windows, units and obligations, and once exhaustively over the whole plan period.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates, fromEpochDay, localDateOfInstant, toEpochDay } from '../../../domain/calendar/local-date';
import type { Occurrence } from '../../../domain/occurrences';
import { oversightOf, relationContext } from '../../../domain/relation';
import { calendar, index, PLAN_FROM, PLAN_TO } from './shipped';

const ctx = relationContext(index);

const unitIds = [...index.units.keys()];
const obligationIds = [...index.obligations.keys()];
/** Every occurrence of the plan, computed once; windows must agree with it. */
const all = index.occurrencesBetween(PLAN_FROM, PLAN_TO);

const firstDay = toEpochDay(PLAN_FROM);
const lastDay = toEpochDay(PLAN_TO);

/**
 * A window [from, to] inside the plan period and optional filters: up to ~13 months for one
 * unit, up to 4 months for all units at once (the whole district takes a while to build).
 */
const query = fc
  .record({
    start: fc.integer({ min: firstDay, max: lastDay }),
    length: fc.integer({ min: 0, max: 400 }),
    unit: fc.option(fc.constantFrom(...unitIds), { nil: undefined, freq: 3 }),
    obligation: fc.option(fc.constantFrom(...obligationIds), { nil: undefined, freq: 3 }),
  })
  .map(({ start, length, unit, obligation }) => ({
    from: fromEpochDay(start),
    to: fromEpochDay(Math.min(lastDay, start + (unit ? length : length % 121))),
    filter: { ...(unit ? { unit } : {}), ...(obligation ? { obligation } : {}) },
  }));

function within(d: string, from: string, to?: string): boolean {
  return compareDates(d, from) >= 0 && (to === undefined || compareDates(d, to) <= 0);
}

/**
 * Every invariant of one occurrence: the problems found, as readable lines (empty when
 * none). Plain checks, not `expect`, so that thousands of occurrences check in well under
 * a second; messages are built only on failure.
 */
function problemsOf(occ: Occurrence): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: () => string): void => {
    if (!ok) problems.push(`${occ.id}: ${message()}`);
  };
  // The due date is a working day.
  check(calendar.isWorkingDay(occ.due), () => `due ${occ.due} is not a working day`);
  // The unit and the owners exist on the due date.
  const unit = index.units.get(occ.unit);
  if (!unit) return [`${occ.id}: unknown unit ${occ.unit}`];
  check(within(occ.due, unit.validFrom, unit.validTo), () => `due ${occ.due} outside ${unit.validFrom}..${unit.validTo ?? ''}`);
  for (const owner of occ.owners) {
    const body = index.bodies.get(owner);
    check(body !== undefined, () => `unknown owner ${owner}`);
    check(body?.unit === occ.unit, () => `owner ${owner} belongs to another unit`);
    check(body !== undefined && within(occ.due, body.validFrom ?? unit.validFrom, body.validTo ?? unit.validTo), () => `owner ${owner} does not exist on ${occ.due}`);
  }
  for (const id of occ.participants) check(index.bodies.has(id), () => `unknown participant ${id}`);

  // Steps: sorted by time, indexed in order, each on a working day, ending with `close`.
  check(occ.steps.length > 0 && occ.steps.at(-1)!.kind === 'close', () => 'the timeline does not end with close');
  occ.steps.forEach((step, i) => {
    const where = (text: string) => () => `step ${i} (${step.kind} ${step.at}): ${text}`;
    check(step.index === i, where(`index ${step.index}`));
    if (i > 0) check(step.atMs >= occ.steps[i - 1]!.atMs, where('before the previous step'));
    const day = localDateOfInstant(step.atMs);
    check(step.at.startsWith(`${day}T`) && step.at.endsWith('+07:00') && Date.parse(step.at) === step.atMs, where('at does not match atMs'));
    check(calendar.isWorkingDay(day), where(`${day} is not a working day`));
    // Reminders before the due date, escalations after it.
    const order = compareDates(day, occ.due);
    if (step.kind === 'reminder') check(order < 0 && step.atMs < occ.dueAtMs, where(`not before the due date ${occ.due}`));
    else if (step.kind === 'due') check(order === 0 && step.atMs <= occ.dueAtMs, where(`not on the due date ${occ.due}`));
    else check(order > 0 && step.atMs > occ.dueAtMs, where(`not after the due date ${occ.due}`));
    // Recipients: known bodies, without duplicates; only `close` has none.
    for (const id of step.to) check(index.bodies.has(id), where(`unknown recipient ${id}`));
    check(new Set(step.to).size === step.to.length, where('duplicate recipients'));
    check(step.kind === 'close' ? step.to.length === 0 : step.to.length > 0, where(`recipients ${step.to.join(', ')}`));
    // The shipped ladders tell the owners of every step they chase; a duty Party leadership
    // owns is prepared, not chased: its owners hear only before the due date, then only the
    // monitor, which records it, and nothing is sent after the due date.
    const prepared = oversightOf(occ.owners, ctx) === 'prepared';
    if (step.kind !== 'close' && !(prepared && step.kind === 'due')) for (const owner of occ.owners) check(step.to.includes(owner), where(`owner ${owner} not told`));
    if (prepared) check(step.kind === 'close' || order <= 0, where('a duty leadership owns is chased after its due date'));
  });
  return problems;
}

/** Ids unique; one occurrence per (obligation, unit, period) — per owner body for `each` obligations. */
function duplicatesIn(list: readonly Occurrence[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const keys = new Set<string>();
  for (const occ of list) {
    if (ids.has(occ.id)) problems.push(`duplicate id ${occ.id}`);
    ids.add(occ.id);
    const each = index.obligation(occ.obligation).ownerMode === 'each';
    const key = [occ.obligation, occ.unit, occ.period.key, ...(each ? occ.owners : [])].join('|');
    if (keys.has(key)) problems.push(`two occurrences for ${key}`);
    keys.add(key);
  }
  return problems;
}

describe('occurrences of the shipped plan', () => {
  it('sanity: the plan yields occurrences of every obligation, and the district ends on 30/06/2025', () => {
    expect(all.length).toBeGreaterThan(2000);
    expect(new Set(all.map((o) => o.obligation))).toEqual(new Set(obligationIds));
    // config/directory.yaml: the district level was abolished on 1/7/2025.
    expect(index.units.get('huyen')?.validTo).toBe('2025-06-30');
  });

  it('hold every invariant over the whole plan period', () => {
    expect(all.flatMap(problemsOf)).toEqual([]);
    expect(duplicatesIn(all)).toEqual([]);
  });

  it('hold every invariant in random windows, for random units and obligations', () => {
    fc.assert(
      fc.property(query, ({ from, to, filter }) => {
        const got = index.occurrencesBetween(from, to, filter);
        expect(got.flatMap(problemsOf)).toEqual([]);
        expect(duplicatesIn(got)).toEqual([]);
        // Sorted by due instant.
        for (let i = 1; i < got.length; i += 1) expect(got[i]!.dueAtMs).toBeGreaterThanOrEqual(got[i - 1]!.dueAtMs);
        // A window sees exactly the occurrences of the whole period that fall due in it.
        // (YYYY-MM-DD strings compare like the dates they name.)
        const expected = all.filter(
          (o) =>
            o.due >= from &&
            o.due <= to &&
            (!filter.unit || o.unit === filter.unit) &&
            (!filter.obligation || o.obligation === filter.obligation),
        );
        expect(got.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
      }),
      { numRuns: 100 },
    );
  });

  it('never has an occurrence for a unit outside its validity dates', () => {
    // Windows around the first or last day of a random unit.
    fc.assert(
      fc.property(
        fc.constantFrom(...unitIds),
        fc.boolean(),
        fc.integer({ min: -90, max: 90 }),
        fc.integer({ min: 0, max: 120 }),
        (unitId, atStart, offset, length) => {
          const unit = index.units.get(unitId)!;
          const edge = toEpochDay(atStart ? unit.validFrom : (unit.validTo ?? PLAN_TO)) + offset;
          const from = fromEpochDay(Math.min(lastDay, Math.max(firstDay, edge)));
          const to = fromEpochDay(Math.min(lastDay, toEpochDay(from) + length));
          const outside = index
            .occurrencesBetween(from, to, { unit: unitId })
            .filter((o) => o.unit !== unitId || !within(o.due, unit.validFrom, unit.validTo))
            .map((o) => `${o.id} due ${o.due}`);
          expect(outside).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
    // The district: nothing after 30/06/2025, but the 2025-Q2 briefing on that very day.
    const district = all.filter((o) => o.unit === 'huyen');
    expect(district.every((o) => compareDates(o.due, '2025-06-30') <= 0)).toBe(true);
    expect(district.map((o) => o.id)).toContain('occ/quarterly-briefing/huyen/2025-Q2');
    expect(index.occurrencesBetween('2025-07-01', PLAN_TO, { unit: 'huyen' })).toEqual([]);
    // Units that left on 1/1/2025, and the thị trấn formed that day.
    expect(index.occurrencesBetween('2025-01-01', PLAN_TO, { unit: 'chu' })).toEqual([]);
    expect(index.occurrencesBetween(PLAN_FROM, '2024-12-31', { unit: 'tt-bien-dong' })).toEqual([]);
    expect(index.occurrencesBetween('2025-01-01', '2025-01-31', { unit: 'tt-bien-dong' }).map((o) => o.id)).toContain(
      'occ/citizen-reception-invite/tt-bien-dong/2025-01',
    );
  });
});
