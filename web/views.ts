/**
 * Pieces of an occurrence shared by the action page and the detail page: what it is, how it
 * was resolved, and its notification timeline.
 */
import type { PlanIndex } from '../domain/occurrences';
import type { OccurrenceState } from '../workflows/messages';
import { html, type Html } from './html';
import { statusChip } from './layout';
import { formatInstantVi, formatVi, occurrencePeriodLabel, RESOLUTION_LABELS, STEP_STATE_LABELS as STEP_STATES, stepKindLabel } from '../vocabulary';

/** Title, status, due date, period, unit, owners. */
export function occurrenceFacts(state: OccurrenceState, index: PlanIndex): Html {
  const s = state.spec;
  const owners = s.owners.map((id) => index.bodyName(id)).join('; ');
  const extended = state.extensions.length
    ? html` <span class="muted">(gia hạn từ ${formatVi(state.extensions[0]!.from)})</span>`
    : null;
  return html`<h1>${s.title}</h1>
<dl class="facts">
<dt>Trạng thái</dt><dd>${statusChip(state.status)}</dd>
<dt>Hạn</dt><dd><strong>${formatVi(s.due)}</strong>${extended}</dd>
<dt>Kỳ</dt><dd>${occurrencePeriodLabel(s)}</dd>
<dt>Đơn vị</dt><dd>${s.unitName}</dd>
<dt>Cơ quan thực hiện</dt><dd>${owners}</dd>
</dl>`;
}

/** The sentence of the plan that creates the obligation. */
export function clauseBlock(state: OccurrenceState): Html {
  const s = state.spec;
  return html`<section class="clause"><h2>Căn cứ</h2><p>Mục ${s.clauseRef} của Kế hoạch: <q>${s.clauseText}</q></p></section>`;
}

/** Who resolved it, when, and what they said; or why it was closed. Null while open. */
export function resolutionBlock(state: OccurrenceState): Html | null {
  const r = state.resolution;
  if (!r) {
    if (!state.final) return null;
    return html`<section class="box done"><h2>Đã đóng theo dõi</h2><p>Kỳ này đã hết các bước đôn đốc và được đóng ở trạng thái ${statusChip(state.status)}.</p></section>`;
  }
  const detail: (Html | null)[] = [
    r.value !== undefined ? html`<dt>Số liệu</dt><dd>${String(r.value).replace('.', ',')}${r.met === undefined ? null : r.met ? ' (đạt chỉ tiêu)' : ' (chưa đạt chỉ tiêu)'}</dd>` : null,
    r.evidence ? html`<dt>Minh chứng</dt><dd>${r.evidence}</dd>` : null,
    r.reason ? html`<dt>Lý do</dt><dd>${r.reason}</dd>` : null,
    r.note ? html`<dt>Ghi chú</dt><dd class="pre">${r.note}</dd>` : null,
  ];
  return html`<section class="box done" id="resolution"><h2>Đã xử lý</h2>
<dl class="facts">
<dt>Nội dung</dt><dd>${RESOLUTION_LABELS[r.action]} — ${statusChip(state.status)}</dd>
<dt>Người báo cáo</dt><dd>${r.by}</dd>
<dt>Thời điểm</dt><dd>${formatInstantVi(r.atMs)}</dd>
${detail}
</dl></section>`;
}

export function timelineTable(state: OccurrenceState, index: PlanIndex): Html {
  const rows = state.steps.map((s) => {
    const to = s.to.map((id) => index.bodyName(id)).join('; ') || '—';
    const sent = s.state === 'sent' && s.sentAtMs !== undefined ? html`${STEP_STATES.sent} lúc ${formatInstantVi(s.sentAtMs)}` : STEP_STATES[s.state];
    const failures = s.failures?.length
      ? html`<ul class="failures">${s.failures.map((f) => html`<li>${index.bodyName(f.body)}: ${f.reason}</li>`)}</ul>`
      : null;
    return html`<tr class="step-${s.state}"><td data-label="Thời điểm">${formatInstantVi(s.atMs)}</td><td data-label="Bước">${stepKindLabel(s.kind)}${
      s.level ? ` (cấp ${s.level})` : ''
    }</td><td data-label="Gửi đến">${s.kind === 'close' ? '—' : to}</td><td data-label="Tình trạng">${s.kind === 'close' && s.state === 'sent' ? 'đã đóng' : sent}${failures}</td></tr>`;
  });
  const extensions = state.extensions.map(
    (e) => html`<li>${formatInstantVi(e.atMs)}: ${e.by} gia hạn từ ${formatVi(e.from)} đến ${formatVi(e.to)} — ${e.reason}</li>`,
  );
  return html`<section><h2>Tiến trình đôn đốc</h2>
<div class="scroll"><table class="timeline"><thead><tr><th>Thời điểm</th><th>Bước</th><th>Gửi đến</th><th>Tình trạng</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${extensions.length ? html`<h3>Gia hạn</h3><ul>${extensions}</ul>` : null}
</section>`;
}
