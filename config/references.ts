/**
 * Cross-file checks: everything the plan names in the directory exists — the monitor and
 * the issuer, bodies and kinds in selectors and ladders, units in per-unit overrides —
 * and every selector picks at least one body. Paths point into the plan file as written
 * (a list owner `[a, b]` is `owner[1]`, not `owner.anyOf[1]`).
 */
import type { BodySelector, Directory, LadderRecipient, Plan } from '../domain/model';
import type { Path, Problem } from './errors';

type SimpleSelector = Exclude<BodySelector, { anyOf: unknown }>;

function known(ids: Iterable<string>): string {
  const list = [...ids];
  return list.length > 8 ? `${list.slice(0, 8).join(', ')}, ...` : list.join(', ');
}

export function checkReferences(plan: Plan, directory: Directory): Problem[] {
  const problems: Problem[] = [];
  const bodyIds = new Set(directory.bodies.map((b) => b.id));
  const unitIds = new Set(directory.units.map((u) => u.id));
  const levelOf = new Map(directory.units.map((u) => [u.id, u.level]));
  const kinds = new Set(directory.bodies.map((b) => b.kind));
  const levels = new Set(directory.levels.map((l) => l.id));

  const body = (id: string, path: Path, role: string) => {
    if (!bodyIds.has(id)) problems.push({ path, message: `unknown ${role} "${id}": no body in the directory has this id` });
  };

  const selector = (sel: SimpleSelector, path: Path) => {
    if ('body' in sel) return body(sel.body, [...path, 'body'], 'body');
    if (sel.level !== 'all' && !levels.has(sel.level)) {
      problems.push({ path: [...path, 'level'], message: `unknown level "${sel.level}"; the directory's levels are ${known(levels)}, or all` });
      return;
    }
    const unknownKinds = sel.kinds.filter((k) => !kinds.has(k));
    sel.kinds.forEach((k, i) => {
      if (!kinds.has(k)) problems.push({ path: [...path, 'kinds', i], message: `unknown body kind "${k}"; the directory's kinds are ${known(kinds)}` });
    });
    if (unknownKinds.length === sel.kinds.length) return;
    const matches = directory.bodies.some((b) => sel.kinds.includes(b.kind) && (sel.level === 'all' || levelOf.get(b.unit) === sel.level));
    if (!matches) {
      problems.push({ path, message: `selector matches no body: no ${sel.level} unit has a body of kind ${sel.kinds.join(' or ')}` });
    }
  };

  const recipients = (to: LadderRecipient[], path: Path) =>
    to.forEach((r, k) => {
      if (typeof r === 'object' && 'body' in r) body(r.body, [...path, k, 'body'], 'body');
    });

  body(plan.monitor, ['monitor'], 'monitor');
  body(plan.source.issuedBy, ['source', 'issuedBy'], 'issuer');

  plan.ladders.forEach((ladder, i) => {
    const at: Path = ['ladders', i];
    ladder.reminders.forEach((r, j) => recipients(r.to, [...at, 'reminders', j, 'to']));
    if (ladder.onDue) recipients(ladder.onDue.to, [...at, 'onDue', 'to']);
    ladder.escalations.forEach((e, j) => recipients(e.to, [...at, 'escalations', j, 'to']));
  });

  plan.obligations.forEach((o, i) => {
    const at: Path = ['obligations', i];
    if ('anyOf' in o.owner) o.owner.anyOf.forEach((sel, j) => selector(sel, [...at, 'owner', j]));
    else selector(o.owner, [...at, 'owner']);
    o.participants.forEach((sel, j) => {
      if ('anyOf' in sel) sel.anyOf.forEach((inner) => selector(inner, [...at, 'participants', j]));
      else selector(sel, [...at, 'participants', j]);
    });
    o.schedules.forEach((s, j) => {
      if (s.due.rule !== 'day-of-month' || !s.due.unitOverrides) return;
      for (const unit of Object.keys(s.due.unitOverrides)) {
        if (!unitIds.has(unit)) {
          problems.push({ path: [...at, 'schedules', j, 'due', 'unitOverrides', unit], message: `unknown unit "${unit}": no unit in the directory has this id` });
        }
      }
    });
  });
  return problems;
}
