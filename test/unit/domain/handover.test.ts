/**
 * A unit that ends: how its open occurrences learn it (the spec's unitEnd), and the pure
 * handover of an open occurrence to the successor, on the shipped directory.
 */
import { occurrenceSummary, unitEndWords } from '../../../vocabulary';
import { describe, expect, it } from 'vitest';
import { toInstantMs } from '../../../domain/calendar/local-date';
import { handOver } from '../../../domain/handover';
import type { Config } from '../../../domain/model';
import { specOf, type OccurrenceSpec } from '../../../domain/spec';
import { config, index, indexOf } from './shipped';

function specById(id: string, from: string, to: string, at = index): OccurrenceSpec {
  const occ = at.occurrencesBetween(from, to).find((o) => o.id === id);
  if (!occ) throw new Error(`no occurrence ${id} due in ${from}..${to}`);
  return specOf(at, occ);
}

// Xã Biển Động's annual working session, due on 31/12/2024, is still open when the xã
// becomes thị trấn Biển Động on 01/01/2025.
const SESSION = () => specById('occ/chair-working-session/bien-dong/2024', '2024-12-01', '2024-12-31');

describe('how the spec says its unit ends', () => {
  it('a merged commune hands over to its successor, from the day after its last day', () => {
    const spec = SESSION();
    expect(spec.unitEndsAtMs).toBe(toInstantMs('2025-01-01', '00:00'));
    expect(spec.unitEnd).toEqual({ way: 'handover', on: '2025-01-01', successor: 'tt-bien-dong', successorName: 'thị trấn Biển Động' });
    expect(unitEndWords(spec)).toBe('xã Biển Động chuyển giao cho thị trấn Biển Động từ ngày 01/01/2025');
  });

  it('a unit of thị xã Chũ is transferred, with the reason the directory gives, never "giải thể"', () => {
    const spec = specById('occ/chair-working-session/kien-lao/2024', '2024-12-01', '2024-12-31');
    expect(spec.unitEnd).toEqual({ way: 'transferred', on: '2025-01-01', reason: 'chuyển về thị xã Chũ từ ngày 01/01/2025 (Nghị quyết 1191/NQ-UBTVQH15)' });
    expect(unitEndWords(spec)).not.toMatch(/giải thể|không còn tồn tại/);
  });

  it('the district is abolished on 01/7/2025', () => {
    const spec = specById('occ/quarterly-briefing/huyen/2025-Q2', '2025-06-01', '2025-06-30');
    expect(spec.unitEndsAtMs).toBe(toInstantMs('2025-07-01', '00:00'));
    expect(spec.unitEnd).toEqual({ way: 'abolished', on: '2025-07-01', reason: 'cấp huyện kết thúc hoạt động từ ngày 01/7/2025' });
  });
});

describe('handOver', () => {
  it("maps xã Biển Động's open occurrence to thị trấn Biển Động's bodies, escalations to the successor's Party committee", () => {
    const before = SESSION();
    expect(before.owners).toEqual(['ubnd-bien-dong']);
    const { spec, unmatched } = handOver(index, before, 'tt-bien-dong');
    expect(unmatched).toEqual([]);
    expect(spec).toMatchObject({
      id: before.id,
      unit: 'tt-bien-dong',
      unitName: 'thị trấn Biển Động',
      target: 'tt-bien-dong',
      owners: ['ubnd-tt-bien-dong'],
      participants: ['mttq-tt-bien-dong', 'hnd-tt-bien-dong', 'hccb-tt-bien-dong', 'hlhpn-tt-bien-dong', 'doan-tn-tt-bien-dong'],
      due: before.due,
      dueAtMs: before.dueAtMs,
    });
    expect(occurrenceSummary(spec)).toBe(occurrenceSummary(before).replace('xã Biển Động', 'thị trấn Biển Động'));
    // The same timeline, every recipient the successor's or the district's.
    expect(spec.steps.map((s) => [s.index, s.atMs, s.kind])).toEqual(before.steps.map((s) => [s.index, s.atMs, s.kind]));
    const escalation = spec.steps.find((s) => s.kind === 'escalation' && s.level === 2)!;
    expect(escalation.to).toEqual(['ubnd-tt-bien-dong', 'dang-uy-tt-bien-dong', 'ban-dan-van']);
    for (const step of spec.steps) for (const id of step.to) expect(index.bodies.get(id)?.unit, id).not.toBe('bien-dong');
    // The names the Temporal UI shows are the successor's bodies', none of the ending unit's.
    expect(Object.keys(spec.bodyNames!).sort()).toEqual([...new Set([...spec.owners, ...spec.participants, ...spec.steps.flatMap((s) => s.to)])].sort());
    expect(spec.bodyNames!['ubnd-tt-bien-dong']).toBe(index.bodyName('ubnd-tt-bien-dong'));
    expect(Object.values(spec.bodyNames!).join()).not.toContain('xã Biển Động');
    // Thị trấn Biển Động itself goes out of the plan's scope on 01/7/2025.
    expect(spec.unitEndsAtMs).toBe(toInstantMs('2025-07-01', '00:00'));
    expect(spec.unitEnd?.way).toBe('transferred');
  });

  it('keeps the owner body of an obligation each organisation carries on its own in the target key', () => {
    const before = specById('occ/creative-activity-registration/bien-dong/2024/hnd', '2024-03-01', '2024-03-31');
    const { spec } = handOver(index, before, 'tt-bien-dong');
    expect(spec.target).toBe('tt-bien-dong/hnd');
    expect(spec.owners).toEqual(['hnd-tt-bien-dong']);
    // The registration has no participants: the Đảng ủy is where it is registered (receivers).
    expect(spec.participants).toEqual([]);
    expect(spec.steps.filter((s) => s.kind === 'escalation').every((s) => s.to.includes('dang-uy-tt-bien-dong'))).toBe(true);
  });

  it('reports a body without a counterpart in the successor instead of dropping it silently', () => {
    const variant: Config = {
      ...config,
      directory: { ...config.directory, bodies: config.directory.bodies.filter((b) => b.id !== 'hccb-tt-bien-dong') },
    };
    const at = indexOf(variant);
    const before = specById('occ/chair-working-session/bien-dong/2024', '2024-12-01', '2024-12-31', at);
    const { spec, unmatched } = handOver(at, before, 'tt-bien-dong');
    expect(unmatched).toEqual(['hccb-bien-dong']);
    expect(spec.participants).not.toContain('hccb-bien-dong');
    for (const step of spec.steps) expect(step.to).not.toContain('hccb-bien-dong');
  });

  it('refuses a successor the directory does not know', () => {
    expect(() => handOver(index, SESSION(), 'nowhere')).toThrow(RangeError);
  });
});
