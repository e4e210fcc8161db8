/**
 * The configuration for a command: the plan in force (DONDOC_PLAN, DONDOC_DIRECTORY,
 * DONDOC_CALENDAR or the shipped files) and its index. A configuration that does not load is
 * printed the same way by every command (cli/output.ts `outcome`).
 */
import { loadConfig, type LoadedConfig } from '../config/load';
import type { Config } from '../domain/model';
import { PlanIndex } from '../domain/occurrences';

/** The plan in force and its index. @throws ConfigError */
export function loadPlan(load: () => LoadedConfig = () => loadConfig()): { config: Config; index: PlanIndex; loaded: LoadedConfig } {
  const loaded = load();
  return { config: loaded.config, index: PlanIndex.fromConfig(loaded.config), loaded };
}
