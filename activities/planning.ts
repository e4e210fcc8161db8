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
import { handOver } from '../domain/handover';
import type { HandOverInput, HandOverResult, NextOccurrenceInput, NextOccurrenceResult, RetimeInput, RetimeResult } from './types';
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
          overdueFromMs: index.overdueFrom(input.occurrence.obligation, target.unit, due, dueAtMs),
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

    async handOverOccurrence(input: HandOverInput): Promise<HandOverResult> {
      const successor = input.occurrence.unitEnd?.successor;
      if (!successor) throw ApplicationFailure.nonRetryable(`${input.occurrence.id}: đơn vị không có đơn vị kế thừa`, 'NoSuccessor');
      try {
        const { spec, unmatched } = handOver(source.current(), { ...input.occurrence, steps: input.steps }, successor);
        const { steps, ...occurrence } = spec;
        return { occurrence, steps, unmatched };
      } catch (err) {
        // A successor the directory no longer knows: retrying cannot help.
        if (err instanceof RangeError) throw ApplicationFailure.nonRetryable(err.message, 'UnknownSuccessor');
        throw err;
      }
    },
  };
}
