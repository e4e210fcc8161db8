/** The two-tier example (config/examples/tinh-vi-du): a fictional province's plan and directory, on the official calendar. */
import * as path from 'node:path';
import { DEFAULT_PATHS, loadConfig, type ConfigPaths, type LoadedConfig } from '../../config/load';
import { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { PlanIndex } from '../../domain/occurrences';

export const EXAMPLE_DIR = path.resolve(__dirname, '../../config/examples/tinh-vi-du');

export const EXAMPLE_PATHS: ConfigPaths = {
  plan: path.join(EXAMPLE_DIR, 'plan.yaml'),
  directory: path.join(EXAMPLE_DIR, 'directory.yaml'),
  calendar: DEFAULT_PATHS.calendar,
};

/** DONDOC_PLAN and DONDOC_DIRECTORY naming the example, as a user would set them. */
export const EXAMPLE_ENV = { DONDOC_PLAN: EXAMPLE_PATHS.plan, DONDOC_DIRECTORY: EXAMPLE_PATHS.directory };

export function examplePlan(): LoadedConfig & { index: PlanIndex } {
  const loaded = loadConfig(EXAMPLE_PATHS);
  return { ...loaded, index: new PlanIndex(loaded.config, new WorkingCalendar(loaded.config.calendar)) };
}
