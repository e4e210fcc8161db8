/**
 * The layout the README's architecture section describes is the one on disk: every top-level
 * folder is in its table and every folder in the table exists; and the layers import only
 * downwards (the pure core, the words, the workflows and the client calls import no surface
 * nor process; web/ and reporting/ nothing from activities/).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);

/** The folders named in the first column of the README's architecture table: `web/`, `.ci/`. */
function tableFolders(readme: string): string[] {
  const section = readme.slice(readme.indexOf('\n## Architecture\n'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| folder |')));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([^`]+)\/`/g)].map((m) => m[1]!));
}

/** Each source's relative imports (product sources unless `folders` says which), as the top-level folder they land in. */
function importsBetweenFolders(folders?: string[]): Array<{ file: string; from: string; to: string; typeOnly: boolean }> {
  const out: Array<{ file: string; from: string; to: string; typeOnly: boolean }> = [];
  const inScope = (f: string) => (folders ? folders.includes(f.split('/')[0]!) : !/^(test|bench|scripts)\//.test(f));
  for (const file of tracked.filter((f) => f.endsWith('.ts') && f.includes('/') && inScope(f))) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/^(?:import|export)(\s+type)?\b[^;]*?from '(\.[^']+)'/gms)) {
      const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), m[2]!));
      out.push({ file, from: file.split('/')[0]!, to: target.split(path.sep)[0]!, typeOnly: Boolean(m[1]) });
    }
  }
  return out;
}

describe('the architecture', () => {
  it("the README's table names every top-level folder, and only folders that exist", () => {
    const named = tableFolders(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    expect(named.length).toBeGreaterThan(10);
    const onDisk = [...new Set(tracked.filter((f) => f.includes('/')).map((f) => f.split('/')[0]!))];
    expect([...new Set(named)].sort()).toEqual(onDisk.sort());
  });

  it('imports go downwards: no surface or process below the surfaces, no activity in web/ or reporting/, a pure domain', () => {
    const imports = importsBetweenFolders();
    expect(imports.length).toBeGreaterThan(100);
    const upward = imports.filter(
      (i) => ['domain', 'config', 'vocabulary', 'workflows', 'client', 'activities'].includes(i.from) && ['cli', 'web', 'drafting', 'workers', 'bin'].includes(i.to),
    );
    expect(upward).toEqual([]);
    expect(imports.filter((i) => ['domain', 'config', 'vocabulary', 'workflows', 'client'].includes(i.from) && i.to === 'reporting')).toEqual([]);
    expect(imports.filter((i) => ['web', 'reporting'].includes(i.from) && i.to === 'activities')).toEqual([]);
    expect(imports.filter((i) => i.from === 'domain' && i.to !== 'domain')).toEqual([]);
    expect(imports.filter((i) => i.from === 'workflows' && i.to === 'activities' && !i.typeOnly)).toEqual([]);
  });

  it('the benchmarks import product code only: nothing from test/ or cli/', () => {
    const imports = importsBetweenFolders(['bench']);
    expect(imports.length).toBeGreaterThan(20);
    expect(imports.filter((i) => ['test', 'cli'].includes(i.to))).toEqual([]);
  });
});
