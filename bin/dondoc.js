#!/usr/bin/env node
// The `dondoc` command: cli/main from the compiled build (bin/launch.js).
require('./launch')
  .load('cli/main')
  .then(({ main }) => main(process.argv))
  .then((code) => {
    process.exitCode = code;
  });
