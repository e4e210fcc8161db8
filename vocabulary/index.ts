/**
 * The vocabulary every surface shows — emails, web pages, the CLI and the annual report —
 * below all of them: labels, Vietnamese dates and names, the plan's citation and clause
 * references, numbers, rates and targets, HTML escaping. Pure (no I/O, no clock): workflows may use it too.
 */
export * from './dates';
export * from './labels';
export * from './occurrence';
export * from './periods';
export * from './plan';
export * from './text';
export * from './refusals';
export * from './console';
export * from './levels';
export * from './names';
