/**
 * Every workflow dondoc's worker runs. This file is the entry point of the workflow bundle:
 * it and everything it imports run in Temporal's deterministic sandbox.
 */
import './stack-trace-limit';
export { occurrenceWorkflow } from './occurrence';
export { plannerWorkflow } from './planner';
export { mailboxWorkflow } from './mailbox';
