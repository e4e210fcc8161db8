/**
 * How a draft compares with a reference plan (one written by hand for the same document):
 * which of the reference's obligations the draft found — the same clause, by the words
 * they quote — and whether it found them with the same kind, recurrences and owner kinds.
 */
import type { BodySelector, Directory, Plan } from '../domain/model';
import type { Duty } from './duties';
import { fold, squeeze } from './text';

export interface RecallMatch {
  /** The reference obligation. */
  id: string;
  /** The draft obligation that quotes the same clause. */
  draft: string;
  kind: boolean;
  recurrence: boolean;
  ownerKinds: boolean;
  /** What differs, in words: `kind document ≠ report`. */
  differences: string[];
}

export interface Recall {
  reference: string;
  total: number;
  found: number;
  /** found ÷ total. */
  recall: number;
  /** Found with the same kind, recurrences and owner kinds. */
  exact: number;
  matches: RecallMatch[];
  missing: string[];
  /** Draft obligations that match no reference obligation. */
  extra: string[];
}

/** Word trigrams of a text without case, diacritics or punctuation ("chính trị- xã hội" = "chính trị - xã hội"). */
function trigrams(text: string): Set<string> {
  const tokens = fold(squeeze(text)).split(/[^a-z0-9]+/).filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i += 1) out.add(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  if (tokens.length > 0 && tokens.length < 3) out.add(tokens.join(' '));
  return out;
}

/** How much two quotes overlap: shared trigrams over the smaller quote's, 0–1. */
export function overlap(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared += 1;
  return shared / Math.min(x.size, y.size);
}

/** The body kinds a selector picks in a directory. */
export function kindsOfSelector(selector: BodySelector, directory: Directory): string[] {
  if ('anyOf' in selector) return [...new Set(selector.anyOf.flatMap((s) => kindsOfSelector(s, directory)))];
  if ('body' in selector) {
    const body = directory.bodies.find((b) => b.id === selector.body);
    return body ? [body.kind] : [];
  }
  return [...selector.kinds];
}

function same(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Compares a draft's duties with a reference plan's obligations. */
export function recallAgainst(reference: Plan, referenceFile: string, duties: readonly Duty[], directory: Directory): Recall {
  const pairs: Array<{ ref: number; duty: number; score: number }> = [];
  reference.obligations.forEach((o, i) =>
    duties.forEach((d, j) => {
      const score = overlap(o.clause.text, d.quote);
      if (score >= 0.5) pairs.push({ ref: i, duty: j, score });
    }),
  );
  // Each obligation and each duty in at most one pair, the closest first.
  pairs.sort((a, b) => b.score - a.score);
  const takenRef = new Set<number>();
  const takenDuty = new Set<number>();
  const matches: RecallMatch[] = [];
  for (const pair of pairs) {
    if (takenRef.has(pair.ref) || takenDuty.has(pair.duty)) continue;
    takenRef.add(pair.ref);
    takenDuty.add(pair.duty);
    const o = reference.obligations[pair.ref]!;
    const d = duties[pair.duty]!;
    const recurrences = (list: ReadonlyArray<{ recurrence: string }>) => [...new Set(list.map((s) => s.recurrence))];
    const refKinds = kindsOfSelector(o.owner, directory);
    const differences: string[] = [];
    if (o.kind !== d.kind) differences.push(`kind ${d.kind} ≠ ${o.kind}`);
    if (!same(recurrences(o.schedules), recurrences(d.schedules))) differences.push(`recurrence ${recurrences(d.schedules).join('+')} ≠ ${recurrences(o.schedules).join('+')}`);
    if (!same(refKinds, d.ownerKinds)) differences.push(`owner kinds ${d.ownerKinds.join(',')} ≠ ${refKinds.join(',')}`);
    matches.push({
      id: o.id,
      draft: d.id,
      kind: o.kind === d.kind,
      recurrence: same(recurrences(o.schedules), recurrences(d.schedules)),
      ownerKinds: same(refKinds, d.ownerKinds),
      differences,
    });
  }
  const order = new Map(reference.obligations.map((o, i) => [o.id, i]));
  matches.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const total = reference.obligations.length;
  return {
    reference: referenceFile,
    total,
    found: matches.length,
    recall: total === 0 ? 1 : matches.length / total,
    exact: matches.filter((m) => m.differences.length === 0).length,
    matches,
    missing: reference.obligations.filter((_, i) => !takenRef.has(i)).map((o) => o.id),
    extra: duties.filter((_, j) => !takenDuty.has(j)).map((d) => d.id),
  };
}
