import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleError, bundleHash, ensureWorkflowBundle } from '../../../platform/workflow-bundle';

const ROOT = path.resolve(__dirname, '../../..');
const TINY = path.join(ROOT, 'test/fixtures/bundle/tiny-workflows.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bundle-test-'));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('workflow bundle (built in a child process, named by content)', () => {
  it('builds the bundle once and reuses the file while the sources are unchanged', async () => {
    const first = await ensureWorkflowBundle({ entry: TINY, sources: ['test/fixtures/bundle'], dir });
    expect(path.basename(first)).toBe(`workflows-${bundleHash(TINY, ['test/fixtures/bundle'])}.js`);
    const code = fs.readFileSync(first, 'utf8');
    expect(code).toContain('tinyBundleProbe');
    expect(code).toContain('globalThis.__webpack_module_cache__'); // what the SDK's reusable context needs
    const mtime = fs.statSync(first).mtimeMs;
    const again = await ensureWorkflowBundle({ entry: TINY, sources: ['test/fixtures/bundle'], dir });
    expect(again).toBe(first);
    expect(fs.statSync(again).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir)).toEqual([path.basename(first)]); // no temporary file left
  });

  it('preloads the given modules through the bundle\'s preload hook, in a file of its own', async () => {
    const preloaded = path.join(ROOT, 'test/fixtures/bundle/tiny-preloaded.ts');
    const plain = await ensureWorkflowBundle({ entry: TINY, sources: ['test/fixtures/bundle'], dir });
    const file = await ensureWorkflowBundle({ entry: TINY, sources: ['test/fixtures/bundle'], dir, preloadModules: [preloaded] });
    expect(file).not.toBe(plain);
    expect(path.basename(file)).toBe(`workflows-${bundleHash(TINY, ['test/fixtures/bundle'], [preloaded])}.js`);
    const code = fs.readFileSync(file, 'utf8');
    const hook = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
    expect(hook).toContain('./test/fixtures/bundle/tiny-preloaded.ts');
    expect(code).toContain('tiny-preloaded-probe');
    const plainHook = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(fs.readFileSync(plain, 'utf8'))?.[1] ?? 'missing';
    expect(plainHook.trim()).toBe('');
  });

  it('names a different file when a source changes', () => {
    const extra = path.join(dir, 'changed.ts');
    fs.writeFileSync(extra, 'export const a = 1;\n');
    const before = bundleHash(TINY, [extra]);
    fs.writeFileSync(extra, 'export const a = 2;\n');
    expect(bundleHash(TINY, [extra])).not.toBe(before);
  });

  it('reports a workflow that does not compile with the entry and the bundler message, and leaves no file', async () => {
    const broken = path.join(ROOT, 'test/fixtures/bundle', `broken-${process.pid}.ts`);
    fs.writeFileSync(broken, "import { missingThing } from './no-such-module';\nexport async function w() { return missingThing; }\n");
    const out = path.join(dir, 'broken');
    try {
      const err = await ensureWorkflowBundle({ entry: broken, sources: [], dir: out }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BundleError);
      expect((err as Error).message).toContain(`bundling test/fixtures/bundle/broken-${process.pid}.ts failed`);
      expect((err as Error).message).toContain('no-such-module');
      expect(fs.readdirSync(out)).toEqual([]);
    } finally {
      fs.rmSync(broken, { force: true });
    }
  });
});
