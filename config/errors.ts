/**
 * What the loader reports: errors located at `file:line:col` with the field path, and
 * warnings that do not stop the configuration from loading.
 */

/** One segment of a path inside a YAML file: a mapping key or a list index. */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** A problem found by a check, before it is located in its file. */
export interface Problem {
  path: Path;
  message: string;
}

export interface ConfigIssue {
  file: string;
  /** 1-based; 0 when the problem concerns the whole file (e.g. it cannot be read). */
  line: number;
  col: number;
  /** `obligations[3].schedules[0].due.day`; empty for the file as a whole. */
  path: string;
  message: string;
}

export interface ConfigWarning {
  /** A stable code for programs: `placeholder-contacts`, `plan-citation`. */
  code: string;
  file: string;
  /** Where in the file, when the warning is about one place (1-based). */
  line?: number;
  col?: number;
  message: string;
  /** The ids the warning is about (e.g. the bodies with placeholder contacts). */
  ids?: string[];
}

/** `file:line:col: path: message`, leaving out what is unknown. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

export function formatWarning(warning: ConfigWarning): string {
  const where = warning.line ? `${warning.file}:${warning.line}:${warning.col ?? 1}` : warning.file;
  return `${where}: ${warning.message}`;
}

/** Thrown by the loader with every error of every file. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const count = `${issues.length} error${issues.length === 1 ? '' : 's'}`;
    super(`invalid configuration (${count}):\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** `obligations[3].due.day` from `['obligations', 3, 'due', 'day']`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Lists at most `max` items, then says how many more there are. */
export function abbreviate(items: readonly string[], max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
