/**
 * Starts occurrence workflows on behalf of planners. Idempotent by workflow id: an
 * occurrence that exists — running or finished — is never started twice.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { occurrenceStartOptions } from '../workflows/start-options';
import type { StartOccurrenceInput } from './types';

export function createStartOccurrenceActivity(client: Client, taskQueue: string) {
  return {
    async startOccurrence({ spec, timeOffsetMs }: StartOccurrenceInput): Promise<boolean> {
      try {
        await client.workflow.start('occurrenceWorkflow', {
          ...occurrenceStartOptions(spec, { taskQueue, timeOffsetMs }),
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
        throw err;
      }
    },
  };
}
