/**
 * Six frames for a stack trace in the workflow sandbox, where V8 keeps ten. The SDK takes a
 * stack trace of every promise a workflow creates (for the "Stack Trace" of the Temporal UI)
 * and maps each frame through the bundle's source map: at two activations a notice, that was a
 * quarter of the workflow threads' time in a simulated year (bench/RESULTS.md, issue 19 point 4).
 * The UI's stack trace keeps dondoc's frames: each awaited promise shows its own innermost ones.
 * Preloaded (platform/workflow-bundle.ts), so set once in the shared context.
 */
Error.stackTraceLimit = 6;

export {};
