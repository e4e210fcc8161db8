/**
 * Actors in a plan's sentences: where a body, a group of bodies or a Party committee is
 * named ("chủ tịch UBND các cấp", "Ủy ban MTTQ, các tổ chức chính trị - xã hội huyện",
 * "đảng ủy các xã, thị trấn"), at which level, and which bodies of the directory that means.
 *
 * Rules:
 * - the longest term at a place wins ("Ban Thường vụ Tỉnh ủy" is the province, not "Ban
 *   Thường vụ" of the district);
 * - a level word right after a term is its level; in a list ("HĐND, UBND huyện") a term
 *   without one takes the level of the next term, up to a ";";
 * - a term means the directory's body kinds whose body names contain its name fragments; a
 *   named office ("Ban Dân vận Huyện ủy") the bodies whose names contain its own words;
 * - where the kinds at a level are the bodies of one unit (the district), bodies are named
 *   by id, as a person would write them; otherwise by kind and level.
 */
import type { Body, Directory, UnitLevel } from '../domain/model';
import { fold, squeeze, words } from './text';
import { ACTOR_TERMS, PARTY_COMMITTEE, ROLE_PREFIXES, type ActorTerm, type LevelWord } from './vocabulary';

export interface Mention {
  term: ActorTerm;
  /** The term's words (without role or level), as written. */
  text: string;
  /** Offsets in the analysed text: the role ("chủ tịch") from `roleStart`, the term from `start`, its level word up to `end`. */
  roleStart: number;
  start: number;
  end: number;
  level?: LevelWord;
  /** The level was taken from the next term of a list, not written after this one. */
  levelFromList?: boolean;
}

/** Mentions next to each other ("Ủy ban MTTQ, các tổ chức … huyện; đảng ủy các xã"): one actor. */
export interface ActorRun {
  mentions: Mention[];
  start: number;
  end: number;
}

const TERM_PATTERNS = ACTOR_TERMS.flatMap((term) => term.phrases.map((phrase) => ({ term, re: words(phrase, 'gu') })));
const ROLE_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(?:${ROLE_PREFIXES.join('|')})\\s+$`, 'u');

/** A level word as it may follow a body, and the level it means. */
export interface LevelPattern {
  level: LevelWord;
  /** Matches at the start of the folded text after the body. */
  re: RegExp;
}

/**
 * The words after a body that say at which level, read from the directory (no level is known
 * here by name): its `levelWords` for every level ("các cấp") and the level at hand ("cùng
 * cấp"); for each level, its name with or without "cấp" ("cấp huyện", "huyện"), and its units
 * named one by one or together, with or without "các" ("xã", "thị trấn", "các xã, thị
 * trấn"); the grassroots level also by its word ("cấp cơ sở", "cơ sở").
 */
export function levelWordsOf(directory: Pick<Directory, 'levels' | 'levelWords'>): LevelPattern[] {
  const folded = (s: string) => fold(squeeze(s)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const sources: Array<{ level: LevelWord; source: string }> = [
    { level: 'all', source: folded(directory.levelWords.all) },
    { level: 'same', source: folded(directory.levelWords.same) },
  ];
  for (const level of directory.levels) {
    const one = `(?:${unique([level.name, ...(level.units ?? level.name).split(',')].map(folded).filter(Boolean)).join('|')})`;
    sources.push({ level: level.id, source: `(?:cap\\s+)?${folded(level.name)}` });
    sources.push({ level: level.id, source: `(?:cac\\s+)?${one}(?:\\s*,\\s*${one})*` });
    if (level.grassroots) sources.push({ level: level.id, source: `(?:cap\\s+)?${folded(directory.levelWords.grassroots)}` });
  }
  return sources.map(({ level, source }) => ({ level, re: new RegExp(`^\\s*${source}(?![\\p{L}\\p{N}])`, 'u') }));
}

/** The longest level word at the start of `after` (folded), if any. */
function levelAt(after: string, levels: readonly LevelPattern[]): { level: LevelWord; length: number } | undefined {
  let best: { level: LevelWord; length: number } | undefined;
  for (const { level, re } of levels) {
    const m = re.exec(after);
    if (m && (!best || m[0].length > best.length)) best = { level, length: m[0].length };
  }
  return best;
}

/** Every actor term in `text`, in order, with its level (the directory's level words: levelWordsOf). */
export function findMentions(text: string, levels: readonly LevelPattern[]): Mention[] {
  const f = fold(text);
  const found: Array<{ term: ActorTerm; start: number; end: number }> = [];
  for (const { term, re } of TERM_PATTERNS) {
    for (const m of f.matchAll(re)) found.push({ term, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const mentions: Mention[] = [];
  let last = -1;
  for (const hit of found) {
    if (hit.start < last) continue;
    const level = levelAt(f.slice(hit.end), levels);
    const end = level ? hit.end + level.length : hit.end;
    const role = ROLE_PATTERN.exec(f.slice(Math.max(0, hit.start - 30), hit.start));
    mentions.push({
      term: hit.term,
      text: text.slice(hit.start, hit.end),
      roleStart: role ? hit.start - role[0].length : hit.start,
      start: hit.start,
      end,
      ...(level ? { level: level.level } : {}),
    });
    last = end;
  }
  // In a list, a term without a level takes the next one's ("HĐND, UBND huyện").
  for (let i = mentions.length - 2; i >= 0; i -= 1) {
    const here = mentions[i]!;
    const next = mentions[i + 1]!;
    const between = f.slice(here.end, next.roleStart);
    if (here.level === undefined && next.level !== undefined && /^\s*(?:,|va)\s*$/.test(between)) {
      here.level = next.level;
      here.levelFromList = true;
    }
  }
  return mentions;
}

/** Mentions joined by ",", "và" or ";" into runs. */
export function actorRuns(text: string, mentions: readonly Mention[]): ActorRun[] {
  const f = fold(text);
  const runs: ActorRun[] = [];
  for (const mention of mentions) {
    const run = runs[runs.length - 1];
    if (run && /^\s*(?:,|;|va)\s*$/.test(f.slice(run.end, mention.roleStart))) {
      run.mentions.push(mention);
      run.end = mention.end;
    } else {
      runs.push({ mentions: [mention], start: mention.roleStart, end: mention.end });
    }
  }
  return runs;
}

export type Role = 'acting' | 'collective';

/** A selector as the plan file writes it: a body id, or kinds at a level. */
export type DraftSelector = { body: string } | { kinds: string[]; level: UnitLevel | 'all' };

export interface Resolved {
  selectors: DraftSelector[];
  /** Body kinds, in the order the text names them. */
  kinds: string[];
  /** Terms that name no body of the directory, as written. */
  unknown: string[];
}

/** Resolves actor terms against one directory. */
export class ActorResolver {
  private readonly names: Array<{ body: Body; name: string; level: UnitLevel | undefined }>;
  private readonly byKey = new Map(ACTOR_TERMS.map((t) => [t.key, t]));
  private readonly levelWords: LevelPattern[];

  constructor(readonly directory: Directory) {
    const levelOf = new Map(directory.units.map((u) => [u.id, u.level]));
    this.names = directory.bodies.map((body) => ({ body, name: fold(body.name), level: levelOf.get(body.unit) }));
    this.levelWords = levelWordsOf(directory);
  }

  /** Every actor term in `text`, with the level words of this directory. */
  mentions(text: string): Mention[] {
    return findMentions(text, this.levelWords);
  }

  /** The top level of the directory (the district), whose bodies are named by id. */
  get topLevel(): UnitLevel | undefined {
    return this.directory.levels[0]?.id;
  }

  /** The level the plan calls "cơ sở" (the communes): where duties at residential areas go. */
  get grassrootsLevel(): UnitLevel | undefined {
    return (this.directory.levels.find((l) => l.grassroots) ?? this.directory.levels.at(-1))?.id;
  }

  /** The body kinds a term means, in the directory's order of first appearance. */
  kindsOf(mention: Pick<Mention, 'term' | 'text'>, role: Role): string[] {
    const term = mention.term;
    if (term.external) return [];
    if (term.members) return unique(term.members.flatMap((key) => this.kindsOf({ term: this.byKey.get(key)!, text: '' }, role)));
    const fragments = term.partyCommittee ? PARTY_COMMITTEE[role] : term.names ?? [fold(squeeze(mention.text)).replace(/^cac\s+/, '')];
    return unique(this.names.filter((n) => fragments.some((fragment) => n.name.includes(fragment))).map((n) => n.body.kind));
  }

  /** Bodies of these kinds at a level. */
  bodiesOf(kinds: readonly string[], level: UnitLevel | 'all'): Body[] {
    return this.names.filter((n) => kinds.includes(n.body.kind) && (level === 'all' || n.level === level)).map((n) => n.body);
  }

  /** Whether any unit of the directory is at this level. */
  hasLevel(level: UnitLevel): boolean {
    return this.names.some((n) => n.level === level);
  }

  /**
   * The selectors for mentions, each at its level (`same` and unwritten levels take
   * `defaultLevel`). Kinds at one level are written together; where they are the bodies of
   * one unit, by body id.
   */
  resolve(mentions: readonly Mention[], role: Role, defaultLevel: UnitLevel | 'all'): Resolved {
    const byLevel = new Map<UnitLevel | 'all', string[]>();
    const unknown: string[] = [];
    const kinds: string[] = [];
    for (const mention of mentions) {
      if (mention.term.external) continue;
      let level = mention.level === undefined || mention.level === 'same' ? defaultLevel : mention.level;
      let found = this.kindsOf(mention, role).filter((k) => this.bodiesOf([k], level).length > 0);
      // A body named without a level that exists at another one: the district's Ban Tuyên giáo
      // receiving a commune's report.
      if (found.length === 0 && mention.level === undefined && level !== 'all') {
        level = 'all';
        found = this.kindsOf(mention, role).filter((k) => this.bodiesOf([k], level).length > 0);
      }
      if (found.length === 0) {
        unknown.push(squeeze(mention.text));
        continue;
      }
      byLevel.set(level, unique([...(byLevel.get(level) ?? []), ...found]));
      kinds.push(...found);
    }
    const selectors: DraftSelector[] = [];
    for (const [level, levelKinds] of byLevel) {
      const bodies = this.bodiesOf(levelKinds, level);
      const units = new Set(bodies.map((b) => b.unit));
      if (units.size === 1) {
        // In the order the text names the kinds.
        for (const kind of levelKinds) for (const body of bodies.filter((b) => b.kind === kind)) selectors.push({ body: body.id });
      } else {
        selectors.push({ kinds: levelKinds, level });
      }
    }
    return { selectors, kinds: unique(kinds), unknown };
  }

  /** The one body a name means ("Ban Thường vụ Huyện ủy", "BAN DÂN VẬN"), or undefined. */
  bodyNamed(phrase: string): Body | undefined {
    const mentions = this.mentions(phrase).filter((m) => !m.term.external);
    for (const mention of mentions) {
      const kinds = this.kindsOf(mention, 'collective');
      const level = mention.level === undefined || mention.level === 'same' ? 'all' : mention.level;
      const bodies = this.bodiesOf(kinds, level);
      if (bodies.length === 1) return bodies[0];
      const top = this.topLevel === undefined ? [] : this.bodiesOf(kinds, this.topLevel);
      if (top.length === 1) return top[0];
    }
    return undefined;
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
