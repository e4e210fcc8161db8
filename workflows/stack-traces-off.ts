/**
 * No stack-trace frames in the workflow sandbox: preloaded after workflows/stack-trace-limit.ts
 * in a simulation's bundle only (platform/workflow-bundle.ts, SIMULATION_PRELOADED_MODULES). A
 * simulated year runs on a time-skipping server of its own that no Temporal UI shows, so the
 * UI's "Stack Trace" has no reader there, while the SDK's promise hook would still take and map
 * a stack for every promise its workflows create (bench/RESULTS.md, issue 19 point 4).
 */
Error.stackTraceLimit = 0;

export {};
