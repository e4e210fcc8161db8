/**
 * Bench instrumentation, preloaded with `node -r` (worker threads inherit it): counts the calls
 * into vm contexts (`vm.Script#runInContext`, how the SDK enters a workflow's context) in each
 * thread, by the SDK function called (`activate`, `tryUnblockConditions`, …), and writes the
 * counts to BENCH_VM_CALLS_FILE every second and at exit, one JSON line per thread. With BENCH_VM_NO_TIMEOUT=1 it also drops the calls' `timeout`, i.e. Node's
 * watchdog thread per call: an experiment measuring what that watchdog costs a run, never part
 * of dondoc (a workflow that loops forever would then hang its thread).
 *
 *   BENCH_VM_CALLS_FILE=/tmp/vm.jsonl node -r ./bench/lib/vm-calls.cjs --import tsx bench/simulate-year.ts
 */
'use strict';
const fs = require('node:fs');
const vm = require('node:vm');
const { threadId } = require('node:worker_threads');

const file = process.env.BENCH_VM_CALLS_FILE;
const dropTimeout = process.env.BENCH_VM_NO_TIMEOUT === '1';
const counts = { thread: threadId, pid: process.pid, calls: 0, withTimeout: 0, timeoutDropped: dropTimeout, byFunction: {} };

const runInContext = vm.Script.prototype.runInContext;
vm.Script.prototype.runInContext = function (context, options) {
  counts.calls++;
  // The SDK's reusable context names the function it calls in the context's `__temporal_args`.
  const args = context && context.__temporal_args;
  const fn = Array.isArray(args) && typeof args[1] === 'string' ? args[1] : 'other';
  counts.byFunction[fn] = (counts.byFunction[fn] || 0) + 1;
  if (options && options.timeout !== undefined) {
    counts.withTimeout++;
    if (dropTimeout) {
      const { timeout: _dropped, ...rest } = options;
      return runInContext.call(this, context, rest);
    }
  }
  return runInContext.call(this, context, options);
};

if (file) {
  // One file per thread, rewritten: the last write is the thread's total.
  const out = `${file}.${process.pid}.${threadId}`;
  const write = () => fs.writeFileSync(out, `${JSON.stringify(counts)}\n`);
  setInterval(write, 1000).unref();
  process.on('exit', write);
}
