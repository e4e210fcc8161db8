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
import { FIELD_LABELS, RESOLUTION_LABELS, formatInstantVi, targetVi } from '../../vocabulary';

const HEADINGS: Record<LinkAction, { title: string; button: string; intro: string }> = {
  complete: {
    title: RESOLUTION_LABELS.complete,
    button: 'Xác nhận đã hoàn thành',
    intro: 'Xác nhận cơ quan đã thực hiện xong nhiệm vụ này. Ban Dân vận nhận được ngay, không cần gửi văn bản riêng cho việc đôn đốc.',
  },
  waive: {
    title: RESOLUTION_LABELS.waive,
    button: 'Xác nhận không phát sinh',
    intro: 'Dùng khi kỳ này không phát sinh việc phải làm; ghi rõ lý do.',
  },
  record: {
    title: RESOLUTION_LABELS.record,
    button: 'Gửi số liệu',
    intro: 'Ghi số liệu của kỳ này.',
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
        f.name === 'name' ? html` autocomplete="name"` : null
      }>`;
  return html`<div class="field${error ? ' invalid' : ''}"><label for="${id}">${f.label}${f.required ? html` <span class="req" title="bắt buộc">*</span>` : null}</label>
${input}${f.hint ? html`<small>${f.hint}</small>` : null}${error ? html`<p class="error" id="${id}-err">${error}</p>` : null}</div>`;
}

export function actionPage(input: ActionPageInput): string {
  const { state, index, action } = input;
  const h = HEADINGS[action];
  const facts = occurrenceFacts(state, index);
  const resolution = resolutionBlock(state, index);
  const undo = input.undoUntilMs !== undefined ? undoForm(input.undoUntilMs) : null;
  let main: Html;
  if (input.accepted) {
    main = html`<section class="box ok" role="status"><h2>Đã ghi nhận</h2><p>Cảm ơn đồng chí. Kết quả đã được ghi nhận; Ban Dân vận sẽ không nhắc việc này nữa.</p></section>${resolution}${undo}`;
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
<p>${h.intro}</p>${target}
<p class="muted">Thay mặt: <strong>${index.bodyName(input.body)}</strong></p>
${input.problem ? html`<p class="error" role="alert">${input.problem}</p>` : null}
<form method="post" accept-charset="utf-8">
${fields.map((f) => fieldHtml(f, input.values?.[f.name], input.errors?.[f.name]))}
<button type="submit">${h.button}</button>
</form></section>`;
  }
  return page({ title: `${h.title}: ${state.spec.title}` }, html`${facts}${main}${clauseBlock(state, index)}`);
}
