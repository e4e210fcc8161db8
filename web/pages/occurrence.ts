/**
 * One occurrence for leadership: what it is, how it stands, and every step of its timeline.
 */
import type { PlanIndex } from '../../domain/occurrences';
import { periodContaining } from '../../domain/periods';
import type { OccurrenceState } from '../../workflows/messages';
import { html } from '../html';
import { page } from '../layout';
import { clauseBlock, occurrenceFacts, resolutionBlock, timelineTable, withdrawnBlock } from '../views';
import { FIELD_LABELS, occurrenceSummary, periodLabelVi } from '../../vocabulary';

export function occurrencePage(id: string, state: OccurrenceState, index: PlanIndex): string {
  const quarter = periodContaining('quarterly', state.spec.due);
  return page(
    { title: occurrenceSummary(state.spec), nav: true, org: index.bodyName(index.config.plan.monitor) },
    html`<p class="crumbs"><a href="/board?period=${quarter.key}">← Bảng theo dõi ${periodLabelVi(quarter)}</a></p>
${occurrenceFacts(state, index)}
${resolutionBlock(state, index)}
${clauseBlock(state, index)}
${timelineTable(state, index)}
${withdrawnBlock(state)}
<p class="muted">${FIELD_LABELS.trackingId}: <code>${id}</code></p>`,
  );
}
