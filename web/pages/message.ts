/**
 * Pages that only say something: a refused link, an unknown occurrence, Temporal down.
 */
import { html, type Html } from '../html';
import { page } from '../layout';

/** Text becomes a paragraph; Html is a block of its own. */
export function messagePage(title: string, blocks: readonly (string | Html)[], opts: { nav?: boolean } = {}): string {
  return page({ title, nav: opts.nav }, html`<section class="box warn"><h1>${title}</h1>${blocks.map((b) => (typeof b === 'string' ? html`<p>${b}</p>` : b))}</section>`);
}
