/**
 * How Ban Dân vận follows a duty, by who owns it (domain/relation.ts, oversightOf), on the
 * shipped plan: Thường trực's giao ban is prepared and recorded, never chased nor graded; the
 * Ban's own annual report gets internal notes only; everyone else is chased. And the places
 * where the plan registers an activity hear of it only when it is late.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatIssue } from '../../../config/errors';
import { DEFAULT_PATHS, loadConfigFromSources } from '../../../config/load';
import { isGraded, oversightOf, relationContext, reportsResult } from '../../../domain/relation';
import { issuesOf } from '../config/helpers';
import { index } from './shipped';

const ctx = relationContext(index);
const occurrence = (id: string, from: string, to: string) => {
  const [, obligation, unit] = id.split('/');
  const occ = index.occurrencesBetween(from, to, { obligation: obligation!, unit: unit! }).find((o) => o.id === id);
  if (!occ) throw new Error(`no occurrence ${id}`);
  return occ;
};

describe('who owns a duty decides how it is followed', () => {
  test('Party leadership: prepared, not graded, its result recorded by Ban Dân vận; the monitor: its own; the others: chased and graded', () => {
    expect(oversightOf(['tt-huyen-uy'], ctx)).toBe('prepared');
    expect(isGraded(['tt-huyen-uy'], ctx)).toBe(false);
    expect(reportsResult('ban-dan-van', ['tt-huyen-uy'], ctx)).toBe(true);
    expect(reportsResult('tt-huyen-uy', ['tt-huyen-uy'], ctx)).toBe(false);
    expect(oversightOf(['ban-dan-van'], ctx)).toBe('own');
    expect(isGraded(['ban-dan-van'], ctx)).toBe(true);
    expect(oversightOf(['hnd-huyen'], ctx)).toBe('chased');
    expect(isGraded(['ubnd-bien-son'], ctx)).toBe(true);
    expect(reportsResult('ubnd-bien-son', ['ubnd-bien-son'], ctx)).toBe(true);
    expect(reportsResult('ban-dan-van', ['ubnd-bien-son'], ctx)).toBe(false);
  });

  test("a leadership-owned duty sends nothing after its due date: one note to Thường trực and Ban Dân vận ten working days ahead, one to Ban Dân vận on the day", () => {
    const giaoBan = occurrence('occ/quarterly-briefing/huyen/2024-Q3', '2024-09-01', '2024-09-30');
    const sending = giaoBan.steps.filter((s) => s.kind !== 'close');
    expect(sending.map((s) => [s.kind, s.offset, s.to])).toEqual([
      ['reminder', -10, ['tt-huyen-uy', 'ban-dan-van']],
      ['due', 0, ['ban-dan-van']],
    ]);
    expect(giaoBan.steps.filter((s) => s.offset > 0).every((s) => s.kind === 'close' && s.to.length === 0)).toBe(true);
    // Nobody is urged or reported to about it: Thường trực has no one above it in the directory.
    expect(index.bodies.get('tt-huyen-uy')!.supervisors).toEqual([]);
  });

  test("the monitor's own duty (the annual report) sends to Ban Dân vận alone, never to leadership", () => {
    const report = occurrence('occ/annual-implementation-report/huyen/2024', '2024-01-01', '2024-12-31');
    const sending = report.steps.filter((s) => s.kind !== 'close');
    expect(sending.length).toBeGreaterThanOrEqual(5);
    for (const step of sending) expect(step.to, `${step.kind} ${step.offset}`).toEqual(['ban-dan-van']);
    expect(sending.some((s) => s.offset > 0)).toBe(true);
  });

  test('the Party committee where an activity is registered gets no reminder; it hears of a late registration as the owner’s supervisor', () => {
    const registration = occurrence('occ/creative-activity-registration/bien-son/2024/mttq', '2024-01-01', '2024-12-31');
    expect(registration.participants).toEqual([]);
    const toCommittee = registration.steps.filter((s) => s.to.includes('dang-uy-bien-son'));
    expect(toCommittee.length).toBeGreaterThan(0);
    for (const step of toCommittee) expect([step.kind, step.offset > 0]).toEqual(['escalation', true]);
    // The district's registrations: Ban Thường vụ is never written to.
    const district = occurrence('occ/creative-activity-registration/huyen/2024/hnd', '2024-01-01', '2024-12-31');
    expect(district.steps.some((s) => s.to.includes('btv-huyen-uy'))).toBe(false);
  });

  test('Thường trực is reported to once per late case (+7); the weekly repeats urge the owner through its supervisor and the Ban only', () => {
    const district = occurrence('occ/creative-activity-registration/huyen/2024/hnd', '2024-01-01', '2024-12-31');
    expect(district.steps.filter((s) => s.to.includes('tt-huyen-uy')).map((s) => s.offset)).toEqual([7]);
    expect(district.steps.filter((s) => s.offset > 7 && s.kind !== 'close').map((s) => [s.offset, s.to])).toEqual([
      [12, ['hnd-huyen', 'ban-dan-van']],
      [17, ['hnd-huyen', 'ban-dan-van']],
    ]);
  });
});

describe('the validator keeps to it', () => {
  const read = (file: string) => ({ file, text: readFileSync(file, 'utf8') });
  const shippedWith = (planText: string) =>
    loadConfigFromSources({ directory: read(DEFAULT_PATHS.directory), plan: { file: path.basename(DEFAULT_PATHS.plan), text: planText }, calendar: read(DEFAULT_PATHS.calendar) });
  const planText = readFileSync(DEFAULT_PATHS.plan, 'utf8');

  test('the shipped plan loads', () => {
    expect(() => shippedWith(planText)).not.toThrow();
  });

  test('a ladder that would chase Thường trực for its giao ban is refused at the obligation, naming the owner and the ladder', () => {
    const chased = planText.replace('ladder: leadership-owned', 'ladder: standard');
    expect(chased).not.toBe(planText);
    const issues = issuesOf(() => shippedWith(chased)).map(formatIssue);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^plan\.yaml:\d+:\d+: obligations\[0\]\.owner: "quarterly-briefing" is owned by Party leadership \(tt-huyen-uy\).*ladder "standard" must send nothing after the due date/);
  });

  test("a ladder that would write to leadership about the Ban's own report is refused", () => {
    const reported = planText.replace('ladder: monitor-own', 'ladder: standard');
    expect(reported).not.toBe(planText);
    const issues = issuesOf(() => shippedWith(reported)).map(formatIssue);
    expect(issues).toEqual([expect.stringMatching(/obligations\[\d+\]\.owner: "annual-implementation-report" is the monitor's own duty \(ban-dan-van\): its ladder "standard" must send internal notes only/)]);
  });
});
