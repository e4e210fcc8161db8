/** How one occurrence is named in one line: the memo, lists, emails and pages. */
import type { HandedOver } from '../domain/handover';
import type { OccurrenceSpec } from '../domain/spec';
import { recurrenceOfKey } from '../domain/periods';
import { formatVi } from './dates';
import { periodKeyLabelVi } from './periods';

type Named = Pick<OccurrenceSpec, 'title' | 'unitName' | 'period' | 'due'>;

const isDrill = (spec: Pick<OccurrenceSpec, 'period'>) => spec.period.startsWith('drill-');

/** The period an occurrence is for, as officials name it: `quý III/2024`, `diễn tập`. */
export function occurrencePeriodLabel(spec: Pick<OccurrenceSpec, 'period'>): string {
  return periodKeyLabelVi(spec.period);
}

/**
 * `Giao ban … — huyện Lục Ngạn — quý III/2024 — hạn 30/9/2024`. A one-off period's label is
 * its due date already: said once. A drill says so first.
 */
export function occurrenceSummary(spec: Named): string {
  const recurring = recurrenceOfKey(spec.period) !== 'once';
  const line = [spec.title, spec.unitName, ...(recurring ? [occurrencePeriodLabel(spec)] : []), `hạn ${formatVi(spec.due)}`].join(' — ');
  return isDrill(spec) ? `[Diễn tập] ${line}` : line;
}

/**
 * An occurrence handed over to a successor, as every surface says it (status, board, the
 * occurrence page, the report, the Temporal UI): `xã Biển Động chuyển giao cho thị trấn Biển
 * Động từ ngày 01/01/2025` — from whom, to whom, from which day.
 */
export function handedOverWords(h: Pick<HandedOver, 'fromName' | 'toName' | 'on'>): string {
  return `${h.fromName} chuyển giao cho ${h.toName} từ ngày ${formatVi(h.on)}`;
}

/**
 * Why an occurrence's unit left it, as status, board and report say it: the directory's words
 * where it gives them, otherwise `xã Biển Động chuyển giao cho thị trấn Biển Động từ ngày
 * 01/01/2025` (handedOverWords) or `xã … kết thúc hoạt động từ ngày …`. Never "giải thể" for a
 * unit that lives on.
 */
export function unitEndWords(spec: Pick<OccurrenceSpec, 'unitEnd' | 'unitName'>): string {
  const end = spec.unitEnd;
  if (!end) return `${spec.unitName} kết thúc hoạt động`;
  if (end.reason) return end.reason;
  if (end.way === 'handover') return handedOverWords({ fromName: spec.unitName, toName: end.successorName ?? end.successor ?? '', on: end.on });
  return `${spec.unitName} kết thúc hoạt động từ ngày ${formatVi(end.on)}`;
}

/**
 * Why an occurrence stopped being followed, when its unit ended (handed over, transferred out
 * of the plan's scope, abolished); shown beside the status `kết thúc theo dõi`.
 */
export function closedReason(spec: Pick<OccurrenceSpec, 'unitEnd' | 'unitName'>): string | undefined {
  return spec.unitEnd ? unitEndWords(spec) : undefined;
}
