/**
 * Checks inside the directory once it is expanded: duplicate ids (reported at the
 * duplicate), successors that exist, supervisors that exist and are not the body itself.
 */
import type { Path, Problem } from './errors';
import { abbreviate, formatPath } from './errors';
import { forEachDuplicate } from './duplicates';
import type { Expansion } from './expand-directory';
import type { DirectoryFile } from './schema/directory';

export function checkDirectory(file: DirectoryFile, expansion: Expansion): Problem[] {
  const problems: Problem[] = [];
  const { bodies } = expansion.directory;
  const origins = expansion.origins;

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

  const unitIds = new Set(file.units.map((u) => u.id));
  file.units.forEach((unit, i) => {
    if (unit.successor !== undefined && !unitIds.has(unit.successor)) {
      problems.push({ path: ['units', i, 'successor'], message: `unknown unit "${unit.successor}": no unit in units has this id` });
    }
  });

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
