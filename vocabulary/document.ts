/**
 * The date line of a document (Hướng dẫn 36-HD/VPTW for the Party, Nghị định 30/2020/NĐ-CP
 * appendix I for the State): the date spelled out, `ngày 30 tháng 9 năm 2024`, with the same
 * leading zeros as a numeric date — days 1–9 and months 1–2 only (`ngày 05 tháng 02 năm
 * 2025`). The digits are `formatVi`'s, so the rule has one home. Pure.
 */
import type { LocalDate } from '../domain/model';
import { formatVi } from './dates';

/** What a draft prints where the signer writes the day by hand. */
export const BLANK_DAY = '\u00a0'.repeat(6);

/**
 * `ngày 30 tháng 9 năm 2024`; with `blankDay`, a draft's line whose day is left for the
 * signer: `ngày      tháng 9 năm 2024`.
 */
export function documentDateVi(d: LocalDate, opts: { blankDay?: boolean } = {}): string {
  const [day, month, year] = formatVi(d).split('/');
  return `ngày ${opts.blankDay ? BLANK_DAY : day} tháng ${month} năm ${year}`;
}

/** The place-and-date line under the Party's name: `Lục Ngạn, ngày 30 tháng 9 năm 2024`. */
export function placeDateLineVi(place: string, d: LocalDate, opts: { blankDay?: boolean } = {}): string {
  return `${place ? `${place}, ` : ''}${documentDateVi(d, opts)}`;
}
