/**
 * What `dondoc` loads before it answers: the compiled build (no TypeScript source), and for the
 * help and the light commands, none of the heavy packages (Temporal's client and worker, docx,
 * fastify…). A command that needs one loads it in its action (`await import(…)`).
 * Timings are in bench/cli-start.ts, not here.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/dondoc.js');
/** The only packages the help and `validate` may load: the command line, the schemas, YAML. */
const LIGHT = ['commander', 'yaml', 'zod'];

/** Runs `dondoc …args` as bin/dondoc.js does and returns the files it had loaded when it exited. */
function modulesLoadedBy(args: string[]): { status: number | null; stdout: string; files: string[] } {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-startup-')), 'modules.json');
  const code = `
    process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));
    process.argv = [process.execPath, ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];
    require(${JSON.stringify(BIN)});`;
  const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' });
  const files = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout, files };
}

const packagesOf = (files: string[]) =>
  [...new Set(files.flatMap((f) => /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(f)?.[1] ?? []))].sort();

for (const [name, args] of [
  ['--help', ['--help']],
  ['validate', ['validate']],
] as const) {
  test(`\`dondoc ${name}\` runs the compiled build and loads no package but ${LIGHT.join(', ')}`, () => {
    const { status, stdout, files } = modulesLoadedBy([...args]);
    expect(status).toBe(0);
    expect(stdout).not.toBe('');
    expect(files.some((f) => f.includes(`${path.sep}.build${path.sep}`) && f.endsWith(path.join('cli', 'main.js')))).toBe(true);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    const heavy = packagesOf(files).filter((p) => !LIGHT.includes(p));
    expect(heavy, `\`dondoc ${name}\` loads ${heavy.join(', ')}: load it in the action of the command that needs it (await import)`).toEqual([]);
  });
}
