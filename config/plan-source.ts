/**
 * The plan as the worker sees it: loaded from the YAML files, validated, indexed, and
 * reloaded when a file changes — so an edited plan reaches running planners at their next
 * cycle (through an activity, recorded in history) without a restart.
 */
import * as fs from 'node:fs';
import type { Config } from '../domain/model';
import { PlanIndex } from '../domain/occurrences';
import { configPaths, loadConfig, type ConfigPaths } from './load';

export interface PlanSource {
  current(): PlanIndex;
}

/** A fixed, already loaded config (tests, simulations, generated directories). */
export function staticPlanSource(config: Config): PlanSource {
  const index = PlanIndex.fromConfig(config);
  return { current: () => index };
}

function stamp(paths: ConfigPaths): string {
  return Object.values(paths)
    .map((p) => {
      try {
        const st = fs.statSync(p);
        return `${p}:${st.mtimeMs}:${st.size}`;
      } catch {
        return `${p}:missing`;
      }
    })
    .join('|');
}

/**
 * Files on disk, re-read when their modification time changes. A change that does not
 * validate is refused (the error is thrown, the activity retries and the log says why),
 * and nothing is lost: the previous plan stays in force only for this process's cache.
 */
export function filePlanSource(paths: Partial<ConfigPaths> = {}): PlanSource {
  const all: ConfigPaths = { ...configPaths(), ...paths };
  let cached: { stamp: string; index: PlanIndex } | undefined;
  return {
    current() {
      const now = stamp(all);
      if (cached?.stamp !== now) {
        const { config } = loadConfig(all);
        cached = { stamp: now, index: PlanIndex.fromConfig(config) };
      }
      return cached.index;
    },
  };
}
