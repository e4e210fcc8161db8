/**
 * The replay fixtures with the payload codec on, as a worker with DONDOC_PAYLOAD_KEYS runs
 * them: recorded without encryption, their payloads pass through the codec unchanged and
 * every history still replays with the bundle that encodes failures.
 */
import * as crypto from 'node:crypto';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataConverterOf, ENCODED_FAILURE_CONVERTER } from '../../platform/codec';
import { ensureWorkflowBundle } from '../helpers/bundle';
import { historyFixtureFiles, readHistoryFixture } from '../helpers/history-fixtures';

const files = historyFixtureFiles();
const KEY = { id: 'replay', key: crypto.createHash('sha256').update('dondoc replay test key').digest() };

describe('with the payload codec on', () => {
  const results = new Map<string, ReplayResult>();
  beforeAll(async () => {
    const codePath = await ensureWorkflowBundle({ failureConverterPath: ENCODED_FAILURE_CONVERTER });
    const histories = files.map((file) => ({ workflowId: file, history: readHistoryFixture(file) }));
    for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath }, dataConverter: dataConverterOf([KEY]) }, histories)) {
      results.set(result.workflowId, result);
    }
  }, 300_000);

  it.each(files)('%s replays', (file) => {
    expect(results.get(file), file).toBeDefined();
    expect(results.get(file)!.error).toBeUndefined();
  });
});
