#!/usr/bin/env node
/*
 * The compiled build: dondoc's TypeScript transpiled once to CommonJS by esbuild, so that the
 * `dondoc` command and the processes of `npm start` load plain JavaScript instead of going
 * through tsx on every start.
 *
 *   .build/<key>/<folder>/<file>.js (+ .js.map)   one file per source file, same tree
 *
 * <key> hashes every product source (each top-level folder's .ts files, except the folders in
 * NOT_PRODUCT), tsconfig.json, this file, esbuild's version and the clone's path: a changed
 * source is a different key, so a stale build is never loaded (bin/launch.js checks the key on
 * every start and builds when it is missing). Builds are immutable and appear atomically
 * (written aside, then renamed), so concurrent starts are safe.
 *
 * What makes the compiled files behave as the sources do under tsx:
 *   - __dirname and __filename are the source's (the YAML, templates and CSS beside the code
 *     are read from where they are; the workflow bundle is built from the .ts sources);
 *   - `await import('./x')` becomes a require (Node's ESM loader would not resolve './x');
 *   - linked source maps name the .ts files: stack traces point at the sources (bin/launch.js
 *     turns source maps on);
 *   - tsconfig.json's compiler options, as tsx passes them to esbuild.
 *
 * Plain Node; esbuild is loaded only to build. `node scripts/build.js` builds if needed
 * (scripts/provision.js runs it); `--print` prints the build's folder.
 */
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
/** Top-level folders without product code: tests, benchmarks, scripts run with tsx, machine state. */
const NOT_PRODUCT = new Set(['node_modules', 'test', 'bench', 'scripts', 'docs', 'deploy', 'data', 'coverage', 'tmp']);
const BUILDS = '.build';
/** A build not started from for this long is removed when another is made. */
const KEEP_UNUSED_MS = 7 * 24 * 3600 * 1000;

class BuildError extends Error {}

/**
 * Product sources, relative to root and sorted: every .ts file of the top-level product folders,
 * but declarations and scratch files (`*.tmp.ts`, git-ignored).
 */
function sourceFiles(root = ROOT) {
  const files = [];
  for (const top of fs.readdirSync(root, { withFileTypes: true })) {
    if (!top.isDirectory() || top.name.startsWith('.') || NOT_PRODUCT.has(top.name)) continue;
    for (const rel of fs.readdirSync(path.join(root, top.name), { recursive: true, encoding: 'utf8' })) {
      if (rel.endsWith('.ts') && !rel.endsWith('.d.ts') && !rel.endsWith('.tmp.ts')) files.push(path.join(top.name, rel));
    }
  }
  return files.sort();
}

function esbuildVersion(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
  } catch {
    return 'missing';
  }
}

/** The key of the build that matches the sources as they are now. */
function buildKey(root = ROOT) {
  const h = crypto.createHash('sha256');
  h.update(`${root}\0${esbuildVersion(root)}\0`);
  h.update(fs.readFileSync(__filename));
  h.update(fs.readFileSync(path.join(root, 'tsconfig.json')));
  for (const rel of sourceFiles(root)) {
    h.update(`\0${rel}\0`);
    h.update(fs.readFileSync(path.join(root, rel)));
  }
  return h.digest('hex').slice(0, 16);
}

const buildDir = (root, key) => path.join(root, BUILDS, key);
/** A build is complete once its folder exists: it is renamed into place whole. */
const isBuilt = (dir) => fs.existsSync(path.join(dir, 'BUILD.json'));

/** Marks a build as used now (it is then kept KEEP_UNUSED_MS more); read-only installs skip it. */
function touch(dir) {
  try {
    const now = new Date();
    fs.utimesSync(dir, now, now);
  } catch {
    /* a read-only build (an image) is never pruned either */
  }
}

/** Builds the sources of `root` now unless that build exists; returns its folder. */
async function build(root = ROOT) {
  const key = buildKey(root);
  const dir = buildDir(root, key);
  if (isBuilt(dir)) return { dir, built: false };
  let esbuild;
  try {
    esbuild = require(require.resolve('esbuild', { paths: [root] }));
  } catch (err) {
    throw new BuildError(`esbuild is not installed (${err.message.split('\n')[0]}); run npm ci`);
  }
  const tsconfigRaw = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const files = sourceFiles(root);
  try {
    await Promise.all(
      files.map(async (rel) => {
        const source = path.join(root, rel);
        const out = path.join(tmp, rel.replace(/\.ts$/, '.js'));
        const result = await esbuild.transform(fs.readFileSync(source, 'utf8'), {
          loader: 'ts',
          format: 'cjs',
          platform: 'node',
          target: 'node20',
          tsconfigRaw,
          supported: { 'dynamic-import': false },
          define: { __dirname: JSON.stringify(path.dirname(source)), __filename: JSON.stringify(source) },
          sourcemap: 'external',
          sourcesContent: false,
          sourcefile: path.relative(path.dirname(path.join(dir, rel)), source),
        }).catch((err) => {
          const first = err.errors?.[0];
          const at = first?.location ? `:${first.location.line}:${first.location.column + 1}` : '';
          throw new BuildError(`${rel}${at}: ${first ? first.text : err.message}`);
        });
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, `${result.code}//# sourceMappingURL=${path.basename(out)}.map\n`);
        fs.writeFileSync(`${out}.map`, result.map);
      }),
    );
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  fs.writeFileSync(path.join(tmp, 'BUILD.json'), `${JSON.stringify({ key, root, files: files.length, esbuild: esbuild.version }, null, 2)}\n`);
  try {
    fs.renameSync(tmp, dir);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!isBuilt(dir)) throw err; // otherwise a concurrent start built the same key first
  }
  prune(root, key);
  return { dir, built: true };
}

/** Removes builds not started from for KEEP_UNUSED_MS, and leftovers of interrupted builds. */
function prune(root, keep) {
  const base = path.join(root, BUILDS);
  const now = Date.now();
  for (const name of fs.readdirSync(base)) {
    if (name === keep) continue;
    const p = path.join(base, name);
    try {
      const age = now - fs.statSync(p).mtimeMs;
      if (age > (name.endsWith('.tmp') ? 3600 * 1000 : KEEP_UNUSED_MS)) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* removed meanwhile */
    }
  }
}

module.exports = { ROOT, BuildError, sourceFiles, buildKey, buildDir, isBuilt, touch, build };

if (require.main === module) {
  build().then(
    ({ dir, built }) => {
      if (process.argv.includes('--print')) process.stdout.write(`${dir}\n`);
      else if (built) process.stderr.write(`[build] compiled ${path.relative(ROOT, dir)}\n`);
    },
    (err) => {
      process.stderr.write(`dondoc build: ${err.message}\n`);
      process.exit(1);
    },
  );
}
