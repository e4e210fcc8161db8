import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { renderSamples, SAMPLES_DIR } from '../../../scripts/render-samples';

test('the committed samples in docs/emails are what the templates render (npx tsx scripts/render-samples.ts)', () => {
  const samples = renderSamples();
  const registers = ['owner-reminder', 'owner-due', 'owner-overdue', 'leading-committee-escalation', 'leadership-report', 'leadership-owner', 'monitor-prepare', 'monitor-note'];
  expect([...samples.keys()].sort()).toEqual(['README.md', 'invite.ics', 'cancel.ics', 'update.ics', 'digest.txt', 'digest.html', ...registers.flatMap((r) => [`${r}.txt`, `${r}.html`])].sort());
  for (const [name, content] of samples) {
    const file = path.join(SAMPLES_DIR, name);
    expect(fs.existsSync(file), `${name} is missing: run npx tsx scripts/render-samples.ts`).toBe(true);
    expect(fs.readFileSync(file, 'utf8'), `${name} is out of date: run npx tsx scripts/render-samples.ts`).toBe(content);
  }
});
