/**
 * The default run's notifier, until email is configured: one line per notice in
 * `<data>/outbox/notices.jsonl`, once per (occurrence, step), and one line on the console.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Notifier } from './notify';

export function outboxNotifier(dataDir: string): Notifier {
  const dir = path.join(dataDir, 'outbox');
  const file = path.join(dir, 'notices.jsonl');
  return {
    async deliver(input) {
      fs.mkdirSync(dir, { recursive: true });
      const key = `${input.occurrence.id}#${input.step.index}`;
      const already = fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(`"key":${JSON.stringify(key)}`);
      if (!already) {
        const line = { key, at: input.step.at, kind: input.step.kind, occurrence: input.occurrence.id, to: input.step.to, summary: input.occurrence.summary };
        fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
        console.log(`dondoc: ${input.step.kind} ${input.occurrence.id} → ${input.step.to.join(', ')}`);
      }
      return { delivered: input.step.to, failed: [] };
    },
  };
}
