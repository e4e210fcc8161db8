import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { renderSamples, SAMPLES_DIR } from '../../../activities/email/render-samples';

test('the committed samples in docs/emails are what the templates render (npx tsx activities/email/render-samples.ts)', () => {
  const samples = renderSamples();
  expect([...samples.keys()].sort()).toEqual(
    ['README.md', 'due.html', 'due.txt', 'escalation.html', 'escalation.txt', 'invite.ics', 'overdue.html', 'overdue.txt', 'reminder.html', 'reminder.txt'].sort(),
  );
  for (const [name, content] of samples) {
    const file = path.join(SAMPLES_DIR, name);
    expect(fs.existsSync(file), `${name} is missing: run npx tsx activities/email/render-samples.ts`).toBe(true);
    expect(fs.readFileSync(file, 'utf8'), `${name} is out of date: run npx tsx activities/email/render-samples.ts`).toBe(content);
  }
});
