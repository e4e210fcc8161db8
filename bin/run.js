#!/usr/bin/env node
// A long-running process from the compiled build (bin/launch.js), in this process so that
// SIGINT and SIGTERM reach its own handlers: `node bin/run.js workers/main` (npm start),
// `node bin/run.js web/main` (the web pages alone).
const ENTRIES = ['workers/main', 'web/main'];
const entry = process.argv[2];
if (!ENTRIES.includes(entry)) {
  process.stderr.write(`usage: node bin/run.js ${ENTRIES.join('|')}\n`);
  process.exit(2);
}
require('./launch').load(entry, { sourceMaps: true });
