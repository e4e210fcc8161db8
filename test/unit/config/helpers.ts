/** Shared by the config tests: the small valid configuration and loading with one file replaced. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, type ConfigIssue } from '../../../config/errors';
import { loadConfigFromSources, type ConfigKind, type ConfigSources, type LoadedConfig } from '../../../config/load';

export const ROOT = path.resolve(__dirname, '../../..');
export const MINI_DIR = path.join(ROOT, 'test/fixtures/config-mini');
export const BAD_DIR = path.join(ROOT, 'test/fixtures/bad-config');

export function miniSources(): ConfigSources {
  const source = (name: string) => ({ file: `mini/${name}`, text: readFileSync(path.join(MINI_DIR, name), 'utf8') });
  return { directory: source('directory.yaml'), plan: source('plan.yaml'), calendar: source('calendar.yaml') };
}

/** Loads the mini configuration with some files replaced by texts. */
export function loadMini(replace: Partial<Record<ConfigKind, string>> = {}): LoadedConfig {
  const sources = miniSources();
  for (const [kind, text] of Object.entries(replace) as Array<[ConfigKind, string]>) {
    sources[kind] = { file: `test/${kind}.yaml`, text };
  }
  return loadConfigFromSources(sources);
}

/** The issues of a load that must fail; fails the test when it does not. */
export function issuesOf(run: () => unknown): readonly ConfigIssue[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

export function miniText(kind: ConfigKind): string {
  return readFileSync(path.join(MINI_DIR, `${kind}.yaml`), 'utf8');
}
