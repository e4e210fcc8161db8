/**
 * Activities that ask the domain core about the plan: the planner's next occurrence, and a
 * new timeline when a due date is extended.
 */
import { ApplicationFailure } from '@temporalio/common';
import { toInstantMs } from '../domain/calendar/local-date';
import { meetingAfterExtension } from '../domain/meetings';
import { nextOccurrence } from '../domain/planning';
import { specOf } from '../domain/spec';
import type { PlanSource } from '../config/plan-source';
import type { NextOccurrenceInput, NextOccurrenceResult, RetimeInput, RetimeResult } from './types';
import { timeOfInstant } from '../domain/calendar/local-date';

export function createPlanningActivities(source: PlanSource) {
  return {
    async nextOccurrence(input: NextOccurrenceInput): Promise<NextOccurrenceResult> {
      const index = source.current();
      if (!index.obligations.has(input.obligation)) return { reason: 'removed' };
      const target = index.targets(input.obligation).find((t) => t.key === input.target);
      if (!target) return { reason: 'removed' };
      const next = nextOccurrence(index, target, input, input.after);
      return next.occurrence ? { spec: specOf(index, next.occurrence) } : { reason: next.reason };
    },

    async retimeOccurrence(input: RetimeInput): Promise<RetimeResult> {
      const index = source.current();
      const target = index.target(input.occurrence.obligation, input.occurrence.target);
      try {
        const due = index.calendar.onOrAfter(input.newDue);
        const dueAtMs = toInstantMs(due, timeOfInstant(input.occurrence.dueAtMs));
        const meeting = meetingAfterExtension(input.occurrence.meeting, dueAtMs);
        return {
          due,
          dueAtMs,
          overdueFromMs: index.overdueFrom(input.occurrence.obligation, due, dueAtMs),
          steps: index.timelineAround(target, due, dueAtMs),
          ...(meeting ? { meeting } : {}),
        };
      } catch (err) {
        // A date the calendar cannot handle: retrying cannot help, so the extension fails
        // (its Update answers with the reason) instead of waiting on retries for ever.
        if (err instanceof RangeError) throw ApplicationFailure.nonRetryable(`Không tính được lịch cho hạn mới ${input.newDue}: ${err.message}`, 'BadDueDate');
        throw err;
      }
    },
  };
}
