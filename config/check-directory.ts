/**
 * Checks inside the directory once it is expanded: levels that exist wherever a level is
 * named, duplicate ids (reported at the duplicate), successors that exist when their
 * predecessor ends, supervisors that exist and are not the body itself.
 */
import { addDays } from '../domain/calendar/local-date';
import type { Path, Problem } from './errors';
import { abbreviate, formatPath } from './errors';
import { forEachDuplicate } from './duplicates';
import type { Expansion } from './expand-directory';
import type { DirectoryFile } from './schema/directory';

/** Every place the file names a level must name one of `levels`. */
function checkLevels(file: DirectoryFile, problems: Problem[]): void {
  forEachDuplicate(file.levels, (l) => l.id, (i, first, id) =>
    problems.push({ path: ['levels', i, 'id'], message: `duplicate level id "${id}": levels[${first}] already has it` }));
  const grassroots = file.levels.flatMap((l, i) => (l.grassroots ? [i] : []));
  for (const i of grassroots.slice(1)) {
    problems.push({ path: ['levels', i, 'grassroots'], message: `only one level is "${file.levelWords.grassroots}": levels[${grassroots[0]}] already is` });
  }
  const ids = new Set(file.levels.map((l) => l.id));
  const known = [...ids].join(', ');
  const level = (value: string, path: Path) => {
    if (!ids.has(value)) problems.push({ path, message: `unknown level "${value}"; the directory's levels are ${known}` });
  };
  const keys = (value: unknown, path: Path) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const key of Object.keys(value)) level(key, [...path, key]);
  };
  file.units.forEach((u, i) => level(u.level, ['units', i, 'level']));
  file.bodyKinds.forEach((k, i) => {
    k.levels.forEach((l, j) => level(l, ['bodyKinds', i, 'levels', j]));
    keys(k.name, ['bodyKinds', i, 'name']);
    keys(k.supervisors, ['bodyKinds', i, 'supervisors']);
  });
  keys(file.defaultSupervisors, ['defaultSupervisors']);
}

/** A successor exists, and exists on the day after its predecessor's last day. */
function checkSuccessors(file: DirectoryFile, problems: Problem[]): void {
  const units = new Map(file.units.map((u) => [u.id, u]));
  file.units.forEach((unit, i) => {
    if (unit.end?.way !== 'merged' || unit.validTo === undefined) return;
    const path: Path = ['units', i, 'end', 'successor'];
    const successor = units.get(unit.end.successor);
    if (!successor) {
      problems.push({ path, message: `unknown unit "${unit.end.successor}": no unit in units has this id` });
      return;
    }
    const day = addDays(unit.validTo, 1);
    if (successor.validFrom > day || (successor.validTo !== undefined && successor.validTo < day)) {
      problems.push({
        path,
        message: `successor "${successor.id}" does not exist on ${day}, the day after "${unit.id}" ends (it exists from ${successor.validFrom} to ${successor.validTo ?? 'open'})`,
      });
    }
  });
}

export function checkDirectory(file: DirectoryFile, expansion: Expansion): Problem[] {
  const problems: Problem[] = [];
  const { bodies } = expansion.directory;
  const origins = expansion.origins;
  checkLevels(file, problems);

  forEachDuplicate(file.units, (u) => u.id, (i, first, id) =>
    problems.push({ path: ['units', i, 'id'], message: `duplicate unit id "${id}": units[${first}] already has it` }));
  forEachDuplicate(file.bodyKinds, (k) => k.kind, (i, first, kind) =>
    problems.push({ path: ['bodyKinds', i, 'kind'], message: `duplicate body kind "${kind}": bodyKinds[${first}] already defines it` }));

  const describe = (index: number): string => {
    const origin = origins[index];
    const body = bodies[index];
    if (!origin || !body) return 'another entry';
    return origin.path[0] === 'bodies' ? formatPath(origin.path) : `${formatPath(origin.path)} (kind "${body.kind}") for unit "${body.unit}"`;
  };
  // A clash is reported at the explicit entry when there is one: generated bodies come
  // first, then explicit entries in file order.
  const explicitIndex = (b: number) => (origins[b]?.path[0] === 'bodies' ? Number(origins[b]?.path[1]) : -1);
  const byId = new Map<string, number[]>();
  bodies.forEach((b, i) => byId.set(b.id, [...(byId.get(b.id) ?? []), i]));
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    const [first, ...rest] = [...group].sort((x, y) => explicitIndex(x) - explicitIndex(y) || x - y) as [number, ...number[]];
    for (const i of rest) {
      const origin = origins[i];
      if (!origin) continue;
      const explicit = origin.path[0] === 'bodies';
      const hint = explicit ? '; to change that body instead, give it the same kind and unit' : '';
      problems.push({ path: explicit ? [...origin.path, 'id'] : origin.path, message: `duplicate body id "${id}": ${describe(first)} already creates it${hint}` });
    }
  }

  checkSuccessors(file, problems);

  // Supervisors: one problem per place a supervisor is written, naming the units it fails for.
  const bodyIds = new Set([...bodies.map((b) => b.id), ...expansion.dropped]);
  const failures = new Map<string, { path: Path; template: string; unknown: string[]; self: string[] }>();
  bodies.forEach((body, b) => {
    const origin = origins[b];
    if (!origin) return;
    body.supervisors.forEach((supervisor, s) => {
      const path = origin.supervisorPaths[s] ?? origin.path;
      const isSelf = supervisor === body.id;
      if (bodyIds.has(supervisor) && !isSelf) return;
      const key = formatPath(path);
      const entry = failures.get(key) ?? { path, template: origin.supervisorTemplates[s] ?? supervisor, unknown: [], self: [] };
      (isSelf ? entry.self : entry.unknown).push(isSelf ? body.id : supervisor);
      failures.set(key, entry);
    });
  });
  for (const f of failures.values()) {
    const templated = f.template.includes('{unit}');
    if (f.unknown.length > 0) {
      const names = [...new Set(f.unknown)];
      problems.push({
        path: f.path,
        message: templated
          ? `supervisor "${f.template}" names no existing body for ${names.length} unit${names.length === 1 ? '' : 's'}: ${abbreviate(names.map((n) => `"${n}"`), 5)} ${names.length === 1 ? 'does' : 'do'} not exist`
          : `unknown supervisor "${f.template}": no body has this id`,
      });
    }
    if (f.self.length > 0) {
      problems.push({
        path: f.path,
        message: `a body cannot supervise itself: supervisor "${f.template}" is the body itself for ${abbreviate(f.self.map((n) => `"${n}"`), 5)}`,
      });
    }
  }
  return problems;
}
