/**
 * Expands the directory file into the model's bodies: every body kind creates one body
 * per unit of its levels (`{kind}-{unit}`), explicit entries replace or add bodies, and
 * bodies without contacts get a placeholder address. Records where each body and each
 * supervisor came from, so that later checks can point at the right line.
 */
import type { Body, Contact, Directory, Unit, UnitLevel } from '../domain/model';
import type { Path, Problem } from './errors';
import { isPlaceholderEmail, placeholderAddress } from './placeholders';
import type { BodyEntry, BodyKindEntry, DirectoryFile } from './schema/directory';

export interface BodyOrigin {
  /** `['bodies', 3]` for an explicit entry, `['bodyKinds', 1]` for a generated body. */
  path: Path;
  /** Where each supervisor of the body was written, parallel to `body.supervisors`. */
  supervisorPaths: Path[];
  /** The supervisors as written, before `{unit}` was replaced. */
  supervisorTemplates: string[];
}

export interface Expansion {
  directory: Directory;
  /** Parallel to `directory.bodies`. */
  origins: BodyOrigin[];
  /** Ids of explicit entries left out because of their own problems (not "unknown" elsewhere). */
  dropped: string[];
  problems: Problem[];
}

type PerLevel<T> = T | Record<string, T>;

function forLevel<T>(value: PerLevel<T> | undefined, level: UnitLevel, isPlain: (v: PerLevel<T>) => v is T): T | undefined {
  if (value === undefined) return undefined;
  return isPlain(value) ? value : value[level];
}

const isName = (v: PerLevel<string>): v is string => typeof v === 'string';
const isList = (v: PerLevel<string[]>): v is string[] => Array.isArray(v);

/** The validity of a body: its own range clipped to its unit's. */
function clip(entry: BodyEntry | undefined, unit: Unit): { validFrom: string; validTo?: string } {
  const from = entry?.validFrom !== undefined && entry.validFrom > unit.validFrom ? entry.validFrom : unit.validFrom;
  const tos = [entry?.validTo, unit.validTo].filter((d): d is string => d !== undefined).sort();
  return tos[0] === undefined ? { validFrom: from } : { validFrom: from, validTo: tos[0] };
}

export function expandDirectory(file: DirectoryFile): Expansion {
  const problems: Problem[] = [];
  const units = new Map<string, Unit>();
  for (const unit of file.units) if (!units.has(unit.id)) units.set(unit.id, unit);

  // Which explicit entry replaces the body a kind would create in a unit.
  const byKindUnit = new Map<string, number>();
  const byId = new Map<string, number>();
  file.bodies.forEach((entry, j) => {
    if (!byId.has(entry.id)) byId.set(entry.id, j);
    if (entry.kind === undefined || entry.unit === undefined) return;
    const key = `${entry.kind}|${entry.unit}`;
    const first = byKindUnit.get(key);
    if (first === undefined) byKindUnit.set(key, j);
    else problems.push({ path: ['bodies', j], message: `bodies[${first}] already describes the ${entry.kind} body of unit "${entry.unit}"` });
  });

  const overrideFor = (kind: string, unit: string): number | undefined => {
    const j = byKindUnit.get(`${kind}|${unit}`) ?? byId.get(`${kind}-${unit}`);
    if (j === undefined) return undefined;
    const entry = file.bodies[j];
    return entry && (entry.kind ?? kind) === kind && (entry.unit ?? unit) === unit ? j : undefined;
  };

  const supervisorsOf = (unit: Unit, choices: Array<[string[] | undefined, Path]>) => {
    for (const [list, path] of choices) {
      if (list === undefined) continue;
      return {
        supervisors: list.map((s) => s.replaceAll('{unit}', unit.id)),
        supervisorPaths: list.map((_, i) => [...path, i]),
        supervisorTemplates: [...list],
      };
    }
    return { supervisors: [], supervisorPaths: [], supervisorTemplates: [] };
  };

  const contactsOf = (entry: BodyEntry | undefined, body: { id: string; kind: string; unit: string; name: string }): Contact[] => {
    if (entry?.contacts !== undefined) {
      return entry.contacts.map((c) => ({ name: c.name, role: c.role, email: c.email, placeholder: c.placeholder ?? isPlaceholderEmail(c.email) }));
    }
    const address = placeholderAddress(file.placeholderContact.email, body);
    return [{ name: body.name, role: file.placeholderContact.role, email: address, placeholder: true }];
  };

  const build = (
    entry: BodyEntry | undefined,
    entryPath: Path | undefined,
    unit: Unit,
    generated: { kind: BodyKindEntry; index: number } | undefined,
  ): { body: Body; origin: BodyOrigin } | undefined => {
    const kind = generated?.kind.kind ?? entry?.kind;
    let name = entry?.name;
    if (name === undefined && generated) {
      name = forLevel(generated.kind.name, unit.level, isName);
      if (name === undefined) {
        const problem = { path: ['bodyKinds', generated.index, 'name'], message: `no name pattern for level ${unit.level}, which this kind lists in levels` };
        // Once per kind and level, not once per unit.
        if (!problems.some((p) => p.path.join() === problem.path.join() && p.message === problem.message)) problems.push(problem);
        return undefined;
      }
    }
    if (kind === undefined || name === undefined) return undefined;
    const id = entry?.id ?? `${kind}-${unit.id}`;
    const level = unit.level;
    const kindSupervisors = generated?.kind.supervisors;
    const kindPath: Path = ['bodyKinds', generated?.index ?? 0, 'supervisors'];
    const chain = supervisorsOf(unit, [
      [entry?.supervisors, [...(entryPath ?? []), 'supervisors']],
      [forLevel(kindSupervisors, level, isList), kindSupervisors && !isList(kindSupervisors) ? [...kindPath, level] : kindPath],
      [file.defaultSupervisors[level], ['defaultSupervisors', level]],
    ]);
    const resolvedName = name.replaceAll('{unit}', unit.name);
    const body: Body = {
      id,
      name: resolvedName,
      kind,
      unit: unit.id,
      contacts: contactsOf(entry, { id, kind, unit: unit.id, name: resolvedName }),
      supervisors: chain.supervisors,
      ...clip(entry, unit),
    };
    const partyRole = entry?.partyRole ?? generated?.kind.partyRole;
    if (partyRole !== undefined) body.partyRole = partyRole;
    const mass = entry?.mass ?? generated?.kind.mass;
    if (mass !== undefined) body.mass = mass;
    const digest = entry?.digest ?? generated?.kind.digest;
    if (digest !== undefined) body.digest = digest;
    if (entry?.office !== undefined) body.office = entry.office;
    if (body.validTo !== undefined && body.validFrom !== undefined && body.validTo < body.validFrom) {
      problems.push({
        path: entryPath ?? ['bodyKinds', generated?.index ?? 0],
        message: `body "${id}" is never valid: its dates do not overlap those of unit "${unit.id}" (${unit.validFrom} to ${unit.validTo ?? 'open'})`,
      });
    }
    const origin: BodyOrigin = { path: entryPath ?? ['bodyKinds', generated?.index ?? 0], ...chain };
    return { body, origin };
  };

  // Pass 1: the bodies the kinds create, and which explicit entries replace them.
  const used = new Set<number>();
  const generatedByUnit = new Map<string, Array<{ kind: BodyKindEntry; index: number; override?: number }>>();
  for (const unit of units.values()) {
    const slots: Array<{ kind: BodyKindEntry; index: number; override?: number }> = [];
    file.bodyKinds.forEach((kind, index) => {
      // A repeated kind is reported by checkDirectory; creating its bodies twice would only add noise.
      if (!kind.levels.includes(unit.level) || file.bodyKinds.findIndex((k) => k.kind === kind.kind) !== index) return;
      const override = overrideFor(kind.kind, unit.id);
      if (override !== undefined) used.add(override);
      slots.push(override === undefined ? { kind, index } : { kind, index, override });
    });
    generatedByUnit.set(unit.id, slots);
  }

  // Explicit entries that replace nothing must say everything about their body.
  const standalone = new Map<string, number[]>();
  const dropped: string[] = [];
  file.bodies.forEach((entry, j) => {
    if (used.has(j)) return;
    const missing = (['kind', 'unit', 'name'] as const).filter((k) => entry[k] === undefined);
    if (missing.length > 0) {
      problems.push({
        path: ['bodies', j],
        message: `body "${entry.id}" is not created by any bodyKinds entry, so it needs ${missing.join(', ')}`,
      });
      dropped.push(entry.id);
      return;
    }
    if (!units.has(entry.unit as string)) {
      problems.push({ path: ['bodies', j, 'unit'], message: `unknown unit "${entry.unit}": no unit in units has this id` });
      dropped.push(entry.id);
      return;
    }
    const list = standalone.get(entry.unit as string) ?? [];
    list.push(j);
    standalone.set(entry.unit as string, list);
  });

  // Pass 2: per unit, its explicit bodies first, then the generated ones in kind order.
  const bodies: Body[] = [];
  const origins: BodyOrigin[] = [];
  const add = (built: { body: Body; origin: BodyOrigin } | undefined) => {
    if (!built) return;
    bodies.push(built.body);
    origins.push(built.origin);
  };
  for (const unit of units.values()) {
    for (const j of standalone.get(unit.id) ?? []) add(build(file.bodies[j], ['bodies', j], unit, undefined));
    for (const slot of generatedByUnit.get(unit.id) ?? []) {
      const entry = slot.override === undefined ? undefined : file.bodies[slot.override];
      add(build(entry, slot.override === undefined ? undefined : ['bodies', slot.override], unit, { kind: slot.kind, index: slot.index }));
    }
  }

  return { directory: { levels: file.levels, levelWords: file.levelWords, units: file.units, bodies }, origins, dropped, problems };
}
