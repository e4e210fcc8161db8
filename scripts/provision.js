#!/usr/bin/env node
/*
 * Provisions dondoc's toolchain on a machine that reaches only package registries:
 *   - node_modules (npm install) when missing;
 *   - the compiled build of the TypeScript sources (scripts/build.js), which `dondoc` and
 *     `npm start` run;
 *   - the Temporal CLI (dev server + UI), built with `go install` from the Go module proxy;
 *   - the Temporal time-skipping test server (Java), resolved from Maven Central, behind a
 *     launcher that execs java with a class-data-sharing archive so it starts in ~1 s;
 *   - with --browser (`npm test`), the browser the web tests drive: Debian's chromium, installed
 *     with apt-get when running as root; otherwise one line with the command to run, exit 1.
 *     CHROMIUM_PATH names another Chromium binary.
 *
 * Idempotent and cached: everything lands in DONDOC_TOOLS_DIR (default ~/.cache/dondoc/tools),
 * keyed by version, so a second run, or a fresh clone on the same machine, takes a second.
 * The result is a manifest, .tools/tools.json in the clone, that platform/toolchain.ts reads.
 *
 * Plain Node (no dependencies): it runs before `npm install` has happened.
 */
'use strict';
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
// v1.5.1 is the last tag `go install` accepts (later ones carry a replace directive).
const TEMPORAL_CLI_VERSION = 'v1.5.1';
const TEST_SERVER_ARTIFACT = 'io.temporal:temporal-test-server';
const TEST_SERVER_VERSION = '1.38.0';
const TEST_SERVER_MAIN = 'io.temporal.testserver.TestServer';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const BROWSER_PACKAGES = ['chromium', 'fonts-dejavu-core'];

const root = path.resolve(__dirname, '..');
const MANIFEST = path.join(root, '.tools', 'tools.json');
const quiet = process.argv.includes('--quiet');
const log = (msg) => {
  if (!quiet) process.stderr.write(`[provision] ${msg}\n`);
};

class ProvisionError extends Error {}

function toolsDir() {
  if (process.env.DONDOC_TOOLS_DIR) return path.resolve(process.env.DONDOC_TOOLS_DIR);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'dondoc', 'tools');
}

const isExecutable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, cmd))) return path.join(dir, cmd);
  }
  return undefined;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw new ProvisionError(`${cmd} could not be run: ${r.error.message}`);
  if (r.status !== 0) {
    const out = `${r.stdout || ''}${r.stderr || ''}`.trim().split('\n').slice(-15).join('\n');
    throw new ProvisionError(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status}):\n${out}`);
  }
  return r.stdout;
}

function ensureNodeModules() {
  if (fs.existsSync(path.join(root, 'node_modules', '@temporalio', 'worker'))) return;
  const lock = fs.existsSync(path.join(root, 'package-lock.json'));
  log(`node_modules missing: running npm ${lock ? 'ci' : 'install'}`);
  const r = spawnSync('npm', [lock ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new ProvisionError('npm install failed (see above); the npm registry must be reachable');
}

/** The compiled build that `dondoc` and `npm start` run (scripts/build.js; instant when current). */
async function ensureBuild() {
  const { build, BuildError } = require('./build');
  try {
    const { dir, built } = await build(root);
    if (built) log(`compiled the TypeScript sources into ${path.relative(root, dir)}`);
  } catch (err) {
    if (err instanceof BuildError) throw new ProvisionError(`compiling the sources failed: ${err.message}`);
    throw err;
  }
}

/**
 * The browser of the web tests: CHROMIUM_PATH, or Debian's chromium, installed now when this
 * runs as root. The path is recorded in the manifest, the one place the tests read it from.
 */
function ensureBrowser() {
  if (process.env.CHROMIUM_PATH) {
    const bin = path.resolve(process.env.CHROMIUM_PATH);
    if (!isExecutable(bin)) throw new ProvisionError(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file`);
    return bin;
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const apt = which('apt-get');
  if (!apt) {
    throw new ProvisionError(`the web tests need Chromium and ${DEBIAN_CHROMIUM} is missing: install Chromium and set CHROMIUM_PATH to its binary`);
  }
  const install = ['install', '-y', '--no-install-recommends', ...BROWSER_PACKAGES];
  if (process.getuid && process.getuid() !== 0) {
    throw new ProvisionError(
      `the web tests need Debian's chromium and ${DEBIAN_CHROMIUM} is missing: run ` +
        `\`sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get ${install.join(' ')}\` (or set CHROMIUM_PATH)`,
    );
  }
  log(`installing Debian's ${BROWSER_PACKAGES.join(' and ')} for the web tests (apt-get, first run only)`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const waitForLock = ['-o', 'DPkg::Lock::Timeout=600'];
  run(apt, [...waitForLock, 'update', '-qq'], { env: aptEnv });
  run(apt, [...waitForLock, '-qq', ...install], { env: aptEnv });
  if (!isExecutable(DEBIAN_CHROMIUM)) throw new ProvisionError(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is not there`);
  log(`browser: ${run(DEBIAN_CHROMIUM, ['--version']).trim()}`);
  return DEBIAN_CHROMIUM;
}

function cliVersionOf(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function ensureTemporalCli(dir) {
  if (process.env.TEMPORAL_CLI) {
    const bin = path.resolve(process.env.TEMPORAL_CLI);
    if (!cliVersionOf(bin)) throw new ProvisionError(`TEMPORAL_CLI=${bin} does not run (\`${bin} --version\` failed)`);
    return { path: bin, source: 'TEMPORAL_CLI' };
  }
  const onPath = which('temporal');
  if (onPath && cliVersionOf(onPath)) return { path: onPath, source: 'PATH' };

  const binDir = path.join(dir, `temporal-cli-${TEMPORAL_CLI_VERSION}`);
  const bin = path.join(binDir, 'temporal');
  if (fs.existsSync(bin) && cliVersionOf(bin)) return { path: bin, source: 'cache' };

  const go = which('go');
  if (!go) {
    throw new ProvisionError(
      'Go is needed to build the Temporal CLI, and `go` is not on PATH. Install Go 1.24 or newer ' +
        '(https://go.dev/doc/install), or set TEMPORAL_CLI to an existing `temporal` binary.',
    );
  }
  log(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (first run only; a few minutes)`);
  const t0 = Date.now();
  fs.mkdirSync(binDir, { recursive: true });
  run(go, ['install', `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: binDir, GOFLAGS: process.env.GOFLAGS || '-mod=mod' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!cliVersionOf(bin)) throw new ProvisionError(`go install finished but ${bin} does not run`);
  log(`Temporal CLI built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { path: bin, source: 'built' };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new ProvisionError(`test server did not open port ${port} in ${ms} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * The test server's classpath: an explicit, sorted list of its jars, the same for the archive
 * and the launcher — a CDS archive only maps when the classpath matches the one it was dumped with.
 */
function classpathOf(libDir) {
  return fs
    .readdirSync(libDir)
    .filter((f) => f.endsWith('.jar'))
    .sort()
    .map((f) => path.join(libDir, f))
    .join(':');
}

function writeLauncher(file, java, libDir, jsa) {
  const jars = classpathOf(libDir);
  const script = `#!/bin/sh
# Temporal time-skipping test server ${TEST_SERVER_VERSION} (Maven Central), provisioned by dondoc.
# Usage: ${path.basename(file)} <port> [--enable-time-skipping]
# @temporalio/testing starts it with the port only (time skipping locked until its client
# unlocks it around result()); pass --enable-time-skipping to start it unlocked.
# C1 only (TieredStopAtLevel=1): a server lives for a test file or a simulated year, and on a
# small machine C2's compiling cost more than it saved (bench/RESULTS.md, issue 19 point 4).
exec "${java}" -XX:SharedArchiveFile="${jsa}" -Xshare:auto -XX:+UseParallelGC -XX:TieredStopAtLevel=1 \\
  -Xss512k -cp "${jars}" ${TEST_SERVER_MAIN} "$@"
`;
  fs.writeFileSync(file, script, { mode: 0o755 });
}

async function dumpCdsArchive(java, libDir, jsa) {
  const jars = classpathOf(libDir);
  const port = await freePort();
  const child = spawn(
    java,
    [`-XX:ArchiveClassesAtExit=${jsa}`, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss512k', '-cp', jars, TEST_SERVER_MAIN, String(port), '--enable-time-skipping'],
    { stdio: 'ignore' },
  );
  try {
    await waitForPort(port, 60_000);
    // Let the server finish its start-up path (gRPC services) so those classes are archived.
    await new Promise((r) => setTimeout(r, 1500));
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

async function ensureTestServer(dir) {
  const base = path.join(dir, `temporal-test-server-${TEST_SERVER_VERSION}`);
  const launcher = path.join(base, 'temporal-test-server');
  const libDir = path.join(base, 'lib');
  const jsa = path.join(base, 'classes.jsa');
  const java = which('java');
  if (!java) {
    throw new ProvisionError(
      'Java 17 or newer is needed for the Temporal time-skipping test server, and `java` is not on PATH. ' +
        'Install it (Debian: apt-get install openjdk-17-jre-headless).',
    );
  }
  if (fs.existsSync(libDir) && fs.existsSync(jsa)) {
    writeLauncher(launcher, java, libDir, jsa); // cheap; keeps the launcher current with this script
    return { path: launcher, source: 'cache' };
  }

  const mvn = which('mvn');
  if (!mvn) {
    throw new ProvisionError(
      'Maven is needed to fetch the Temporal test server from Maven Central, and `mvn` is not on PATH. ' +
        'Install it (Debian: apt-get install maven).',
    );
  }
  log(`fetching ${TEST_SERVER_ARTIFACT}:${TEST_SERVER_VERSION} and its dependencies from Maven Central`);
  fs.rmSync(base, { recursive: true, force: true });
  fs.mkdirSync(base, { recursive: true });
  const [groupId, artifactId] = TEST_SERVER_ARTIFACT.split(':');
  fs.writeFileSync(
    path.join(base, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dondoc.provision</groupId><artifactId>temporal-test-server-deps</artifactId><version>0</version>
  <dependencies>
    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${TEST_SERVER_VERSION}</version></dependency>
  </dependencies>
</project>
`,
  );
  run(mvn, ['-B', '-q', 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`, '-DincludeScope=runtime'], {
    cwd: base,
  });
  log('dumping a class-data-sharing archive so the JVM starts in about a second');
  await dumpCdsArchive(java, libDir, jsa);
  if (!fs.existsSync(jsa)) throw new ProvisionError(`the JVM did not write its CDS archive ${jsa}`);
  writeLauncher(launcher, java, libDir, jsa);
  return { path: launcher, source: 'built' };
}

function previousManifest() {
  try {
    return JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
  } catch {
    return {};
  }
}

async function main() {
  const t0 = Date.now();
  // First, as it may stop the run at once (not root, no browser) before minutes of building.
  const chromium = process.argv.includes('--browser') ? ensureBrowser() : undefined;
  ensureNodeModules();
  await ensureBuild();
  const dir = toolsDir();
  fs.mkdirSync(dir, { recursive: true });
  const cli = ensureTemporalCli(dir);
  const testServer = await ensureTestServer(dir);
  // A browser provisioned by an earlier `npm test` stays recorded when `npm start` provisions.
  const previous = previousManifest().chromium;
  const manifest = {
    temporalCli: cli.path,
    temporalCliVersion: cliVersionOf(cli.path),
    testServer: testServer.path,
    testServerVersion: TEST_SERVER_VERSION,
    chromium: chromium ?? (previous && isExecutable(previous) ? previous : undefined),
  };
  // The manifest lives in the clone (git-ignored .tools/); the heavy artifacts in the machine cache.
  fs.mkdirSync(path.dirname(MANIFEST), { recursive: true });
  fs.writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  const built = [cli, testServer].some((t) => t.source === 'built');
  if (built || process.argv.includes('--verbose')) log(`toolchain ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${cli.path} (${cli.source}), ${testServer.path} (${testServer.source})`);
}

main().catch((err) => {
  if (err instanceof ProvisionError) {
    process.stderr.write(`dondoc provision: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
});
