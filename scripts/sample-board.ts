/**
 * Screenshots of the status board for a whole district, for review: the real page code over
 * the shipped plan's occurrences of one quarter, each given the status that the simulation's
 * seeded "mixed" responder would produce (workers/simulation/responder.ts). Sample data, no server.
 *
 *   npx tsx scripts/sample-board.ts [--period 2024-Q3] [--out docs/screens]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { staticPlanSource } from '../config/plan-source';
import { loadConfig } from '../config/load';
import { periodOfKey } from '../domain/periods';
import type { StatusCode } from '../domain/status';
import { buildBoard } from '../client/board';
import type { StatusRow } from '../client/status';
import { chromiumPath } from '../platform/toolchain';
import { behaviourOf, type Behaviour } from '../workers/simulation/responder';
import { boardPage } from '../web/pages/board';

const STATUS: Record<Behaviour, StatusCode> = { 'on-time': 'done-on-time', late: 'done-late', never: 'overdue', waive: 'waived' };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { period: { type: 'string', default: '2024-Q3' }, out: { type: 'string', default: 'docs/screens' } } });
  const period = periodOfKey(values.period!);
  if (!period) throw new Error(`--period ${values.period}: expected 2024 or 2024-Q3`);
  const index = staticPlanSource(loadConfig().config).current();
  const rows: StatusRow[] = index.occurrencesBetween(period.start, period.end).map((o) => ({
    id: o.id,
    obligation: o.obligation,
    unit: o.unit,
    period: o.period.key,
    owners: o.owners,
    status: STATUS[behaviourOf('mixed', o.id, index.obligation(o.obligation).resolution, 1)],
    due: o.due,
    resolvedAt: null,
    summary: `${index.obligation(o.obligation).title} — ${index.unitName(o.unit)}`,
    skippedNotices: 0,
    handedOver: null,
  }));
  const css = fs.readFileSync(path.join(__dirname, '../web/static/style.css'), 'utf8');
  const page = boardPage(buildBoard(rows, index, period), index).replace('<link rel="stylesheet" href="/static/style.css">', `<style>${css}</style>`);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const [name, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1440, height: 900 }],
    ] as const) {
      const tab = await browser.newPage({ viewport });
      await tab.setContent(page, { waitUntil: 'load' });
      const file = path.resolve(values.out!, `board-district-${name}.png`);
      await tab.screenshot({ path: file, fullPage: true });
      console.log(`${file} (${rows.length} occurrences)`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
