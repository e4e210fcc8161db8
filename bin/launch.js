/*
 * Loads one of dondoc's entry modules (`cli/main`, `workers/main`, `web/main`) from the compiled
 * build that matches the sources as they are now (scripts/build.js): it hashes the sources,
 * builds once in a child process when that build does not exist yet, and never loads an older
 * one. If no build can be made (esbuild missing, a read-only clone), it says so on stderr and
 * runs the TypeScript sources through tsx, as before the build existed.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ROOT, buildDir, buildKey, isBuilt, touch } = require('../scripts/build');

/** The folder of the current build, or why there is none. */
function currentBuild() {
  let dir;
  try {
    dir = buildDir(ROOT, buildKey(ROOT));
  } catch (err) {
    return { why: `the sources cannot be read: ${err.message}` };
  }
  if (!isBuilt(dir)) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.js')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (!isBuilt(dir)) {
      const said = (r.stderr || '').trim().split('\n').pop()?.replace(/^dondoc build: /, '');
      return { why: said || (r.error ? r.error.message : `scripts/build.js exited with ${r.status}`) };
    }
  }
  touch(dir);
  // Long-running processes keep their build from being pruned (scripts/build.js removes
  // builds unused for a week) while they may still load a module from it.
  setInterval(() => touch(dir), 6 * 3600 * 1000).unref();
  return { dir };
}

/**
 * The exports of `entry` (a path from the repository root, without extension). With
 * `sourceMaps`, stack traces name the .ts sources; it costs every module with a source map
 * (Temporal's packages have them) a read and a parse, so the short-lived `dondoc` command goes
 * without (`NODE_OPTIONS=--enable-source-maps` turns them on) and long-running processes use it.
 */
async function load(entry, { sourceMaps = false } = {}) {
  const build = currentBuild();
  if (build.dir) {
    if (sourceMaps) process.setSourceMapsEnabled(true);
    return require(path.join(build.dir, `${entry}.js`));
  }
  process.stderr.write(`dondoc: no compiled build (${build.why}); running the TypeScript sources through tsx, slower\n`);
  await import('tsx');
  return require(path.join(ROOT, `${entry}.ts`));
}

module.exports = { load };
