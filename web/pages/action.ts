/**
 * The page behind a signed link: what the occurrence is, and the one form the link is for
 * (report done, report "không phát sinh", record an indicator), or who resolved it already.
 */
import type { PlanIndex } from '../../domain/occurrences';
import type { LinkAction } from '../../platform/links';
import type { OccurrenceState } from '../../workflows/messages';
import { fieldsFor, type Field, type FieldName, type FormValues } from '../forms';
import { html, type Html } from '../html';
import { page } from '../layout';
import { clauseBlock, occurrenceFacts, resolutionBlock } from '../views';
import { FIELD_LABELS, RESOLUTION_LABELS, bodyNameIn, capitalizeVi, formatInstantVi, occurrencePeriodLabel, quoteVi, statusLabel, targetVi } from '../../vocabulary';

/** What the link does; its intro says it to `who` (the link's body), for `monitor` (the Ban, short), of `period`. */
const HEADINGS: Record<LinkAction, { title: string; button: string; intro: (who: string, monitor: string, period: string) => string }> = {
  complete: {
    title: RESOLUTION_LABELS.complete,
    button: 'Xác nhận đã hoàn thành',
    intro: (who, monitor) => `Xác nhận ${who} đã hoàn thành nhiệm vụ. Thông tin được chuyển ngay đến ${monitor}; không phải gửi văn bản báo cáo riêng.`,
  },
  waive: {
    title: RESOLUTION_LABELS.waive,
    button: 'Xác nhận không phát sinh',
    intro: () => 'Dùng khi trong kỳ không phát sinh nhiệm vụ (ví dụ: không tổ chức tiếp công dân, hoặc xét thấy không cần mời); ghi rõ lý do.',
  },
  record: {
    title: RESOLUTION_LABELS.record,
    button: 'Gửi số liệu',
    intro: (_who, _monitor, period) => `Đề nghị nhập số liệu ${period}.`,
  },
};

export interface ActionPageInput {
  action: LinkAction;
  /** The body the link was made for. */
  body: string;
  state: OccurrenceState;
  index: PlanIndex;
  values?: FormValues;
  errors?: Partial<Record<FieldName, string>>;
  /** A refusal of the whole submission (the workflow's validator, Temporal unreachable). */
  problem?: string;
  /** Shown after a successful submission. */
  accepted?: boolean;
  /** The result this link sent can be undone until then (absent: it cannot, or no more). */
  undoUntilMs?: number;
  /** Shown after the result was undone: the form again. */
  undone?: boolean;
}

/** The form that undoes the result this link sent, while it can. */
function undoForm(untilMs: number): Html {
  return html`<section class="box form" id="undo"><h2>Gửi nhầm?</h2>
<p>Nếu đã bấm nhầm, đồng chí có thể hủy kết quả vừa gửi cho đến ${formatInstantVi(untilMs)}; nhiệm vụ sẽ tiếp tục được theo dõi như trước.</p>
<form method="post" accept-charset="utf-8"><input type="hidden" name="undo" value="1"><button type="submit">Hủy kết quả vừa gửi</button></form></section>`;
}

function fieldHtml(f: Field, value: string | undefined, error: string | undefined): Html {
  const id = `f-${f.name}`;
  const common = html`id="${id}" name="${f.name}" maxlength="${f.maxLength}"${f.required ? html` required` : null}${
    error ? html` aria-invalid="true" aria-describedby="${id}-err"` : null
  }`;
  const input = f.multiline
    ? html`<textarea ${common} rows="4">${value ?? ''}</textarea>`
    : html`<input type="text" ${common}${f.numeric ? html` inputmode="decimal"` : null} value="${value ?? ''}"${
        f.name === 'name' ? html` autocomplete="name"` : f.name === 'position' ? html` autocomplete="organization-title"` : null
      }>`;
  return html`<div class="field${error ? ' invalid' : ''}"><label for="${id}">${f.label}${f.required ? html` <span class="req" title="bắt buộc">*</span>` : null}</label>
${input}${f.hint ? html`<small>${f.hint}</small>` : null}${error ? html`<p class="error" id="${id}-err">${error}</p>` : null}</div>`;
}

export function actionPage(input: ActionPageInput): string {
  const { state, index, action } = input;
  const h = HEADINGS[action];
  const facts = occurrenceFacts(state, index);
  // The Ban as its own pages name it in a sentence: `Ban Dân vận Huyện ủy`.
  const monitorUnit = index.bodies.get(index.config.plan.monitor)?.unit;
  const monitor = bodyNameIn(index, index.config.plan.monitor, monitorUnit);
  const resolution = resolutionBlock(state, index);
  const undo = input.undoUntilMs !== undefined ? undoForm(input.undoUntilMs) : null;
  let main: Html;
  if (input.accepted) {
    const recorded = state.final ? `; nhiệm vụ được ghi nhận ${quoteVi(statusLabel(state.status))}` : '';
    main = html`<section class="box ok" role="status"><h2>Đã ghi nhận</h2><p>Cảm ơn đồng chí. ${capitalizeVi(monitor)} đã nhận được báo cáo${recorded}.</p></section>${resolution}${undo}`;
  } else if (state.final) {
    main = html`${input.problem ? html`<p class="box warn" role="alert">${input.problem}</p>` : null}${resolution}${undo}`;
  } else {
    const fields = fieldsFor(action, state.spec);
    const r = state.spec.resolution;
    const target =
      action === 'record' && r.type === 'indicator' && r.target !== undefined
        ? html`<p>${FIELD_LABELS.target}: ${targetVi(r.comparison, r.target, r.unit)}.</p>`
        : null;
    const undone = input.undone
      ? html`<p class="box ok" role="status">Đã hủy kết quả vừa gửi; nhiệm vụ tiếp tục được theo dõi. Đồng chí có thể báo cáo lại dưới đây.</p>`
      : null;
    main = html`${undone}<section class="box form"><h2>${h.title}</h2>
<p>${h.intro(bodyNameIn(index, input.body, monitorUnit), monitor, occurrencePeriodLabel(state.spec))}</p>${target}
<p class="muted">${FIELD_LABELS.reportingBody}: <strong>${index.bodyName(input.body)}</strong></p>
${input.problem ? html`<p class="error" role="alert">${input.problem}</p>` : null}
<form method="post" accept-charset="utf-8">
${fields.map((f) => fieldHtml(f, input.values?.[f.name], input.errors?.[f.name]))}
<button type="submit">${h.button}</button>
</form></section>`;
  }
  return page({ title: `${h.title}: ${state.spec.title}`, org: index.bodyName(index.config.plan.monitor) }, html`${facts}${main}${clauseBlock(state, index)}`);
}
