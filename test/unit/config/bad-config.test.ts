/**
 * Every malformed configuration under test/fixtures/bad-config is rejected with the
 * expected message at the expected line. Each fixture replaces one file of the small
 * valid configuration (its name says which: dir-, plan-, cal-) and starts with its
 * expectations, one per line: `# expect: <line>: <fragment of "path: message">`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../config/errors';
import type { ConfigKind } from '../../../config/load';
import { BAD_DIR, issuesOf, loadMini } from './helpers';

const KIND_BY_PREFIX: Record<string, ConfigKind> = { dir: 'directory', plan: 'plan', cal: 'calendar' };

interface Fixture {
  name: string;
  kind: ConfigKind;
  text: string;
  expects: Array<{ line: number; fragment: string }>;
}

function fixtures(): Fixture[] {
  return readdirSync(BAD_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(BAD_DIR, file), 'utf8');
      const kind = KIND_BY_PREFIX[file.split('-')[0] ?? ''];
      if (!kind) throw new Error(`${file}: name must start with dir-, plan- or cal-`);
      const expects = [...text.matchAll(/^# expect: (\d+): (.+)$/gm)].map((m) => ({ line: Number(m[1]), fragment: m[2] as string }));
      return { name: file, kind, text, expects };
    });
}

const all = fixtures();

describe('malformed configurations', () => {
  it('has a corpus of at least 30 fixtures, each with an expectation', () => {
    expect(all.length).toBeGreaterThanOrEqual(30);
    for (const f of all) expect(f.expects.length, f.name).toBeGreaterThan(0);
    // Every kind of file is covered.
    expect(new Set(all.map((f) => f.kind))).toEqual(new Set(['directory', 'plan', 'calendar']));
  });

  it.each(all.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const issues = issuesOf(() => loadMini({ [fixture.kind]: fixture.text }));
    const listing = issues.map(formatIssue).join('\n');
    for (const { line, fragment } of fixture.expects) {
      const hit = issues.some((i) => i.file === `test/${fixture.kind}.yaml` && i.line === line && `${i.path}: ${i.message}`.includes(fragment));
      expect(hit, `expected line ${line}: ${fragment}\ngot:\n${listing}`).toBe(true);
    }
    for (const issue of issues) {
      expect(issue.message).not.toMatch(/internal error/);
      expect(issue.col).toBeGreaterThanOrEqual(issue.line > 0 ? 1 : 0);
    }
  });
});
