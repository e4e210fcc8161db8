/**
 * Pieces of an occurrence shared by the action page and the detail page: what it is, how it
 * was resolved, and its notification timeline. Labels, dates and citations are the
 * vocabulary's, the same words the emails use.
 */
import type { SkipReason } from '../domain/catch-up';
import type { PlanIndex } from '../domain/occurrences';
import { relationContext } from '../domain/relation';
import { occurrenceReceivers } from '../domain/targets';
import { handedOverOf, type OccurrenceState, type StepState } from '../workflows/messages';
import { html, type Html } from './html';
import { statusChip } from './layout';
import {
  FIELD_LABELS,
  RESOLUTION_LABELS,
  STEP_STATE_LABELS,
  basisVi,
  capitalizeVi,
  escalationRoundVi,
  evidenceLabelOf,
  closedReason,
  formatInstantVi,
  formatNumberVi,
  formatViLong,
  formatVi,
  handedOverWords,
  joinVi,
  occurrencePeriodLabel,
  planCitationOf,
  quoteVi,
  reporterVi,
  skipReasonLabel,
  stepLabel,
} from '../vocabulary';

/** Title, status, due date, period, territory (and from whom it was handed over), owners. */
export function occurrenceFacts(state: OccurrenceState, index: PlanIndex): Html {
  const s = state.spec;
  // Where the result goes: the Party committee an activity is registered with (Nơi đăng ký).
  const receivers = occurrenceReceivers(index, s);
  const handed = handedOverOf(state);
  const extended = state.extensions.length
    ? html` <span class="muted">(gia hạn từ ${formatVi(state.extensions[0]!.from)})</span>`
    : null;
  return html`<h1>${s.title}</h1>
<dl class="facts">
<dt>${FIELD_LABELS.status}</dt><dd>${statusChip(state.status, closedReason(s))}</dd>
<dt>${FIELD_LABELS.due}</dt><dd><strong>${formatViLong(s.due)}</strong>${extended}</dd>
<dt>${FIELD_LABELS.period}</dt><dd>${occurrencePeriodLabel(s)}</dd>
<dt>${FIELD_LABELS.unit}</dt><dd>${s.unitName}${handed ? html` <span class="muted">(${handedOverWords(handed)})</span>` : null}</dd>
<dt>${FIELD_LABELS.owner}</dt><dd>${joinVi(s.owners.map((id) => index.bodyName(id)))}</dd>
${s.participants.length ? html`<dt>${FIELD_LABELS.participants}</dt><dd>${joinVi(s.participants.map((id) => index.bodyName(id)))}</dd>` : null}
${receivers.length ? html`<dt>${s.kind === 'registration' ? FIELD_LABELS.registrar : FIELD_LABELS.receivers}</dt><dd>${joinVi(receivers.map((id) => index.bodyName(id)))}</dd>` : null}
</dl>`;
}

/** The sentence of the plan that creates the obligation, cited as the emails cite it. */
export function clauseBlock(state: OccurrenceState, index: PlanIndex): Html {
  const s = state.spec;
  return html`<section class="clause"><h2>${FIELD_LABELS.basis}</h2><p>${capitalizeVi(basisVi(s.clauseRef, planCitationOf(index)))}:</p><blockquote>${quoteVi(s.clauseText)}</blockquote></section>`;
}

/** Who resolved it (and the body of the link it came from), when, and what they said; or why it stopped. Null while open. */
export function resolutionBlock(state: OccurrenceState, index: PlanIndex): Html | null {
  const r = state.resolution;
  const reason = closedReason(state.spec);
  if (!r) {
    if (!state.final) return null;
    return html`<section class="box done"><h2>Kết thúc theo dõi</h2><p>Đã hết các bước nhắc việc, đôn đốc; ${FIELD_LABELS.status.toLowerCase()}: ${statusChip(state.status, reason)}.</p></section>`;
  }
  const detail: (Html | null)[] = [
    r.value !== undefined ? html`<dt>${FIELD_LABELS.value}</dt><dd>${formatNumberVi(r.value)}${r.met === undefined ? null : r.met ? ' (đạt chỉ tiêu)' : ' (chưa đạt chỉ tiêu)'}</dd>` : null,
    // The evidence under the label its form asked it by (`Tên hoạt động … đã đăng ký`).
    r.evidence ? html`<dt>${evidenceLabelOf(state.spec.resolution)}</dt><dd>${r.evidence}</dd>` : null,
    r.reason ? html`<dt>${FIELD_LABELS.reason}</dt><dd>${r.reason}</dd>` : null,
    r.note ? html`<dt>${FIELD_LABELS.note}</dt><dd class="pre">${r.note}</dd>` : null,
  ];
  return html`<section class="box done" id="resolution"><h2>Kết quả đã báo cáo</h2>
<dl class="facts">
<dt>${FIELD_LABELS.resolution}</dt><dd>${RESOLUTION_LABELS[r.action]} — ${statusChip(state.status, reason)}</dd>
${r.action === 'close' ? null : html`<dt>${FIELD_LABELS.reportedBy}</dt><dd>${reporterVi(r)}</dd>`}
${r.body ? html`<dt>${FIELD_LABELS.linkBody}</dt><dd>${index.bodyName(r.body)}</dd>` : null}
<dt>${FIELD_LABELS.reportedAt}</dt><dd>${formatInstantVi(r.atMs)}</dd>
${detail}
</dl></section>`;
}

/**
 * What became of a step the catch-up rule (domain/catch-up.ts) did not send to everyone: the
 * reason and the later notice that went instead, for the whole step when one reason covers it,
 * else one line per reason naming who did not get it.
 */
function skippedNote(step: StepState, steps: readonly StepState[], index: PlanIndex, ctx: ReturnType<typeof relationContext>): { inline?: string; list?: Html } {
  type Group = { reason: SkipReason; by?: number; bodies: string[] };
  const groups = new Map<string, Group>();
  for (const k of step.skipped ?? []) {
    const key = `${k.reason}/${k.by ?? ''}`;
    if (!groups.has(key)) groups.set(key, { reason: k.reason, ...(k.by !== undefined ? { by: k.by } : {}), bodies: [] });
    groups.get(key)!.bodies.push(index.bodyName(k.body));
  }
  const why = (g: Pick<Group, 'reason' | 'by'>) => {
    const instead = g.by !== undefined ? steps.find((x) => x.index === g.by) : undefined;
    return `${skipReasonLabel(g.reason)}${instead ? ` (${stepLabel(instead, ctx)}, ${formatInstantVi(instead.atMs)})` : ''}`;
  };
  if (step.state === 'skipped' && groups.size <= 1) {
    const only = [...groups.values()][0] ?? { reason: step.skipReason ?? 'resolved' };
    return { inline: `${STEP_STATE_LABELS.skipped}: ${why(only)}` };
  }
  if (!groups.size) return {};
  return { list: html`<ul class="skipped">${[...groups.values()].map((g) => html`<li>Không gửi tới ${g.bodies.join('; ')}: ${why(g)}</li>`)}</ul>` };
}

export function timelineTable(state: OccurrenceState, index: PlanIndex): Html {
  const ctx = relationContext(index);
  const rows = state.steps.map((s) => {
    const to = s.to.map((id) => index.bodyName(id)).join('; ') || '—';
    const skipped = skippedNote(s, state.steps, index, ctx);
    const sent =
      s.state === 'sent' && s.sentAtMs !== undefined
        ? html`${STEP_STATE_LABELS.sent} lúc ${formatInstantVi(s.sentAtMs)}`
        : (skipped.inline ?? STEP_STATE_LABELS[s.state]);
    const failures = s.failures?.length
      ? html`<ul class="failures">${s.failures.map((f) => html`<li>${index.bodyName(f.body)}: ${f.reason}</li>`)}</ul>`
      : null;
    return html`<tr class="step-${s.state}"><td data-label="Thời điểm">${formatInstantVi(s.atMs)}</td><td data-label="Bước">${stepLabel(s, ctx)}${escalationRoundVi(s.level)}</td><td data-label="Gửi đến">${s.kind === 'close' ? '—' : to}</td><td data-label="Kết quả gửi">${s.kind === 'close' && s.state === 'sent' ? 'đã kết thúc' : sent}${skipped.list ?? null}${failures}</td></tr>`;
  });
  const extensions = state.extensions.map(
    (e) => html`<li>${formatInstantVi(e.atMs)}: ${e.by} gia hạn từ ${formatVi(e.from)} đến ${formatVi(e.to)} — ${e.reason}</li>`,
  );
  return html`<section><h2>${FIELD_LABELS.timeline}</h2>
<div class="scroll"><table class="timeline"><thead><tr><th>Thời điểm</th><th>Bước</th><th>Gửi đến</th><th>Kết quả gửi</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${extensions.length ? html`<h3>${FIELD_LABELS.extensions}</h3><ul>${extensions}</ul>` : null}
</section>`;
}

/** Results withdrawn (undone from their link, or reopened by Ban Dân vận), oldest first; null when none. */
export function withdrawnBlock(state: OccurrenceState): Html | null {
  if (!state.withdrawn?.length) return null;
  const items = state.withdrawn.map((w) => {
    const what = `${RESOLUTION_LABELS[w.resolution.action]} của ${reporterVi(w.resolution)} (${formatInstantVi(w.resolution.atMs)})`;
    return w.how === 'undo'
      ? html`<li>${formatInstantVi(w.atMs)}: ${w.by} hủy kết quả vừa gửi qua liên kết — ${what}</li>`
      : html`<li>${formatInstantVi(w.atMs)}: ${w.by} mở lại nhiệm vụ, lý do: ${w.reason ?? ''} — ${what}</li>`;
  });
  return html`<section id="withdrawn"><h2>${FIELD_LABELS.withdrawn}</h2><ul>${items}</ul></section>`;
}
