/** The words of a refused action (domain/resolution.ts says what is wrong; this says it). */
import type { Action, Refusal, RequestField, Withdrawal } from '../domain/resolution';
import { formatInstantVi, formatVi } from './dates';
import type { StatusCode } from '../domain/status';
import { FIELD_LABELS, RESOLUTION_LABELS, statusLabel } from './labels';
import { capitalizeVi, quoteVi } from './text';

const FIELD_WORDS: Record<RequestField, string> = {
  by: 'người báo cáo',
  position: 'chức vụ của người báo cáo',
  note: 'ghi chú',
  evidence: 'minh chứng',
  reason: 'lý do',
  value: 'số liệu',
  newDue: 'hạn mới',
  body: 'cơ quan, đơn vị của liên kết',
};

/** The same field is named after what the action asks for. */
const FIELD_WORDS_BY_ACTION: Partial<Record<Action | Withdrawal, Partial<Record<RequestField, string>>>> = {
  waive: { reason: 'lý do không phát sinh' },
  close: { by: 'người thực hiện', reason: 'lý do kết thúc theo dõi' },
  extend: { by: 'người gia hạn', reason: 'lý do gia hạn' },
  undo: { by: 'người hủy kết quả' },
  reopen: { by: 'người mở lại', reason: 'lý do mở lại' },
};

function fieldWords(action: Action | Withdrawal, field: RequestField, label?: string): string {
  return label ?? FIELD_WORDS_BY_ACTION[action]?.[field] ?? FIELD_WORDS[field];
}

/** One Vietnamese sentence: what was refused and why. */
export function refusalMessage(action: Action | Withdrawal, r: Refusal): string {
  switch (r.code) {
    case 'final':
      return `Nhiệm vụ này đã được ghi nhận ${quoteVi(r.status)}; không thể báo cáo lại. Nếu cần điều chỉnh, đề nghị trả lời thư để Ban Dân vận Huyện ủy xử lý.`;
    case 'missing':
      return `Thiếu ${fieldWords(action, r.field, r.label)}.`;
    case 'not-text':
      return `${capitalizeVi(fieldWords(action, r.field, r.label))} phải là văn bản.`;
    case 'too-long':
      return `${capitalizeVi(fieldWords(action, r.field, r.label))} dài quá ${r.limit} ký tự.`;
    case 'use-record':
      return `Nhiệm vụ này báo cáo bằng số liệu ${quoteVi(r.indicator)}: đề nghị dùng đường dẫn ${quoteVi(RESOLUTION_LABELS.record)}.`;
    case 'not-waivable':
      return 'Nhiệm vụ này không được ghi “không phát sinh”.';
    case 'not-indicator':
      return 'Nhiệm vụ này không báo cáo bằng số liệu.';
    case 'not-a-number':
      return 'Số liệu phải là một số.';
    case 'bad-date':
      return `Hạn mới ${quoteVi(r.value)} không phải ngày hợp lệ (YYYY-MM-DD).`;
    case 'not-later':
      return `Hạn mới phải sau hạn hiện tại ${formatVi(r.due)}.`;
    case 'too-far':
      return `Hạn mới không được quá ${r.maxDays} ngày sau hạn hiện tại ${formatVi(r.due)}.`;
    case 'in-the-past':
      return `Hạn mới không được trước hôm nay (${formatVi(r.today)}).`;
    case 'bad-undo-window':
      return `Thời gian được hủy kết quả phải là số phút nguyên, từ 0 đến ${r.maxMinutes}.`;
    case 'not-from-link':
      return 'Kết quả này không được gửi từ liên kết này nên không hủy được tại đây; đồng chí liên hệ Ban Dân vận.';
    case 'undo-expired':
      return `Đã hết thời gian hủy kết quả (đến ${formatInstantVi(r.untilMs)}); đồng chí liên hệ Ban Dân vận nếu cần mở lại.`;
    case 'not-resolved':
      return 'Nhiệm vụ này chưa có kết quả báo cáo nên không có gì để mở lại.';
    case 'unit-ended':
      return 'Nhiệm vụ này đã dừng theo dõi vì địa bàn, đơn vị kết thúc; không mở lại được.';
  }
}

/**
 * An id that names no workflow on the server, as the CLI and the pages say it:
 * `không có lần thực hiện nào mang mã theo dõi “occ/…”`, `không có bộ lập lịch đang chạy “planner/…”`.
 */
export function unknownWorkflowVi(what: 'occurrence' | 'planner', id: string): string {
  return what === 'occurrence'
    ? `không có lần thực hiện nào mang ${FIELD_LABELS.trackingId.toLowerCase()} ${quoteVi(id)}`
    : `không có bộ lập lịch đang chạy ${quoteVi(id)}`;
}

/** An occurrence whose workflow has ended takes no more reports: `lần thực hiện “…” đã kết thúc, tình hình thực hiện: “…”`. */
export function endedOccurrenceVi(id: string, status: StatusCode): string {
  return `lần thực hiện ${quoteVi(id)} đã kết thúc, ${FIELD_LABELS.status.toLowerCase()}: ${quoteVi(statusLabel(status))}`;
}
