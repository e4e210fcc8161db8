/** Reading the replay fixtures written by test/helpers/record-histories.ts. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';

export const HISTORY_FIXTURES_DIR = path.resolve(__dirname, '../fixtures/histories');

export type History = temporal.api.history.v1.History;

/** A fixture as a History message (protobufjs `fromObject` of its `toJSON()`). */
export function readHistoryFixture(file: string): History {
  const json: unknown = JSON.parse(fs.readFileSync(path.resolve(HISTORY_FIXTURES_DIR, file), 'utf8'));
  const history = temporal.api.history.v1.History.fromObject(json as Record<string, unknown>);
  if (!history.events?.length) throw new Error(`${file}: no events`);
  return history;
}

/** Every fixture file name, sorted. */
export function historyFixtureFiles(): string[] {
  if (!fs.existsSync(HISTORY_FIXTURES_DIR)) return [];
  return fs
    .readdirSync(HISTORY_FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}
