/**
 * Small, pure Vietnamese formatting helpers shared by the CLI, emails and the web: the
 * names of timeline steps and instants written the way Vietnamese offices write them.
 *
 * Pure and deterministic (no Date, no Intl, no host time zone): safe in workflow code.
 */
import { formatViLong, localDateOfInstant, VN_UTC_OFFSET_MINUTES } from './calendar/local-date';
import type { StepKind } from './timeline';

/** Vietnamese names of the step kinds of a notification timeline. */
export const STEP_KIND_LABELS: Readonly<Record<StepKind, string>> = Object.freeze({
  reminder: 'nhắc trước hạn',
  due: 'đến hạn',
  overdue: 'quá hạn',
  escalation: 'báo cáo vượt cấp',
  close: 'đóng',
});

/** `nhắc trước hạn`, `đến hạn`, `quá hạn`, `báo cáo vượt cấp`, `đóng`. */
export function stepKindLabel(kind: StepKind): string {
  return STEP_KIND_LABELS[kind];
}

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;

/** The wall-clock time in Vietnam (UTC+7) at an instant, `HH:MM`: `07:30`. */
export function timeOfInstant(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a finite instant: ${ms}`);
  const minutes = Math.floor(ms / MS_PER_MINUTE) + VN_UTC_OFFSET_MINUTES;
  const ofDay = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(ofDay / 60)).padStart(2, '0')}:${String(ofDay % 60).padStart(2, '0')}`;
}

/** An instant as Vietnamese offices write it, time first: `07:30 Thứ Hai, 23/09/2024`. */
export function formatInstantVi(ms: number): string {
  return `${timeOfInstant(ms)} ${formatViLong(localDateOfInstant(ms))}`;
}

/** Lower case ASCII words joined by `-`, without diacritics: `xã Biên Sơn` → `xa-bien-son`. */
export function slugVi(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
