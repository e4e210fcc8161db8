/**
 * Loads the configuration: the directory, the plan and the official calendar, each
 * parsed with its schema, then checked against each other. Returns the typed, frozen
 * `Config` and its warnings, or throws a `ConfigError` listing every error of every file
 * with `file:line:col` and the field's path.
 */
import * as path from 'node:path';
import type { z } from 'zod';
import type { Config, Directory, OfficialYear, Plan } from '../domain/model';
import { ConfigError, type ConfigIssue, type ConfigWarning } from './errors';
import { placeholderWarning } from './placeholders';
import { checkReferences } from './references';
import { calendarFileSchema } from './schema/calendar';
import { directorySchema } from './schema/directory';
import { planSchema } from './schema/plan';
import { planCitationGaps, planCitationVi } from '../vocabulary/plan';
import { parseYaml, place, readSource, validate, type YamlFile, type YamlSource } from './yaml-file';

export type ConfigKind = 'directory' | 'plan' | 'calendar';
export type ConfigPaths = Record<ConfigKind, string>;
export type ConfigSources = Record<ConfigKind, YamlSource>;

export interface LoadedConfig {
  config: Config;
  warnings: ConfigWarning[];
}

/** The shipped files, beside this module. */
export const DEFAULT_PATHS: Readonly<ConfigPaths> = Object.freeze({
  directory: path.join(__dirname, 'directory.yaml'),
  plan: path.join(__dirname, 'plan.yaml'),
  calendar: path.join(__dirname, 'calendar', 'vn-official.yaml'),
});

/**
 * The files in force: the shipped ones, or those named by DONDOC_DIRECTORY, DONDOC_PLAN and
 * DONDOC_CALENDAR (another plan or another term is another file, not a code change).
 */
export function configPaths(env: NodeJS.ProcessEnv = process.env): ConfigPaths {
  return {
    directory: env.DONDOC_DIRECTORY ? path.resolve(env.DONDOC_DIRECTORY) : DEFAULT_PATHS.directory,
    plan: env.DONDOC_PLAN ? path.resolve(env.DONDOC_PLAN) : DEFAULT_PATHS.plan,
    calendar: env.DONDOC_CALENDAR ? path.resolve(env.DONDOC_CALENDAR) : DEFAULT_PATHS.calendar,
  };
}

/** A path as shown in messages: relative to the working directory when inside it. */
export function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Runs a check; a bug in a check becomes an issue of the file instead of a stack trace. */
function guarded<T>(file: string, issues: ConfigIssue[], run: () => T): T | undefined {
  try {
    return run();
  } catch (err) {
    issues.push({ file, line: 0, col: 0, path: '', message: `internal error while checking this file: ${(err as Error)?.message ?? String(err)}` });
    return undefined;
  }
}

function parsed<T>(yaml: YamlFile, schema: z.ZodType<T>, issues: ConfigIssue[]): T | undefined {
  issues.push(...yaml.issues);
  if (yaml.issues.length > 0) return undefined;
  const result = guarded(yaml.file, issues, () => validate(schema, yaml));
  if (!result) return undefined;
  issues.push(...result.issues);
  return result.value;
}

/** Validates three sources already in memory (used by tests and `dondoc validate`). */
export function loadConfigFromSources(sources: ConfigSources): LoadedConfig {
  const issues: ConfigIssue[] = [];
  const files = {
    directory: guarded(sources.directory.file, issues, () => parseYaml(sources.directory)),
    plan: guarded(sources.plan.file, issues, () => parseYaml(sources.plan)),
    calendar: guarded(sources.calendar.file, issues, () => parseYaml(sources.calendar)),
  };
  const directory: Directory | undefined = files.directory && parsed(files.directory, directorySchema, issues);
  const plan: Plan | undefined = files.plan && parsed(files.plan, planSchema, issues);
  const calendar: OfficialYear[] | undefined = files.calendar && parsed(files.calendar, calendarFileSchema, issues);

  if (directory && plan && files.plan) {
    const planFile = files.plan;
    const problems = guarded(planFile.file, issues, () => checkReferences(plan, directory)) ?? [];
    issues.push(...problems.map((p) => place(planFile, p.path, p.message)));
  }
  if (issues.length > 0 || !directory || !plan || !calendar) throw new ConfigError(issues);

  const warnings = [placeholderWarning(directory, sources.directory.file), files.plan && citationWarning(plan, directory, files.plan)];
  return { config: deepFreeze({ directory, plan, calendar }), warnings: warnings.filter((w): w is ConfigWarning => w !== undefined) };
}

/**
 * A plan whose source leaves its number or day of signing blank is cited without them in
 * every letter, page and report: said once, at `source`, with the citation as it will read.
 */
function citationWarning(plan: Plan, directory: Directory, planFile: YamlFile): ConfigWarning | undefined {
  const gaps = planCitationGaps(plan.source);
  if (gaps.length === 0) return undefined;
  const issuer = directory.bodies.find((b) => b.id === plan.source.issuedBy)?.name ?? plan.source.issuedBy;
  const where = place(planFile, ['source'], '', true);
  const missing = plan.source.document !== undefined ? 'its number (the blank “số …” of the citation)' : gaps.map((g) => (g === 'number' ? 'its number (source.number)' : 'its day of signing (source.signedOn)')).join(' and ');
  return {
    code: 'plan-citation',
    file: where.file,
    line: where.line,
    col: where.col,
    message: `every letter, page and report cites the plan without ${missing} until it is filled in: “${planCitationVi(plan.source, issuer)}”`,
  };
}

/**
 * Loads the configuration from files; each path defaults to the shipped file.
 * @throws ConfigError with every error found, each at `file:line:col`.
 */
export function loadConfig(paths: Partial<ConfigPaths> = {}): LoadedConfig {
  const all: ConfigPaths = { ...configPaths(), ...paths };
  const issues: ConfigIssue[] = [];
  const read = (kind: ConfigKind): YamlSource => {
    const source = readSource(all[kind], displayName(all[kind]));
    if ('text' in source) return source;
    issues.push(source);
    return { file: source.file, text: '' };
  };
  const sources: ConfigSources = { directory: read('directory'), plan: read('plan'), calendar: read('calendar') };
  if (issues.length > 0) {
    // Still check the files that could be read, so that one run reports everything.
    try {
      loadConfigFromSources(sources);
    } catch (err) {
      if (err instanceof ConfigError) {
        const unreadable = new Set(issues.map((i) => i.file));
        issues.push(...err.issues.filter((i) => !unreadable.has(i.file)));
      }
    }
    throw new ConfigError(issues);
  }
  return loadConfigFromSources(sources);
}
