/**
 * Turns zod's issues into problems an administrator can act on: "expected X, found Y"
 * messages, one problem per unknown key (with a "did you mean"), and for a union the
 * problems of the alternative the value was evidently meant to be.
 */
import type { z } from 'zod';
import { show } from './schema/common';
import type { Path, PathSegment, Problem } from './errors';

export interface LocatedProblem extends Problem {
  /** Point at the key rather than its value (unknown keys, record keys). */
  atKey?: boolean;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  null: 'an empty value',
};

/** Edit distance counting a swap of two neighbouring letters as one edit; case-insensitive. */
function distance(x: string, y: string): number {
  const a = x.toLowerCase();
  const b = y.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

function unknownKey(key: string, allowed: string[]): string {
  const near = allowed.filter((a) => distance(key, a) <= Math.max(1, Math.floor(a.length / 4))).sort((x, y) => distance(key, x) - distance(key, y));
  const hint = near[0] !== undefined ? `did you mean "${near[0]}"? ` : '';
  return `unknown key "${key}"; ${hint}allowed keys: ${allowed.join(', ')}`;
}

function bound(origin: string | undefined, op: string, limit: unknown, input: unknown): string {
  if (origin === 'array' || origin === 'set') {
    const n = Array.isArray(input) ? input.length : undefined;
    const what = op === '>=' ? `at least ${limit}` : `at most ${limit}`;
    return `expected ${what} item${limit === 1 ? '' : 's'}${n === undefined ? '' : `, found ${n}`}`;
  }
  if (origin === 'string') return op === '>=' ? `expected at least ${limit} characters, found ${show(input)}` : `expected at most ${limit} characters`;
  return `expected a number ${op} ${limit}, found ${show(input)}`;
}

/**
 * The error map passed to `safeParse`: messages for the issues no schema describes itself.
 * Schemas with their own `error` (ids, dates, unions, ...) take precedence.
 */
export function errorMap(issue: z.core.$ZodRawIssue): string | undefined {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? 'missing required key' : `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, found ${show(input)}`;
    case 'too_small':
      return bound(issue.origin, issue.inclusive === false ? '>' : '>=', issue.minimum, input);
    case 'too_big':
      return bound(issue.origin, issue.inclusive === false ? '<' : '<=', issue.maximum, input);
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      return `expected ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}, found ${show(input)}`;
    }
    case 'unrecognized_keys': {
      const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
      const allowed = shape ? Object.keys(shape) : [];
      return issue.keys.map((key) => unknownKey(key, allowed)).join('\n');
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (disc && options) {
        const found = input && typeof input === 'object' ? (input as Record<string, unknown>)[disc] : input;
        return `expected ${disc} to be one of ${options.map((o) => String(o)).join(', ')}, found ${show(found)}`;
      }
      return input === undefined ? 'missing required key' : `found ${show(input)}, which matches none of the accepted forms`;
    }
    case 'invalid_format':
      return `expected ${issue.format}, found ${show(input)}`;
    default:
      return undefined;
  }
}

type Issue = z.core.$ZodIssue;

function isMissing(issue: Issue): boolean {
  return (issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined;
}

/** Whether an issue says the value is not even of the expected type (a text where a mapping belongs). */
function wrongType(issue: Issue): boolean {
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') return true;
  // An enum or literal given a mapping or a list.
  return issue.code === 'invalid_value' && typeof issue.input === 'object' && issue.input !== null;
}

/** How badly a union alternative fits: Infinity when the value is not even of its type. */
function misfit(problems: LocatedProblem[], unionPath: Path, wrongTypes: Set<LocatedProblem>): number {
  let score = 0;
  for (const p of problems) {
    if (p.path.length === unionPath.length && !p.atKey && wrongTypes.has(p)) return Infinity;
    score += 1;
  }
  return score;
}

function flatten(issue: Issue, prefix: Path, wrongTypes: Set<LocatedProblem>): LocatedProblem[] {
  const path: PathSegment[] = [...prefix, ...(issue.path as PathSegment[])];
  const keep = (p: LocatedProblem): LocatedProblem[] => {
    if (wrongType(issue)) wrongTypes.add(p);
    return [p];
  };
  if (isMissing(issue)) {
    const key = path[path.length - 1];
    return keep({ path, message: typeof key === 'string' ? `missing required key "${key}"` : 'missing value' });
  }
  if (issue.code === 'unrecognized_keys') {
    const lines = issue.message.split('\n');
    return issue.keys.flatMap((key, i) => keep({ path: [...path, key], message: lines[i] ?? `unknown key "${key}"`, atKey: true }));
  }
  if (issue.code === 'invalid_key') {
    return issue.issues.flatMap((inner) => flatten(inner as Issue, path, wrongTypes)).map((p) => Object.assign(p, { atKey: true }));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: LocatedProblem[] | undefined;
    let bestScore = Infinity;
    for (const branch of issue.errors) {
      const problems = branch.flatMap((inner) => flatten(inner as Issue, path, wrongTypes));
      const score = misfit(problems, path, wrongTypes);
      if (score < bestScore) {
        best = problems;
        bestScore = score;
      }
    }
    if (best) return best;
  }
  return keep({ path, message: issue.message });
}

/** Every problem of a failed parse, in the order zod found them. */
export function problemsOf(error: z.ZodError): LocatedProblem[] {
  const wrongTypes = new Set<LocatedProblem>();
  return error.issues.flatMap((issue) => flatten(issue, [], wrongTypes));
}
