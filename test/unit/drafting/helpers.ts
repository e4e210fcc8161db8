/** Shared by the drafting tests: drafting a document against the shipped directory and ladders. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PATHS, loadConfigFromSources } from '../../../config/load';
import type { Config } from '../../../domain/model';
import { draftPlan, type DraftSummary } from '../../../drafting/draft';
import { laddersOf, loadDirectory } from '../../../drafting/inputs';
import { squeeze } from '../../../drafting/text';

export const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'test/fixtures/drafting');
/**
 * The shipped plan's text: a copy in the fixtures, so that the tests run without shared/;
 * shipped-plan.test.ts checks that the copy is the text in ../shared/plan/ where that exists.
 */
export const SHIPPED_TEXT = path.join(FIXTURES, 'ke-hoach-115-KL-TU-luc-ngan-2021.txt');
export const SHARED_TEXT = path.resolve(ROOT, '../shared/plan/ke-hoach-115-KL-TU-luc-ngan-2021.txt');

export const directory = loadDirectory(DEFAULT_PATHS.directory);
export const ladders = laddersOf(DEFAULT_PATHS.plan);

export function draft(file: string, reference?: DraftReference): Promise<DraftSummary> {
  return draftPlan({ file, shownAs: path.basename(file), directory, ladders, ...(reference ? { reference } : {}) });
}

export type DraftReference = NonNullable<Parameters<typeof draftPlan>[0]['reference']>;

/** The draft loaded as the plan beside the shipped directory and calendar: throws ConfigError with every issue. */
export function loadDraft(yaml: string): Config {
  const source = (file: string) => ({ file: path.relative(ROOT, file), text: readFileSync(file, 'utf8') });
  return loadConfigFromSources({ directory: source(DEFAULT_PATHS.directory), plan: { file: 'draft.yaml', text: yaml }, calendar: source(DEFAULT_PATHS.calendar) }).config;
}

/** A text as quotes are compared with it: whitespace normalised. */
export const normalised = (text: string) => squeeze(text);
