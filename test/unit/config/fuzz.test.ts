/**
 * The loader never crashes: whatever the three files contain, it returns a configuration
 * or throws a ConfigError whose every issue has a place and a message. Inputs: random
 * text, random YAML values, and mutations (textual and structural) of the shipped and
 * the small configurations.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../../../config/errors';
import { DEFAULT_PATHS, loadConfigFromSources, type ConfigKind, type ConfigSources } from '../../../config/load';
import { miniSources } from './helpers';

const KINDS: ConfigKind[] = ['directory', 'plan', 'calendar'];
const shipped: ConfigSources = {
  directory: { file: 'directory.yaml', text: readFileSync(DEFAULT_PATHS.directory, 'utf8') },
  plan: { file: 'plan.yaml', text: readFileSync(DEFAULT_PATHS.plan, 'utf8') },
  calendar: { file: 'calendar.yaml', text: readFileSync(DEFAULT_PATHS.calendar, 'utf8') },
};
const mini = miniSources();

/** Loads with one file replaced; fails the property on anything but success or a well-formed ConfigError. */
function survives(base: ConfigSources, kind: ConfigKind, text: string): void {
  const sources = { ...base, [kind]: { file: `fuzz-${kind}.yaml`, text } };
  try {
    loadConfigFromSources(sources);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    expect(err.issues.length).toBeGreaterThan(0);
    for (const issue of err.issues) {
      expect(issue.message.length).toBeGreaterThan(0);
      expect(issue.message).not.toMatch(/internal error/);
      expect(Number.isInteger(issue.line) && issue.line >= 0).toBe(true);
      expect(Number.isInteger(issue.col) && issue.col >= 0).toBe(true);
      const lines = (issue.file === `fuzz-${kind}.yaml` ? text : sources[kind].text).split('\n').length;
      if (issue.file === `fuzz-${kind}.yaml`) expect(issue.line).toBeLessThanOrEqual(lines + 1);
    }
  }
}

const kind = fc.constantFrom(...KINDS);
// Mostly the small configuration (fast), sometimes the shipped one (large, real).
const base = fc.oneof({ arbitrary: fc.constant(mini), weight: 3 }, { arbitrary: fc.constant(shipped), weight: 1 });
const YAML_CHARS = [':', '-', ' ', '\t', '\n', '[', ']', '{', '}', '"', "'", '#', '&', '*', '!', '|', '>', '?', ',', '%', '@', '`', 'x', '1', 'đ'];

/** A textual mutation: delete, duplicate or swap lines, or put a YAML-significant character somewhere. */
const textMutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('char' as const), at: fc.nat(), char: fc.constantFrom(...YAML_CHARS) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);
type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateText(text: string, mutation: TextMutation): string {
  const lines = text.split('\n');
  const i = mutation.at % Math.max(lines.length, 1);
  switch (mutation.op) {
    case 'delete':
      lines.splice(i, 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    case 'swap': {
      const j = mutation.with % Math.max(lines.length, 1);
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      return lines.join('\n');
    }
    case 'char': {
      const at = mutation.at % Math.max(text.length, 1);
      return text.slice(0, at) + mutation.char + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, mutation.at % Math.max(text.length, 1));
  }
}

/** A structural mutation: at a random place in the data, delete the value or replace it. */
function mutateData(data: unknown, steps: number[], replacement: unknown, remove: boolean): unknown {
  if (data === null || typeof data !== 'object' || steps.length === 0) return remove ? undefined : replacement;
  const [step, ...rest] = steps as [number, ...number[]];
  if (Array.isArray(data)) {
    if (data.length === 0) return replacement;
    const copy = [...data];
    const i = step % copy.length;
    const inner = mutateData(copy[i], rest, replacement, remove);
    if (inner === undefined) copy.splice(i, 1);
    else copy[i] = inner;
    return copy;
  }
  const keys = Object.keys(data);
  if (keys.length === 0) return replacement;
  const key = keys[step % keys.length] as string;
  const copy: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  const inner = mutateData(copy[key], rest, replacement, remove);
  if (inner === undefined) delete copy[key];
  else copy[key] = inner;
  return copy;
}

const value = fc.oneof(
  fc.string(),
  fc.integer({ min: -5, max: 40 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('2021-02-30', '2021-12-31', '25:00', '08:00', 'ban-dan-van', 'Bad Id', 'all', 'commune', 'x@y', '{unit}', 'owner'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);

describe('the loader never crashes', () => {
  it('on random text', () => {
    fc.assert(fc.property(base, kind, fc.string({ maxLength: 400, unit: 'binary' }), (b, k, text) => survives(b, k, text)), { numRuns: 150 });
  });

  it('on random YAML values', () => {
    fc.assert(fc.property(kind, fc.anything({ maxDepth: 4 }), (k, anything) => survives(mini, k, stringify(anything) ?? '')), { numRuns: 300 });
  });

  it('on textual mutations of valid files', () => {
    fc.assert(
      fc.property(base, kind, fc.array(textMutation, { minLength: 1, maxLength: 3 }), (b, k, mutations) =>
        survives(b, k, mutations.reduce(mutateText, b[k].text))),
      { numRuns: 150 },
    );
  });

  it('on structural mutations of valid files', () => {
    fc.assert(
      fc.property(base, kind, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), value, fc.boolean(), (b, k, steps, replacement, remove) => {
        const data = mutateData(parse(b[k].text), steps, replacement, remove);
        survives(b, k, data === undefined ? '' : stringify(data));
      }),
      { numRuns: 200 },
    );
  });

  it('on hostile YAML: aliases, tags, merge keys, huge numbers, duplicate documents', () => {
    const hostile = [
      'a: &a [*a]\n',
      'a: &x [1, 2]\nb: [*x, *x, *x]\nunits: *x\n',
      'units: !!binary aGVsbG8=\n',
      'units: !custom 1\n',
      '<<: { units: [] }\n',
      'units: [{ id: 1e400 }]\n',
      '---\nunits: []\n---\nunits: []\n',
      '__proto__: { polluted: true }\nunits: []\n',
      'constructor: 1\nobligations: []\n',
      '? - a\n: b\n',
      'years: [{ year: .nan }]\n',
      '\uFEFFunits: []\n',
      'units:\n  - *undefinedAlias\n',
    ];
    for (const text of hostile) for (const k of KINDS) survives(mini, k, text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
