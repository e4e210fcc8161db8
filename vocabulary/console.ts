/**
 * What the Temporal UI shows of an occurrence (the admins' console): the summary and details
 * of a start, a summary on every timer and every notice, and the current details kept up to
 * date. Markdown, Vietnamese, pure: computed inside the workflow.
 */
import type { SkipReason } from '../domain/catch-up';
import type { OccurrenceSpec } from '../domain/spec';
import type { Step } from '../domain/timeline';
import { formatInstantVi, formatVi } from './dates';
import { STATUS_LABELS, escalationRoundVi, stepKindLabel } from './labels';
import type { StatusCode } from '../domain/status';
import { clauseRefVi, quoteVi } from './text';
import { withoutPlace } from './names';
import { occurrencePeriodLabel } from './occurrence';

type SpecFacts = Omit<OccurrenceSpec, 'steps'>;

/**
 * Lines of Markdown for the UI, one under the other: a hard line break (two spaces, then the
 * newline) between them. A bare newline runs them into one line; a blank line makes each a
 * paragraph, whose margins the UI leaves out when it sizes the frame it renders them in, so the
 * last line is cut off.
 */
export function consoleLines(lines: readonly string[]): string {
  return lines.join('  \n');
}

const isDrill = (spec: Pick<SpecFacts, 'period'>) => spec.period.startsWith('drill-');

/** How far a step is from the due date: `trước 5 ngày làm việc`, `quá hạn 3 ngày làm việc`. */
function distance(spec: Pick<SpecFacts, 'period'>, offset: number): string {
  const unit = isDrill(spec) ? 'bước' : 'ngày làm việc';
  if (offset < 0) return `trước ${-offset} ${unit}`;
  if (offset > 0) return `quá hạn ${offset} ${unit}`;
  return 'ngày đến hạn';
}

/** The timer before a step: `Nhắc trước hạn, trước 5 ngày làm việc — 07:30 thứ Hai, 23/9/2024`. */
export function stepTimerSummary(spec: Pick<SpecFacts, 'period'>, step: Pick<Step, 'kind' | 'offset' | 'atMs' | 'level'>): string {
  const kind = stepKindLabel(step.kind);
  const what = step.kind === 'close' ? 'Kết thúc theo dõi' : `${kind.charAt(0).toUpperCase()}${kind.slice(1)}${escalationRoundVi(step.level)}`;
  return `${what}, ${distance(spec, step.offset)} — ${formatInstantVi(step.atMs)}`;
}

/** Other instants an occurrence waits for. */
export function waitSummary(what: 'overdue' | 'unit-end' | 'retry' | 'undo', atMs: number, attempt?: number): string {
  const words = { overdue: 'Chuyển sang quá hạn', 'unit-end': 'Địa bàn thôi thuộc phạm vi Kế hoạch', retry: `Gửi lại lần ${attempt ?? 1}`, undo: 'Hết thời gian hủy kết quả' }[what];
  return `${words} — ${formatInstantVi(atMs)}`;
}

/**
 * A body as the console names it: the directory's name the spec carries, without the place of the
 * occurrence's own unit, which its details give (`Ủy ban MTTQ Việt Nam xã`, as a sentence read in
 * that unit names it: vocabulary/names.ts); the id for a spec made before it carried names.
 */
function bodyInSpec(spec: Pick<SpecFacts, 'bodyNames' | 'unitName'>, id: string): string {
  const name = spec.bodyNames?.[id];
  return name ? withoutPlace(name, spec.unitName) : id;
}

const bodiesInSpec = (spec: Pick<SpecFacts, 'bodyNames' | 'unitName'>, ids: readonly string[]) => ids.map((id) => bodyInSpec(spec, id)).join(', ');

/** The local activity of a notice: `Gửi “đến hạn” (bước 3) tới Thường trực Huyện ủy`. */
export function noticeSummary(spec: Pick<SpecFacts, 'bodyNames' | 'unitName'>, step: Pick<Step, 'kind' | 'index'>, to: readonly string[]): string {
  return `Gửi ${quoteVi(stepKindLabel(step.kind))} (bước ${step.index + 1}) tới ${bodiesInSpec(spec, to)}`;
}

/**
 * The details of a start, under its summary (which names the duty, the territory, the period and
 * the due date): where, when, who, and on what basis, in four Markdown lines. The UI (2.42)
 * sizes the frame of the details to their height less about a line, but never under 100 pixels:
 * four lines show whole, and a line that wraps pushes the last out of sight; so the list of
 * participants, which wraps on a narrow screen, comes last.
 */
export function occurrenceStartDetails(spec: SpecFacts): string {
  return consoleLines([
    `**Địa bàn:** ${spec.unitName} · **Kỳ:** ${occurrencePeriodLabel(spec)} · **Thời hạn:** ${formatVi(spec.due)}`,
    `**Chủ trì:** ${bodiesInSpec(spec, spec.owners)}`,
    `**Căn cứ:** ${clauseRefVi(spec.clauseRef)}`,
    ...(spec.participants.length ? [`**Phối hợp:** ${bodiesInSpec(spec, spec.participants)}`] : []),
  ]);
}

const SKIP_WORDS: Record<SkipReason, string> = {
  superseded: 'đã có thông báo mới hơn',
  'past-deadline': 'đã quá hạn, lời nhắc không còn đúng',
  resolved: 'đã xử lý',
};

export function skipReasonLabel(reason: SkipReason): string {
  return SKIP_WORDS[reason];
}

export interface CurrentFacts {
  status: StatusCode;
  due: string;
  next?: { summary: string };
  sent: number;
  skipped: number;
  failed: number;
  resolution?: string;
  handedOver?: string;
}

/** The current details of an occurrence, kept up to date by its workflow: the short lines first (the frame, as above, hides what a wrapped line pushes down). */
export function occurrenceCurrentDetails(f: CurrentFacts): string {
  return consoleLines([
    `**Tình hình:** ${STATUS_LABELS[f.status]}`,
    `**Thời hạn:** ${formatVi(f.due)}`,
    `**Thông báo:** đã gửi ${f.sent}${f.skipped ? ` · bỏ qua ${f.skipped}` : ''}${f.failed ? ` · lỗi ${f.failed}` : ''}`,
    ...(f.handedOver ? [`**Chuyển giao:** ${f.handedOver}`] : []),
    ...(f.resolution ? [`**Kết quả:** ${f.resolution}`] : []),
    ...(f.next ? [`**Bước tiếp theo:** ${f.next.summary}`] : []),
  ]);
}


/** A planner in the list of workflows: `Lập lịch: Giao ban — huyện Lục Ngạn`, `… — xã Biên Sơn (Ủy ban MTTQ xã)`. */
export function plannerSummary(obligation: { shortTitle?: string; title: string }, unitName: string, owner?: string): string {
  return `Lập lịch: ${obligation.shortTitle ?? obligation.title} — ${unitName}${owner ? ` (${owner})` : ''}`;
}

/** The planner's wait: `Mở kỳ quý III/2024 — 00:00 thứ Hai, 01/7/2024`. */
export function plannerWaitSummary(next: Pick<SpecFacts, 'period'>, opensAtMs: number): string {
  return `Mở kỳ ${occurrencePeriodLabel(next)} — ${formatInstantVi(opensAtMs)}`;
}

/** What a planner is waiting for, kept up to date by it. */
export function plannerDetails(next: Pick<SpecFacts, 'id' | 'period' | 'due' | 'opensOn'>, paused: boolean, started: number): string {
  return consoleLines([
    `**Kỳ tiếp theo:** ${occurrencePeriodLabel(next)} (${next.id})`,
    `**Mở ngày:** ${formatVi(next.opensOn)} · **Thời hạn:** ${formatVi(next.due)}`,
    `**Đã mở:** ${started} kỳ${paused ? ' · **Tạm dừng**' : ''}`,
  ]);
}
