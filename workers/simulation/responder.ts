/**
 * The officials of a simulation: a seeded script that answers notifications the way a
 * response pattern says — on time (at the first reminder), late (at the first overdue
 * notice), never, or a reproducible mix that also waives what may be waived.
 */
import type { Resolution } from '../../domain/model';
import type { StepKind } from '../../domain/timeline';
import type { Action } from '../../client/occurrence-actions';

export type RespondPattern = 'on-time' | 'late' | 'never' | 'mixed';
export type Behaviour = 'on-time' | 'late' | 'never' | 'waive';

/** FNV-1a: a stable hash, so the same seed gives the same mix on every run and machine. */
function unitInterval(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000;
}

export function behaviourOf(pattern: RespondPattern, occurrenceId: string, resolution: Resolution, seed: number): Behaviour {
  if (pattern !== 'mixed') return pattern;
  const x = unitInterval(`${seed}:${occurrenceId}`);
  if (x < 0.55) return 'on-time';
  if (x < 0.8) return 'late';
  if (x < 0.9) return 'never';
  return resolution.type === 'waivable' ? 'waive' : 'late';
}

/** Whether a notification of this kind is the moment this behaviour answers. */
export function answersAt(behaviour: Behaviour, kind: StepKind): boolean {
  switch (behaviour) {
    case 'on-time':
    case 'waive':
      return kind === 'reminder' || kind === 'due';
    case 'late':
      return kind === 'overdue' || kind === 'escalation';
    case 'never':
      return false;
  }
}

/** The Update an owner sends for a behaviour, with what the obligation requires. */
export function answerFor(behaviour: Behaviour, resolution: Resolution, by: string): Action {
  if (behaviour === 'waive') return { action: 'waive', input: { by, reason: 'Tháng này không có buổi tiếp công dân cần mời (mô phỏng).' } };
  if (resolution.type === 'indicator') {
    const value = resolution.target ?? 50;
    return { action: 'record', input: { by, value, note: 'Số liệu mô phỏng.' } };
  }
  if (resolution.type === 'evidence') {
    return { action: 'complete', input: { by, evidence: 'Hoạt động mô phỏng', note: 'Báo cáo mô phỏng.' } };
  }
  return { action: 'complete', input: { by, note: 'Đã thực hiện (mô phỏng).' } };
}
