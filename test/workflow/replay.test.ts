/**
 * Replays the recorded histories of test/fixtures/histories against the current workflow
 * code: a change that would break running workflows (a new, removed or reordered command)
 * fails here. Re-record (test/helpers/record-histories.ts) only for a deliberate break.
 */
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { nondeterministicBundle } from '../helpers/canary-bundle';
import { historyFixtureFiles, readHistoryFixture } from '../helpers/history-fixtures';

const files = historyFixtureFiles();

async function replayAll(codePath: string): Promise<Map<string, ReplayResult>> {
  const histories = files.map((file) => ({ workflowId: file, history: readHistoryFixture(file) }));
  const results = new Map<string, ReplayResult>();
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath } }, histories)) {
    results.set(result.workflowId, result);
  }
  return results;
}

it('has fixtures of every workflow', () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
  const types = files.map((f) => readHistoryFixture(f).events![0]!.workflowExecutionStartedEventAttributes!.workflowType!.name);
  expect(new Set(types)).toEqual(new Set(['occurrenceWorkflow', 'plannerWorkflow', 'mailboxWorkflow']));
});

describe('the current workflow code', () => {
  let results: Map<string, ReplayResult>;
  beforeAll(async () => {
    results = await replayAll(inject('workflowBundlePath'));
  });

  it.each(files)('replays %s without nondeterminism', (file) => {
    const result = results.get(file);
    expect(result, file).toBeDefined();
    expect(result!.error).toBeUndefined();
  });
});

// The guard guarded: a scratch build whose workflows each add one timer (nothing in
// workflows/ changes) must fail every replay with a DeterminismViolationError.
it('a non-deterministic change fails the replay of every fixture', async () => {
  const results = await replayAll(await nondeterministicBundle());
  expect([...results.keys()].sort()).toEqual(files);
  for (const [file, result] of results) {
    expect(result.error, file).toBeInstanceOf(DeterminismViolationError);
  }
}, 120_000);
