#!/usr/bin/env node
// The `dondoc` command. Sources are TypeScript run through tsx, so a clone needs no build step.
require('tsx/cjs');
const { main } = require('../cli/main.ts');
main(process.argv).then((code) => {
  process.exitCode = code;
});
