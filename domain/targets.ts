/**
 * Fan-out: who owes an obligation, unit by unit. "Các cấp" (all levels) means the district
 * and every commune; a kind selector picks, within a unit, the bodies of those kinds.
 */
import type { Body, BodySelector, Directory, Obligation, Plan, Unit } from './model';

/** One owner of an obligation: a unit, the bodies responsible, and who takes part. */
export interface Target {
  obligation: string;
  unit: string;
  /** `bien-son`, or `bien-son/mttq` when each owner body has its own occurrences. */
  key: string;
  owners: string[];
  participants: string[];
}

function levelMatches(selector: { level: string }, unit: Unit): boolean {
  return selector.level === 'all' || selector.level === unit.level;
}

type SimpleSelector = Exclude<BodySelector, { anyOf: unknown }>;

function simple(selector: BodySelector): SimpleSelector[] {
  return 'anyOf' in selector ? selector.anyOf : [selector];
}

function selectSimple(selector: SimpleSelector, unit: Unit, directory: Directory): Body[] {
  if ('body' in selector) return directory.bodies.filter((b) => b.id === selector.body);
  const kinds = new Set(selector.kinds);
  if (levelMatches(selector, unit)) return directory.bodies.filter((b) => b.unit === unit.id && kinds.has(b.kind));
  // A selector of another level (e.g. district organisations taking part in a commune duty).
  const unitLevel = new Map(directory.units.map((u) => [u.id, u.level]));
  return directory.bodies.filter((b) => kinds.has(b.kind) && unitLevel.get(b.unit) === selector.level);
}

/** The bodies a selector picks for a target in `unit`, without duplicates. */
export function selectBodies(selector: BodySelector, unit: Unit, directory: Directory): Body[] {
  const picked = simple(selector).flatMap((s) => selectSimple(s, unit, directory));
  return [...new Map(picked.map((b) => [b.id, b])).values()];
}

/** The bodies an owner selector picks in `unit`: only that unit's own bodies. */
function ownersIn(selector: BodySelector, unit: Unit, directory: Directory): Body[] {
  return selectBodies(selector, unit, directory).filter((b) => b.unit === unit.id);
}

function unitsOwning(selector: BodySelector, directory: Directory): Unit[] {
  const ids = new Set<string>();
  for (const s of simple(selector)) {
    if ('body' in s) {
      const body = directory.bodies.find((b) => b.id === s.body);
      if (body) ids.add(body.unit);
    } else {
      for (const u of directory.units) if (levelMatches(s, u)) ids.add(u.id);
    }
  }
  return directory.units.filter((u) => ids.has(u.id));
}

/** Every target of an obligation, in directory order. */
export function targetsOf(obligation: Obligation, directory: Directory): Target[] {
  const out: Target[] = [];
  for (const unit of unitsOwning(obligation.owner, directory)) {
    const owners = ownersIn(obligation.owner, unit, directory);
    if (owners.length === 0) continue;
    const ownerIds = new Set(owners.map((b) => b.id));
    const participants = [
      ...new Set(obligation.participants.flatMap((s) => selectBodies(s, unit, directory)).map((b) => b.id)),
    ].filter((id) => !ownerIds.has(id));
    const base = { obligation: obligation.id, unit: unit.id, participants };
    if (obligation.ownerMode === 'each') {
      for (const owner of owners) out.push({ ...base, key: `${unit.id}/${owner.kind}`, owners: [owner.id] });
    } else {
      out.push({ ...base, key: unit.id, owners: [...ownerIds] });
    }
  }
  return out;
}

/**
 * The bodies that receive what an obligation's owner delivers in `unit` (the Nơi nhận of a
 * report: Ban Thường vụ Huyện ủy for the annual report), without duplicates.
 */
export function receiversOf(obligation: Obligation, unit: Unit, directory: Directory): Body[] {
  const picked = obligation.receivers.flatMap((s) => selectBodies(s, unit, directory));
  return [...new Map(picked.map((b) => [b.id, b])).values()];
}

/** The receivers' ids of one occurrence (its obligation in its unit); none when either is unknown. */
export function occurrenceReceivers(
  index: { obligations: ReadonlyMap<string, Obligation>; units: ReadonlyMap<string, Unit>; config: { directory: Directory } },
  occ: { obligation: string; unit: string },
): string[] {
  const obligation = index.obligations.get(occ.obligation);
  const unit = index.units.get(occ.unit);
  return obligation && unit ? receiversOf(obligation, unit, index.config.directory).map((b) => b.id) : [];
}

/**
 * The monitor's yearly report on the plan (IV.4 of the shipped plan): the obligation of kind
 * `report` that the plan's monitor owns. The annual report (reporting/) is its draft, and its
 * notices carry that draft; undefined when the plan has none.
 */
export function planReportObligation(plan: Pick<Plan, 'obligations' | 'monitor'>): Obligation | undefined {
  return plan.obligations.find((o) => o.kind === 'report' && 'body' in o.owner && o.owner.body === plan.monitor);
}


/** The bodies the monitor's report is owed to (its `receivers` in the monitor's unit): its Nơi nhận must name them. */
export function planReportReceivers(plan: Pick<Plan, 'obligations' | 'monitor'>, directory: Directory): Body[] {
  const duty = planReportObligation(plan);
  const monitor = directory.bodies.find((b) => b.id === plan.monitor);
  const unit = monitor && directory.units.find((u) => u.id === monitor.unit);
  return duty && unit ? receiversOf(duty, unit, directory) : [];
}
