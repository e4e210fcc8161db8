/** How one occurrence is named in one line: the memo, lists, emails and pages. */
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
 * `Giao ban … — huyện Lục Ngạn — quý III/2024 — hạn 30/09/2024`. A one-off period's label is
 * its due date already: said once. A drill says so first.
 */
export function occurrenceSummary(spec: Named): string {
  const recurring = recurrenceOfKey(spec.period) !== 'once';
  const line = [spec.title, spec.unitName, ...(recurring ? [occurrencePeriodLabel(spec)] : []), `hạn ${formatVi(spec.due)}`].join(' — ');
  return isDrill(spec) ? `[Diễn tập] ${line}` : line;
}

/**
 * Why an occurrence stopped being followed, when its unit ended and the spec says why
 * (`unitEnd.reason`: handed over, transferred out of the plan's scope, abolished); shown
 * beside the status `dừng theo dõi`.
 */
export function closedReason(spec: object): string | undefined {
  const end = (spec as { unitEnd?: { reason?: unknown } }).unitEnd;
  return typeof end?.reason === 'string' && end.reason.trim() ? end.reason.trim() : undefined;
}
