/**
 * The date line of a document (Hướng dẫn 36-HD/VPTW for the Party, Nghị định 30/2020/NĐ-CP
 * appendix I for the State): the date spelled out, `ngày 30 tháng 9 năm 2024`, with the same
 * leading zeros as a numeric date — days 1–9 and months 1–2 only (`ngày 05 tháng 02 năm
 * 2025`). The digits are `dayVi`/`monthVi`'s, so the rule has one home. Pure.
 */
import { parts } from '../domain/calendar/local-date';
import type { LocalDate } from '../domain/model';
import { dayVi, monthVi } from './dates';

/** What a draft prints where the signer writes the day by hand. */
export const BLANK_DAY = '\u00a0'.repeat(6);

/**
 * `ngày 30 tháng 9 năm 2024`; with `blankDay`, a draft's line whose day is left for the
 * signer: `ngày      tháng 9 năm 2024`.
 */
export function documentDateVi(d: LocalDate, opts: { blankDay?: boolean } = {}): string {
  const { year, month, day } = parts(d);
  return dateWordsVi(year, month, opts.blankDay ? 'blank' : day);
}

/**
 * The date line from its parts, as a document wrote it: `ngày 05 tháng 02 năm 2024`; a day
 * left blank for the signer (`'blank'`); no day at all, `tháng 02 năm 2024`, when a document
 * gives only the month.
 */
export function dateWordsVi(year: number, month: number, day?: number | 'blank'): string {
  const monthYear = `tháng ${monthVi(month)} năm ${year}`;
  return day === undefined ? monthYear : `ngày ${day === 'blank' ? BLANK_DAY : dayVi(day)} ${monthYear}`;
}

/** The place-and-date line under the Party's name: `Lục Ngạn, ngày 30 tháng 9 năm 2024`. */
export function placeDateLineVi(place: string, d: LocalDate, opts: { blankDay?: boolean } = {}): string {
  return `${place ? `${place}, ` : ''}${documentDateVi(d, opts)}`;
}
