/** Periods as officials name them: `tháng 7/2026`, `tháng 01/2026`, `quý III/2026`, `năm 2026`. */
import type { Recurrence } from '../domain/model';
import type { Period } from '../domain/periods';
import { periodOfKey } from '../domain/periods';
import { formatVi, monthVi } from './dates';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** `tháng 7/2026`, `tháng 02/2026`, `quý III/2026`, `6 tháng đầu năm 2026` (a sơ kết 6 tháng), `năm 2026`, `hạn 31/12/2021` (a one-off duty). */
export function periodLabelVi(p: Period): string {
  switch (p.recurrence) {
    case 'monthly':
      return `tháng ${monthVi(p.index ?? 1)}/${p.year}`;
    case 'quarterly':
      return `quý ${ROMAN[(p.index ?? 1) - 1]}/${p.year}`;
    case 'half-yearly':
      return `6 tháng ${p.index === 2 ? 'cuối' : 'đầu'} năm ${p.year}`;
    case 'annual':
      return `năm ${p.year}`;
    case 'once':
      return `hạn ${formatVi(p.end)}`;
  }
}

/** The label of a period key as occurrences carry it: a recurring period, a drill, or a one-off due date. */
export function periodKeyLabelVi(key: string): string {
  const period = periodOfKey(key);
  if (period) return periodLabelVi(period);
  if (key.startsWith('drill-')) return 'diễn tập';
  return /^\d{4}-\d{2}-\d{2}$/.test(key) ? `hạn ${formatVi(key)}` : key;
}

/** What one period of a recurrence is called when periods are counted: `4/4 quý`, `12 tháng`. */
export function periodWordVi(recurrence: Recurrence): string {
  return { monthly: 'tháng', quarterly: 'quý', 'half-yearly': 'kỳ 6 tháng', annual: 'năm', once: 'lần' }[recurrence];
}
