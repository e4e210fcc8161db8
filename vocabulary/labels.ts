/**
 * The labels every surface shows (emails, pages, the CLI, the annual report): one word for
 * one thing. Codes stay English and stable (search attributes, JSON); these are what
 * officials read.
 */
import type { ObligationKind } from '../domain/model';
import type { StatusCode } from '../domain/status';
import type { StepKind } from '../domain/timeline';
import { escalationAudience, type EscalationAudience, type Relation, type RelationContext } from '../domain/relation';

/**
 * What each fact about an occurrence is called, wherever it is shown (an email's details,
 * a page's facts, a report's columns, an invite). A unit is a territory (địa bàn); a body
 * is an organ (cơ quan, đơn vị).
 */
export const FIELD_LABELS = Object.freeze({
  task: 'Nhiệm vụ',
  period: 'Kỳ',
  unit: 'Địa bàn',
  owner: 'Cơ quan, đơn vị chủ trì',
  /** Who presides over a duty Party leadership owns: not a body whose progress is tracked. */
  presides: 'Chủ trì',
  participants: 'Cơ quan, đơn vị phối hợp',
  /** Where an activity is registered (a registration's receivers: the Party committee). */
  registrar: 'Nơi đăng ký',
  /** Who receives what the owner delivers (a report's receivers). */
  receivers: 'Nơi nhận',
  due: 'Thời hạn',
  meeting: 'Thời gian họp (dự kiến)',
  /** The event an invitation is for (the chair's citizen reception), held by someone else. */
  event: 'Thời gian diễn ra (dự kiến)',
  status: 'Tình hình thực hiện',
  trackingId: 'Mã theo dõi',
  basis: 'Căn cứ',
  target: 'Chỉ tiêu',
  value: 'Số liệu',
  evidence: 'Minh chứng',
  reason: 'Lý do',
  note: 'Ghi chú',
  reportedBy: 'Người báo cáo',
  /** The form's field for the reporter's name; `reportedBy` is how the result shows it. */
  reporterName: 'Họ và tên người báo cáo',
  /** The body a form reports for (the link's body). */
  reportingBody: 'Cơ quan báo cáo',
  /** The post the reporter holds (`Phó Chủ tịch Ủy ban MTTQ xã`), beside the name. */
  position: 'Chức vụ',
  reportedAt: 'Thời điểm báo cáo',
  /** The body an action link was sent to, whose link a result came from. */
  linkBody: 'Báo cáo qua liên kết gửi',
  /** Results withdrawn: undone from their link, or reopened by the monitor. */
  withdrawn: 'Kết quả đã hủy, mở lại',
  resolution: 'Kết quả',
  completionRate: 'Tỷ lệ hoàn thành',
  timeline: 'Quá trình nhắc việc, đôn đốc',
  extensions: 'Gia hạn',
} as const);

/** The evidence of a result under the label its form asked it by (`Tên hoạt động … đã đăng ký`), else `Minh chứng`. */
export function evidenceLabelOf(resolution: { type: string; evidenceLabel?: string }): string {
  return resolution.type === 'evidence' && resolution.evidenceLabel ? resolution.evidenceLabel : FIELD_LABELS.evidence;
}

/** What the socio-political organisations are called together (the Front's member organisations). */
export const MASS_ORGANISATIONS_WORDS = 'tổ chức chính trị - xã hội';

/** Status words of Vietnamese task-tracking systems. */
export const STATUS_LABELS: Readonly<Record<StatusCode, string>> = Object.freeze({
  open: 'đang thực hiện trong hạn',
  overdue: 'quá hạn, chưa hoàn thành',
  'done-on-time': 'hoàn thành đúng hạn',
  'done-late': 'hoàn thành quá hạn',
  waived: 'không phát sinh',
  // Generic: a unit ends in several ways (handed over, transferred out of the plan's scope,
  // abolished); the reason goes beside it (statusWithReason).
  closed: 'kết thúc theo dõi',
});

export function statusLabel(code: StatusCode): string {
  return STATUS_LABELS[code];
}

/** The status with why it stopped, when it did: `kết thúc theo dõi (chuyển về thị xã Chũ từ ngày 01/01/2025)`. */
export function statusWithReason(code: StatusCode, reason: string | undefined): string {
  return code === 'closed' && reason ? `${STATUS_LABELS.closed} (${reason})` : STATUS_LABELS[code];
}

/**
 * Vietnamese names of the step kinds of a notification timeline. An escalation urges
 * ("đôn đốc") the owner and its supervisors; to Party leadership it is a report ("báo cáo")
 * — never "báo cáo vượt cấp", which means going over one's direct superior's head.
 */
export const STEP_KIND_LABELS: Readonly<Record<StepKind, string>> = Object.freeze({
  reminder: 'nhắc trước hạn',
  due: 'đến hạn',
  overdue: 'quá hạn',
  escalation: 'đôn đốc',
  close: 'kết thúc theo dõi',
});

const ESCALATION_LABELS: Readonly<Record<EscalationAudience, string>> = Object.freeze({
  urge: 'đôn đốc',
  report: 'báo cáo',
  both: 'đôn đốc, báo cáo',
});

/**
 * A step's name; an escalation's depends on who it reaches beyond the owner (domain/relation.ts
 * `escalationAudience`): `đôn đốc`, `báo cáo` (only Party leadership) or `đôn đốc, báo cáo`.
 */
export function stepKindLabel(kind: StepKind, audience?: EscalationAudience): string {
  return kind === 'escalation' && audience ? ESCALATION_LABELS[audience] : STEP_KIND_LABELS[kind];
}

/** Which round of urging an escalation is (its level): ` lần 2` — never `cấp 2`, which officials read as an administrative level. */
export function escalationRoundVi(level: number | undefined): string {
  return level ? ` lần ${level}` : '';
}

/** The name of one step of a timeline, an escalation's by whom it reaches. */
export function stepLabel(step: { kind: StepKind; to: readonly string[] }, ctx: RelationContext): string {
  return stepKindLabel(step.kind, step.kind === 'escalation' ? escalationAudience(step.to, ctx) : undefined);
}

/** What the recipient of a notice is to the task or to the late body (domain/relation.ts). */
export const RELATION_LABELS: Readonly<Record<Relation, string>> = Object.freeze({
  owner: 'cơ quan, đơn vị chủ trì',
  participant: 'cơ quan, đơn vị phối hợp',
  leadership: 'cấp ủy lãnh đạo',
  'leading-committee': 'cấp ủy trực tiếp lãnh đạo',
  'administrative-superior': 'cấp trên trực tiếp',
  monitor: 'cơ quan theo dõi, đôn đốc thực hiện Kế hoạch',
  other: 'cơ quan, đơn vị liên quan',
});

/** What an official does through a link, and how the result is named afterwards. */
export const RESOLUTION_LABELS = Object.freeze({
  complete: 'Báo cáo đã hoàn thành',
  waive: 'Báo cáo không phát sinh',
  record: 'Báo cáo số liệu',
  close: 'Kết thúc theo dõi',
} as const);

/** Where a step of the timeline stands. */
export const STEP_STATE_LABELS = Object.freeze({
  pending: 'chờ gửi',
  sending: 'đang gửi',
  retrying: 'chờ gửi lại',
  sent: 'đã gửi',
  failed: 'gửi không thành công',
  skipped: 'không gửi', // the reason beside it (skipReasonLabel)
} as const);

/** What kind of duty an obligation is. */
export const OBLIGATION_KIND_LABELS: Readonly<Record<ObligationKind, string>> = Object.freeze({
  meeting: 'cuộc họp',
  invitation: 'giấy mời',
  document: 'văn bản',
  registration: 'đăng ký',
  report: 'báo cáo',
  event: 'hoạt động',
  indicator: 'chỉ tiêu',
});
