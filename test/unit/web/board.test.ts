/**
 * The board's figures (pure): cells by unit × obligation, counts and completion rates per
 * unit and organisation, and the period keys the board accepts.
 */
import { describe, expect, test } from 'vitest';
import { periodOfKey } from '../../../domain/periods';
import type { StatusCode } from '../../../domain/status';
import { tally } from '../../../domain/tally';
import { buildBoard, kindLabel } from '../../../client/board';
import type { StatusRow } from '../../../client/status';
import { shippedIndex } from '../email/fixtures';
import { formatRate } from '../../../vocabulary';
import { boardPage, periodChoices } from '../../../web/pages/board';

const row = (id: string, status: StatusCode, owners: string[]): StatusRow => {
  const [, obligation, unit] = id.split('/');
  return { id, obligation: obligation!, unit: unit!, period: '2024-Q3', owners, status, due: '2024-09-30', resolvedAt: null, summary: id, skippedNotices: 0, handedOver: null };
};

describe('tally', () => {
  test('the rate is done over what has fallen due: open, waived and closed are left out', () => {
    const t = tally(['done-on-time', 'done-late', 'overdue', 'open', 'waived', 'closed', 'done-on-time']);
    expect(t.total).toBe(7);
    expect(t.done).toBe(3);
    expect(t.due).toBe(4);
    expect(t.completionRate).toBe(0.75);
    expect(formatRate(t.completionRate)).toBe('75%');
    expect(formatRate(2 / 3)).toBe('66,7%');
    expect(tally(['open', 'waived']).completionRate).toBeUndefined();
    expect(formatRate(undefined)).toBe('—');
  });
});

describe('buildBoard', () => {
  const rows = [
    // Thường trực's giao ban, past its date without a record: shown, but not graded.
    row('occ/quarterly-briefing/huyen/2024-Q3', 'overdue', ['tt-huyen-uy']),
    row('occ/chair-working-session/huyen/2024-Q3', 'overdue', ['ubnd-huyen']),
    row('occ/chair-working-session/bien-son/2024-Q3', 'done-late', ['ubnd-bien-son']),
    row('occ/citizen-reception-invite/bien-son/2024-07', 'waived', ['ubnd-bien-son']),
    row('occ/citizen-reception-invite/bien-son/2024-08', 'done-on-time', ['ubnd-bien-son']),
  ];
  const board = buildBoard(rows, shippedIndex, periodOfKey('2024-Q3')!);

  test('units in directory order, obligations in plan order, only those with occurrences', () => {
    expect(board.units.map((u) => u.name)).toEqual(['huyện Lục Ngạn', 'xã Biên Sơn']);
    expect(board.obligations.map((o) => o.id)).toEqual(['quarterly-briefing', 'chair-working-session', 'citizen-reception-invite']);
    expect(board.units[1]!.cells.get('citizen-reception-invite')!.map((r) => r.status)).toEqual(['waived', 'done-on-time']);
  });

  test('counts and rates per unit, per organisation and overall, the giao ban of Thường trực (not graded) in none of them', () => {
    expect(board.units[0]!.cells.get('quarterly-briefing')!.map((r) => r.status)).toEqual(['overdue']);
    expect(board.units[0]!.tally.total).toBe(1);
    expect(board.units[0]!.tally.completionRate).toBe(0);
    expect(board.organisations.map((o) => o.kind)).not.toContain(shippedIndex.bodies.get('tt-huyen-uy')!.kind);
    expect(board.units[1]!.tally.counts).toMatchObject({ 'done-late': 1, waived: 1, 'done-on-time': 1 });
    expect(board.units[1]!.tally.completionRate).toBe(1);
    const ubnd = board.organisations.find((o) => o.kind === 'ubnd')!;
    expect(ubnd.label).toBe('Ủy ban nhân dân');
    expect(ubnd.tally.total).toBe(4);
    expect(ubnd.tally.completionRate).toBeCloseTo(2 / 3);
    expect(board.total.total).toBe(4);
    expect(board.total.completionRate).toBeCloseTo(2 / 3);
    expect(board.overdue.map((r) => r.id)).toEqual(['occ/chair-working-session/huyen/2024-Q3']);
  });

  test('organisation names drop the unit: Hội Nông dân, Ủy ban MTTQ', () => {
    expect(kindLabel(shippedIndex, 'hnd')).toBe('Hội Nông dân');
    expect(kindLabel(shippedIndex, 'mttq')).toBe('Ủy ban MTTQ');
  });
});

describe('an occurrence handed over to a successor', () => {
  const handedOver = { from: 'bien-dong', fromName: 'xã Biển Động', to: 'tt-bien-dong', toName: 'thị trấn Biển Động', on: '2025-01-01' };
  const handed: StatusRow = {
    ...row('occ/chair-working-session/bien-dong/2024', 'overdue', ['ubnd-tt-bien-dong']),
    unit: 'tt-bien-dong',
    period: '2024',
    due: '2024-12-31',
    summary: 'Làm việc — thị trấn Biển Động — năm 2024 — hạn 31/12/2024',
    handedOver,
  };
  const other: StatusRow = { ...row('occ/chair-working-session/bien-son/2024', 'overdue', ['ubnd-bien-son']), period: '2024', due: '2024-12-31' };
  const board = buildBoard([handed, other], shippedIndex, periodOfKey('2024')!);
  const page = boardPage(board, shippedIndex);
  const words = 'xã Biển Động chuyển giao cho thị trấn Biển Động từ ngày 01/01/2025';

  test('counts for the successor: in its row and tally, not the ended unit’s', () => {
    expect(board.units.map((u) => u.id)).toEqual(['bien-son', 'tt-bien-dong']);
    expect(board.units[1]!.tally.counts.overdue).toBe(1);
  });

  test('says from whom, on its square and in the overdue list; the others say nothing of it', () => {
    const chips = [...page.matchAll(/<a class="cell [^"]*" href="([^"]+)" title="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(chips).toEqual([
      ['/o/occ/chair-working-session/bien-son/2024', 'năm 2024 · hạn 31/12/2024 · quá hạn, chưa hoàn thành'],
      ['/o/occ/chair-working-session/bien-dong/2024', `năm 2024 · hạn 31/12/2024 · quá hạn, chưa hoàn thành — ${words}`],
    ]);
    const overdue = page.slice(page.indexOf('<ul class="overdue">'));
    expect(overdue).toContain(`hạn 31/12/2024 — ${words}</li>`);
    expect(overdue.match(/chuyển giao/g)).toHaveLength(1);
  });
});

describe('periodOfKey', () => {
  test('years, quarters and months; anything else is undefined', () => {
    expect(periodOfKey('2024-Q3')).toMatchObject({ start: '2024-07-01', end: '2024-09-30', recurrence: 'quarterly' });
    expect(periodOfKey('2024')).toMatchObject({ start: '2024-01-01', end: '2024-12-31', recurrence: 'annual' });
    expect(periodOfKey('2024-02')).toMatchObject({ start: '2024-02-01', end: '2024-02-29' });
    for (const bad of ['2024-Q0', '2024-Q5', '2024-13', '24', '2024-Q3 ', "2024' OR 1=1"]) expect(periodOfKey(bad), bad).toBeUndefined();
  });
});

describe('the period picker', () => {
  const selected = (page: string) => [...page.matchAll(/<option value="([^"]+)" selected>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);

  test('after the term, the current quarter is among the choices and selected (not năm 2021)', () => {
    const shown = periodOfKey('2026-Q4')!;
    const page = boardPage(buildBoard([], shippedIndex, shown), shippedIndex);
    expect(selected(page)).toEqual(['2026-Q4 quý IV/2026']);
    const keys = periodChoices(shippedIndex, shown).map((p) => p.key);
    expect(keys.slice(-5)).toEqual(['2026', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(keys.indexOf('2025-Q4')).toBeLessThan(keys.indexOf('2026')); // in time order
  });

  test('within the term, the choices are the term’s years and quarters, the one on display selected', () => {
    const shown = periodOfKey('2024')!;
    expect(selected(boardPage(buildBoard([], shippedIndex, shown), shippedIndex))).toEqual(['2024 năm 2024']);
    const keys = periodChoices(shippedIndex, shown).map((p) => p.key);
    expect(keys[0]).toBe('2021');
    expect(keys.at(-1)).toBe('2025-Q4');
    expect(keys).toHaveLength(5 * 5);
  });
});
