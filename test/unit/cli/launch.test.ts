/**
 * bin/launch.js and scripts/build.js on a clone of their own (a temporary folder holding the two
 * scripts, a tsconfig and a small TypeScript module): what runs is the compiled build of the
 * sources as they are now, never an older build, and the TypeScript itself when no build can be made.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-launch-'));

const MAIN = (value: number) => `
export const value: number = ${value};
export const where = { dirname: __dirname, file: module.filename };
export async function lazy(): Promise<string> {
  return (await import('./other')).other;
}
`;

interface Loaded {
  value: number;
  dirname: string;
  file: string;
  lazy: string;
}

/** Loads lib/main through the clone's launcher, as bin/dondoc.js loads cli/main. */
function launch(): { loaded: Loaded; stderr: string } {
  const code = `require(${JSON.stringify(path.join(clone, 'bin/launch.js'))}).load('lib/main').then(async (m) =>
    process.stdout.write(JSON.stringify({ value: m.value, ...m.where, lazy: await m.lazy() })))`;
  const r = spawnSync(process.execPath, ['-e', code], { cwd: clone, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return { loaded: JSON.parse(r.stdout) as Loaded, stderr: r.stderr };
}

const buildOf = (file: string) => path.relative(path.join(clone, '.build'), file).split(path.sep)[0] ?? '';

beforeAll(() => {
  for (const file of ['bin/launch.js', 'scripts/build.js', 'tsconfig.json']) {
    fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(clone, file));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));
  fs.mkdirSync(path.join(clone, 'lib'));
  fs.writeFileSync(path.join(clone, 'lib/main.ts'), MAIN(1));
  fs.writeFileSync(path.join(clone, 'lib/other.ts'), "export const other = 'loaded on first use';\n");
});

afterAll(() => fs.rmSync(clone, { recursive: true, force: true }));

test('a clone without a build: the launcher compiles it and runs the compiled module, with its source folder as __dirname and `await import` working', () => {
  const { loaded, stderr } = launch();
  expect(stderr).toBe('');
  expect(loaded.value).toBe(1);
  expect(loaded.file).toBe(path.join(clone, '.build', buildOf(loaded.file), 'lib/main.js'));
  expect(loaded.dirname).toBe(path.join(clone, 'lib'));
  expect(loaded.lazy).toBe('loaded on first use');
});

test('after a source changes, the next start runs a new build of it, not the previous one', () => {
  const before = launch().loaded;
  fs.writeFileSync(path.join(clone, 'lib/main.ts'), MAIN(2));
  const { loaded, stderr } = launch();
  expect(stderr).toBe('');
  expect(loaded.value).toBe(2);
  expect(loaded.file.endsWith(path.join('lib', 'main.js'))).toBe(true);
  expect(buildOf(loaded.file)).not.toBe(buildOf(before.file));
  // And the same sources are not built again.
  expect(launch().loaded.file).toBe(loaded.file);
});

test('when no build can be made, it says so in one line on stderr and runs the TypeScript sources through tsx', () => {
  fs.rmSync(path.join(clone, '.build'), { recursive: true, force: true });
  fs.writeFileSync(path.join(clone, '.build'), 'not a folder');
  fs.writeFileSync(path.join(clone, 'lib/main.ts'), MAIN(3));
  try {
    const { loaded, stderr } = launch();
    expect(loaded.value).toBe(3);
    expect(loaded.file).toBe(path.join(clone, 'lib/main.ts'));
    expect(loaded.lazy).toBe('loaded on first use');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^dondoc: no compiled build \(.+\); running the TypeScript sources through tsx, slower\n$/);
  } finally {
    fs.rmSync(path.join(clone, '.build'), { force: true });
  }
});
