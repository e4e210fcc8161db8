/**
 * Cross-file checks: everything the plan names in the directory exists — the monitor and
 * the issuer, bodies, kinds and levels in selectors and ladders, units in per-unit
 * overrides — every selector picks at least one body, and every `{supervisor: N}` of a
 * ladder can be resolved for some owner that uses the ladder. Paths point into the plan
 * file as written (a list owner `[a, b]` is `owner[1]`, not `owner.anyOf[1]`).
 */
import type { BodySelector, Directory, Ladder, LadderRecipient, Plan } from '../domain/model';
import { oversightOf, type RelationContext } from '../domain/relation';
import { planReportObligation, planReportReceivers, targetsOf } from '../domain/targets';
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

  // The longest escalation chain among the owners of the obligations on each ladder (a
  // ladder no obligation names may be given to any of them, e.g. by a drill).
  const chains = new Map(directory.bodies.map((b) => [b.id, b.supervisors.length]));
  const chainOf = (id: string) => chains.get(id) ?? 0;
  const longest = (obligations: Plan['obligations']): { length: number; body?: string } => {
    let best: { length: number; body?: string } = { length: 0 };
    for (const o of obligations) {
      for (const t of targetsOf(o, directory)) {
        for (const owner of t.owners) if (chainOf(owner) > best.length) best = { length: chainOf(owner), body: owner };
      }
    }
    return best;
  };
  const everyOwner = longest(plan.obligations);
  const chainFor = (ladder: Ladder) => {
    const users = plan.obligations.filter((o) => o.ladder === ladder.id);
    return users.length > 0 ? { ...longest(users), scope: `the owners of the obligations on ladder "${ladder.id}"` } : { ...everyOwner, scope: 'the owners of the plan' };
  };

  const recipients = (to: LadderRecipient[], path: Path, chain: ReturnType<typeof chainFor>) =>
    to.forEach((r, k) => {
      if (typeof r === 'object' && 'body' in r) body(r.body, [...path, k, 'body'], 'body');
      if (typeof r === 'object' && 'supervisor' in r && r.supervisor > chain.length) {
        const longestChain = chain.body ? `${chain.length} (${chain.body})` : 'none';
        problems.push({
          path: [...path, k, 'supervisor'],
          message: `supervisor ${r.supervisor} can never be resolved: the longest escalation chain (supervisors in the directory) among ${chain.scope} has ${longestChain}`,
        });
      }
    });

  body(plan.monitor, ['monitor'], 'monitor');
  body(plan.source.issuedBy, ['source', 'issuedBy'], 'issuer');

  plan.ladders.forEach((ladder, i) => {
    const at: Path = ['ladders', i];
    const chain = chainFor(ladder);
    ladder.reminders.forEach((r, j) => recipients(r.to, [...at, 'reminders', j, 'to'], chain));
    if (ladder.onDue) recipients(ladder.onDue.to, [...at, 'onDue', 'to'], chain);
    ladder.escalations.forEach((e, j) => recipients(e.to, [...at, 'escalations', j, 'to'], chain));
  });

  plan.obligations.forEach((o, i) => {
    const at: Path = ['obligations', i];
    if ('anyOf' in o.owner) o.owner.anyOf.forEach((sel, j) => selector(sel, [...at, 'owner', j]));
    else selector(o.owner, [...at, 'owner']);
    for (const key of ['participants', 'receivers'] as const) {
      o[key].forEach((sel, j) => {
        if ('anyOf' in sel) sel.anyOf.forEach((inner) => selector(inner, [...at, key, j]));
        else selector(sel, [...at, key, j]);
      });
    }
    o.schedules.forEach((s, j) => {
      const [rule, path]: [typeof s.due, Path] = s.due.rule === 'before-event' ? [s.due.event, [...at, 'schedules', j, 'due', 'event']] : [s.due, [...at, 'schedules', j, 'due']];
      if (rule.rule !== 'day-of-month' || !rule.unitOverrides) return;
      for (const unit of Object.keys(rule.unitOverrides)) {
        if (!unitIds.has(unit)) {
          problems.push({ path: [...path, 'unitOverrides', unit], message: `unknown unit "${unit}": no unit in the directory has this id` });
        }
      }
    });
  });
  // Who owns a duty decides how it may be followed (domain/relation.ts, oversightOf): a duty
  // Party leadership owns is prepared and recorded, never chased; the monitor's own duty gets
  // internal notes only.
  const ctx = { monitor: plan.monitor, bodies: new Map(directory.bodies.map((b) => [b.id, b])) };
  plan.obligations.forEach((o, i) => {
    const ladder = plan.ladders.find((l) => l.id === o.ladder);
    if (!ladder) return;
    const owners = targetsOf(o, directory).map((t) => t.owners);
    const fault = ladderFault(ladder, owners, ctx);
    const leadership = owners.find((ids) => oversightOf(ids, ctx) === 'prepared');
    if (fault === 'chases-leadership' && leadership) {
      problems.push({
        path: ['obligations', i, 'owner'],
        message:
          `"${o.id}" is owned by Party leadership (${leadership.join(', ')}), which Ban Dân vận prepares and records but does not chase: ` +
          `its ladder "${ladder.id}" must send nothing after the due date (no escalations) and nothing to supervisors, e.g. the leadership-owned ladder`,
      });
    }
    if (fault === 'beyond-monitor') {
      problems.push({
        path: ['obligations', i, 'owner'],
        message: `"${o.id}" is the monitor's own duty (${plan.monitor}): its ladder "${ladder.id}" must send internal notes only (to owner or monitor), not to participants, supervisors or other bodies`,
      });
    }
  });

  // Nơi nhận of the annual report: the bodies it names exist, and the report's receivers are among them.
  const lines = plan.annualReport?.recipients ?? [];
  lines.forEach((r, k) => {
    if (r.body !== undefined) body(r.body, ['annualReport', 'recipients', k, 'body'], 'body');
  });
  if (lines.length > 0) {
    const named = new Set(lines.map((r) => r.body));
    const duty = planReportObligation(plan);
    for (const receiver of planReportReceivers(plan, directory)) {
      if (named.has(receiver.id)) continue;
      problems.push({
        path: ['annualReport', 'recipients'],
        message: `Nơi nhận leaves out "${receiver.id}", a receiver of the monitor's report "${duty?.id}": add a line for it with body: ${receiver.id}`,
      });
    }
  }
  return problems;
}

/** The steps of a ladder as written, before the schema fills its defaults (the drafter reads them so). */
type LadderSteps = { reminders?: readonly { to: readonly LadderRecipient[] }[]; onDue?: { to: readonly LadderRecipient[] } | null; escalations?: readonly { to: readonly LadderRecipient[] }[] };

/**
 * Why a ladder does not fit a duty's owners (domain/relation.ts, oversightOf), or undefined when
 * it fits: `chases-leadership` — a duty Party leadership owns is prepared and recorded, never
 * chased (no escalations, nothing to supervisors); `beyond-monitor` — the monitor's own duty
 * gets internal notes only (to owner or monitor).
 */
export function ladderFault(ladder: LadderSteps, owners: readonly (readonly string[])[], ctx: RelationContext): 'chases-leadership' | 'beyond-monitor' | undefined {
  const steps = [...(ladder.reminders ?? []), ...(ladder.onDue ? [ladder.onDue] : []), ...(ladder.escalations ?? [])];
  const names = (test: (r: LadderRecipient) => boolean) => steps.some((step) => step.to.some(test));
  if (owners.some((ids) => oversightOf(ids, ctx) === 'prepared') && ((ladder.escalations ?? []).length > 0 || names((r) => typeof r === 'object' && 'supervisor' in r))) {
    return 'chases-leadership';
  }
  if (owners.some((ids) => oversightOf(ids, ctx) === 'own') && names((r) => r !== 'owner' && r !== 'monitor' && !(typeof r === 'object' && 'body' in r && r.body === ctx.monitor))) {
    return 'beyond-monitor';
  }
  return undefined;
}
