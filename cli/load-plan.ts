/**
 * Loading the shipped plan for CLI commands: every issue printed, exit 2 on failure.
 */
import { ConfigError, formatIssue } from '../config/errors';
import { loadConfig, type LoadedConfig } from '../config/load';
import type { Config } from '../domain/model';
import { PlanIndex } from '../domain/occurrences';
import { CliError } from './temporal';

export function loadPlanOrFail(): { config: Config; index: PlanIndex } {
  try {
    const { config } = loadConfig();
    return { config, index: PlanIndex.fromConfig(config) };
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`the configuration does not load:\n${err.issues.map(formatIssue).join('\n')}`);
    throw err;
  }
}

/** Loads the configuration, or writes every issue to `err` and returns undefined. */
export function loadOrReport(load: () => LoadedConfig, err: { write(chunk: string): unknown }): LoadedConfig | undefined {
  try {
    return load();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const issue of e.issues) err.write(`${formatIssue(issue)}\n`);
    err.write(`Cấu hình không hợp lệ: ${e.issues.length} lỗi.\n`);
    return undefined;
  }
}
