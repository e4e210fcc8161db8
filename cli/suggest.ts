/**
 * "Did you mean …": an id the plan does not have is refused naming the closest one it has,
 * in every command that takes a unit or an obligation.
 */
import type { PlanIndex } from '../domain/occurrences';
import { slugVi } from '../vocabulary';
import { CliError } from './output';

/** Levenshtein distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** How far `wanted` is from `name` (both slugs): 0 when equal, under 1 when one contains the other. */
function nameDistance(wanted: string, name: string): number {
  if (wanted === name) return 0;
  const [shorter, longer] = wanted.length <= name.length ? [wanted, name] : [name, wanted];
  if (shorter.length >= 3 && longer.includes(shorter)) return 0.5 + (longer.length - shorter.length) / 1000;
  return editDistance(wanted, name);
}

/**
 * The known id closest to `value`, comparing without case or diacritics against each id
 * and its other names (a unit's Vietnamese name, say): an exact match, then a name that
 * contains the value or is contained in it (`luc-ngan` → `huyện Lục Ngạn` → `huyen`), then
 * the fewest edits; the first one on a tie.
 */
export function closestId(value: string, known: ReadonlyArray<{ id: string; names?: readonly string[] }>): string | undefined {
  const wanted = slugVi(value);
  let best: { id: string; distance: number } | undefined;
  for (const candidate of known) {
    for (const name of [candidate.id, ...(candidate.names ?? [])]) {
      const distance = nameDistance(wanted, slugVi(name));
      if (!best || distance < best.distance) best = { id: candidate.id, distance };
    }
  }
  return best?.id;
}

export type IdKind = 'unit' | 'obligation';

const WORDS: Record<IdKind, string> = { unit: 'đơn vị', obligation: 'nhiệm vụ' };

function candidates(index: PlanIndex, kind: IdKind): Array<{ id: string; names: string[] }> {
  return kind === 'unit'
    ? [...index.units.values()].map((u) => ({ id: u.id, names: [u.name] }))
    : [...index.obligations.values()].map((o) => ({ id: o.id, names: [o.title] }));
}

/**
 * What is wrong with an id given for `option` (`--unit`, or undefined for an argument):
 * `không có đơn vị "bien-sn" (--unit); có phải "bien-son"?`; undefined when the plan has it.
 */
export function unknownIdProblem(index: PlanIndex, kind: IdKind, value: string, option?: string): string | undefined {
  if (kind === 'unit' ? index.units.has(value) : index.obligations.has(value)) return undefined;
  const suggestion = closestId(value, candidates(index, kind));
  const hint = suggestion ? `; có phải ${JSON.stringify(suggestion)}?` : '';
  return `không có ${WORDS[kind]} ${JSON.stringify(value)}${option ? ` (${option})` : ''}${hint}`;
}

/** Refuses (CliError, exit 2) the first of these ids the plan does not have, naming the closest it has. */
export function requireKnown(index: PlanIndex, ...ids: Array<{ kind: IdKind; value: string | undefined; option?: string }>): void {
  for (const { kind, value, option } of ids) {
    const problem = value === undefined ? undefined : unknownIdProblem(index, kind, value, option);
    if (problem) throw new CliError(problem);
  }
}
