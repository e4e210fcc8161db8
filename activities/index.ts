/**
 * The worker's activities, assembled from their parts.
 */
import type { Client } from '@temporalio/client';
import type { AttachmentProvider } from './email/notifier';
import { reportAttachments } from './email/report-attachment';
import { createNotifyActivity, type Notifier } from './notify';
import type { PlanSource } from '../config/plan-source';
import { createPlanningActivities } from './planning';
import { createStartOccurrenceActivity } from './start-occurrence';
import type { DondocActivities } from './types';

export interface ActivityDeps {
  plan: PlanSource;
  notifier: Notifier;
  /** Client and task queue for starting occurrence workflows. */
  client: Client;
  taskQueue: string;
}

/** A notifier that can attach documents (the email notifier). */
function attaches(n: Notifier): n is Notifier & { useAttachments(p: AttachmentProvider): void } {
  return typeof (n as { useAttachments?: unknown }).useAttachments === 'function';
}

export function createActivities(deps: ActivityDeps): DondocActivities {
  // The monitor's yearly-report notices carry that year's draft report, read through `client`.
  if (attaches(deps.notifier)) deps.notifier.useAttachments(reportAttachments(deps.client, deps.plan));
  return {
    ...createPlanningActivities(deps.plan),
    ...createNotifyActivity(deps.notifier),
    ...createStartOccurrenceActivity(deps.client, deps.taskQueue),
  };
}
