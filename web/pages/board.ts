/**
 * The status board: units × obligations for a quarter or a year, coloured by status, with
 * counts and completion rates per unit, per organisation and overall. Read-only.
 */
import type { PlanIndex } from '../../domain/occurrences';
import { periodOfKey, type Period } from '../../domain/periods';
import { type StatusCode } from '../../domain/status';
import { STATUS_ORDER, type Tally } from '../../domain/tally';
import type { Board } from '../../client/board';
import type { StatusRow } from '../../client/status';
import { html, type Html } from '../html';
import { page, statusChip, statusMark } from '../layout';
import { FIELD_LABELS, formatRate, formatVi, handedOverWords, periodKeyLabelVi, periodLabelVi, quoteVi, statusLabel } from '../../vocabulary';

/** Columns of counts, in the order leadership reads them. */
const COUNT_COLUMNS: readonly StatusCode[] = ['done-on-time', 'done-late', 'overdue', 'open', 'waived', 'closed'];

export function occurrenceHref(id: string): string {
  return `/o/${id.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Quarters and years for the period picker: those of the plan's term, and the year and quarter
 * of the period on display when it lies outside the term (the current quarter once the term is
 * over), so the picker always shows what the board shows.
 */
export function periodChoices(index: PlanIndex, shown?: Period): Period[] {
  const from = Number(index.config.plan.period.from.slice(0, 4));
  const to = Number(index.config.plan.period.to.slice(0, 4));
  const years = new Set<number>();
  for (let y = from; y <= to; y++) years.add(y);
  if (shown) years.add(shown.year);
  const out: Period[] = [];
  for (const y of [...years].sort((a, b) => a - b)) {
    out.push(periodOfKey(String(y))!);
    for (let q = 1; q <= 4; q++) out.push(periodOfKey(`${y}-Q${q}`)!);
  }
  return out;
}

/** ` — xã Biển Động chuyển giao cho thị trấn Biển Động từ ngày 01/01/2025` for an occurrence handed over; '' otherwise. */
const handedOverNote = (row: StatusRow) => (row.handedOver ? ` — ${handedOverWords(row.handedOver)}` : '');

function chip(row: StatusRow): Html {
  const title = `${periodKeyLabelVi(row.period)} · hạn ${row.due ? formatVi(row.due) : '?'} · ${statusLabel(row.status)}${handedOverNote(row)}`;
  return html`<a class="cell s-${row.status}" href="${occurrenceHref(row.id)}" title="${title}"><span aria-hidden="true">${statusMark(row.status)}</span><span class="sr">${title}</span></a>`;
}

function counts(t: Tally): Html[] {
  return [
    ...COUNT_COLUMNS.map((s) => html`<td class="num">${t.counts[s] || ''}</td>`),
    html`<td class="num rate">${formatRate(t.completionRate)}</td>`,
  ];
}

const countHeaders = () => [
  ...COUNT_COLUMNS.map((s) => html`<th class="num"><span class="chip s-${s}">${statusMark(s)}</span> ${statusLabel(s)}</th>`),
  html`<th class="num">${FIELD_LABELS.completionRate}</th>`,
];

export function boardPage(board: Board, index: PlanIndex): string {
  const choices = periodChoices(index, board.period);
  const picker = html`<form method="get" action="/board" class="picker"><label for="period">${FIELD_LABELS.period}</label>
<select id="period" name="period">${choices.map(
    (p) => html`<option value="${p.key}"${p.key === board.period.key ? html` selected` : null}>${periodLabelVi(p)}</option>`,
  )}</select><button type="submit">Xem</button></form>`;

  const t = board.total;
  const summary = html`<ul class="summary">
<li><strong>${t.total}</strong> lượt nhiệm vụ đến hạn trong kỳ</li>
${COUNT_COLUMNS.filter((s) => t.counts[s] > 0).map((s) => html`<li>${statusChip(s)} <strong>${t.counts[s]}</strong></li>`)}
<li>${FIELD_LABELS.completionRate}: <strong>${formatRate(t.completionRate)}</strong></li>
</ul>
<p class="muted">${FIELD_LABELS.completionRate} tính bằng số lượt đã hoàn thành (đúng hạn và quá hạn) trên số lượt đã đến hạn; không tính các lượt ${quoteVi(statusLabel('waived'))}, ${quoteVi(statusLabel('closed'))}, chưa đến hạn và các nhiệm vụ do lãnh đạo cấp ủy chủ trì.</p>`;

  const matrix = board.units.length
    ? html`<div class="scroll"><table class="board">
<thead><tr><th class="unit">${FIELD_LABELS.unit}</th>${board.obligations.map(
        (o) => html`<th class="obl" title="${o.title}">${o.shortTitle}</th>`,
      )}${countHeaders()}</tr></thead>
<tbody>${board.units.map(
        (u) => html`<tr><th class="unit" scope="row">${u.name}</th>${board.obligations.map(
          (o) => html`<td class="cells">${(u.cells.get(o.id) ?? []).map(chip)}</td>`,
        )}${counts(u.tally)}</tr>`,
      )}</tbody></table></div>`
    : html`<p class="box">Không có lượt nhiệm vụ nào đến hạn trong ${periodLabelVi(board.period)}.</p>`;

  const organisations = board.organisations.length
    ? html`<h2>Theo cơ quan, đơn vị chủ trì</h2><div class="scroll"><table class="orgs"><thead><tr><th>${FIELD_LABELS.owner}</th><th class="num">Tổng</th>${countHeaders()}</tr></thead>
<tbody>${board.organisations.map((o) => html`<tr><th scope="row">${o.label}</th><td class="num">${o.tally.total}</td>${counts(o.tally)}</tr>`)}</tbody></table></div>`
    : null;

  const overdue = board.overdue.length
    ? html`<h2>Các lượt nhiệm vụ quá hạn, chưa hoàn thành (${board.overdue.length})</h2><ul class="overdue">${board.overdue.map(
        (r) => html`<li><a href="${occurrenceHref(r.id)}">${r.summary || r.id}</a> — hạn ${r.due ? formatVi(r.due) : '?'}${handedOverNote(r)}</li>`,
      )}</ul>`
    : null;

  const legend = html`<p class="legend">${STATUS_ORDER.map((s) => html`${statusChip(s)} `)}</p>`;
  return page(
    { title: `Bảng theo dõi ${periodLabelVi(board.period)}`, nav: true, org: index.bodyName(index.config.plan.monitor) },
    html`<h1>Bảng theo dõi thực hiện Kế hoạch — ${periodLabelVi(board.period)}</h1>
<p class="muted">${index.config.plan.title}. Nhiệm vụ được tính vào kỳ có thời hạn hoàn thành.</p>
${picker}${summary}${legend}<h2>Theo địa bàn</h2>${matrix}${organisations}${overdue}`,
  );
}
