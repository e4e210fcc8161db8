/**
 * The worker's activities, assembled from their parts.
 */
import type { Client } from '@temporalio/client';
import { createNotifyActivity, type Notifier } from './notify';
import type { PlanSource } from './plan-source';
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

export function createActivities(deps: ActivityDeps): DondocActivities {
  return {
    ...createPlanningActivities(deps.plan),
    ...createNotifyActivity(deps.notifier),
    ...createStartOccurrenceActivity(deps.client, deps.taskQueue),
  };
}
