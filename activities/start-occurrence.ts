/**
 * Starts occurrence workflows on behalf of planners. Idempotent by workflow id: an
 * occurrence that exists — running or finished — is never started twice.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { occurrenceMemo, occurrenceSearchAttributes } from '../workflows/start-options';
import type { OccurrenceInput } from '../workflows/occurrence';
import type { StartOccurrenceInput } from './types';

export function createStartOccurrenceActivity(client: Client, taskQueue: string) {
  return {
    async startOccurrence({ spec, timeOffsetMs }: StartOccurrenceInput): Promise<boolean> {
      const input: OccurrenceInput = { spec, timeOffsetMs };
      try {
        await client.workflow.start('occurrenceWorkflow', {
          workflowId: spec.id,
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: occurrenceSearchAttributes(spec),
          memo: occurrenceMemo(spec),
        });
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
        throw err;
      }
    },
  };
}
