/**
 * The labels every surface shows (emails, pages, the CLI, the annual report): one word for
 * one thing. Codes stay English and stable (search attributes, JSON); these are what
 * officials read.
 */
import type { ObligationKind } from '../domain/model';
import type { StatusCode } from '../domain/status';
import type { StepKind } from '../domain/timeline';

/** Status words of Vietnamese task-tracking systems. */
export const STATUS_LABELS: Readonly<Record<StatusCode, string>> = Object.freeze({
  open: 'đang thực hiện trong hạn',
  overdue: 'quá hạn, chưa hoàn thành',
  'done-on-time': 'hoàn thành đúng hạn',
  'done-late': 'hoàn thành quá hạn',
  waived: 'không phát sinh',
  closed: 'đã đóng (đơn vị không còn)',
});

export function statusLabel(code: StatusCode): string {
  return STATUS_LABELS[code];
}

/** Vietnamese names of the step kinds of a notification timeline. */
export const STEP_KIND_LABELS: Readonly<Record<StepKind, string>> = Object.freeze({
  reminder: 'nhắc trước hạn',
  due: 'đến hạn',
  overdue: 'quá hạn',
  escalation: 'báo cáo vượt cấp',
  close: 'đóng',
});

export function stepKindLabel(kind: StepKind): string {
  return STEP_KIND_LABELS[kind];
}

/** How an occurrence was resolved. */
export const RESOLUTION_LABELS = Object.freeze({
  complete: 'Báo cáo đã hoàn thành',
  waive: 'Báo cáo không phát sinh',
  record: 'Ghi nhận số liệu',
  close: 'Đóng theo dõi',
} as const);

/** Where a step of the timeline stands. */
export const STEP_STATE_LABELS = Object.freeze({
  pending: 'chờ gửi',
  sending: 'đang gửi',
  retrying: 'chờ gửi lại',
  sent: 'đã gửi',
  failed: 'gửi không được',
  skipped: 'không gửi (đã xử lý)',
} as const);

/** What kind of duty an obligation is. */
export const OBLIGATION_KIND_LABELS: Readonly<Record<ObligationKind, string>> = Object.freeze({
  meeting: 'cuộc họp',
  invitation: 'giấy mời',
  document: 'văn bản',
  registration: 'đăng ký',
  report: 'báo cáo',
  event: 'sự kiện',
  indicator: 'chỉ tiêu',
});
