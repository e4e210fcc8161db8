/**
 * The worker's activities, assembled from their parts. The notifier comes composed (its
 * transport, ledger, attachments and digests wired by the worker's composition root).
 */
import type { Client } from '@temporalio/client';
import { createNotifyActivities, type Notifier } from './notify';
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

export function createActivities(deps: ActivityDeps): DondocActivities {
  const activities = {
    ...createPlanningActivities(deps.plan),
    ...createNotifyActivities(deps.notifier),
    ...createStartOccurrenceActivity(deps.client, deps.taskQueue),
  };
  return {
    ...activities,
    // Both idempotent, so the pair is: a retry finds the occurrence started and finds the same next one.
    async openOccurrence({ start, next }) {
      return { started: await activities.startOccurrence(start), next: await activities.nextOccurrence(next) };
    },
  };
}
