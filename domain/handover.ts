/**
 * Handing an open occurrence over to the unit that succeeds its own (a commune merged or
 * renamed: xã Biển Động → thị trấn Biển Động on 01/01/2025). Pure: the plan index, the
 * occurrence's spec and the successor in, the successor's spec out.
 *
 * Each body of the ending unit becomes the successor's body of the same kind (Ủy ban nhân
 * dân xã Biển Động → Ủy ban nhân dân thị trấn Biển Động); bodies of other units (Ban Dân vận,
 * the district's bodies) stay. An owner's supervisors are taken again from the new owner's
 * chain, level by level, so an escalation reaches whoever supervises the successor's body.
 * A body with no counterpart in the successor is left out of the recipients and reported.
 */
import { localDateOfInstant } from './calendar/local-date';
import type { Body, LocalDate } from './model';
import type { PlanIndex } from './occurrences';
import { bodyNamesOf, unitEndOf, type OccurrenceSpec } from './spec';

/**
 * An occurrence handed over: from which unit to which, from which day (the ending unit's first
 * day without it). What the state, the memo, `dondoc status`, the pages and the report carry;
 * vocabulary/occurrence.ts `handedOverWords` says it.
 */
export interface HandedOver {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  on: LocalDate;
}

export interface HandoverResult {
  /** The same occurrence (same id, due date and timeline) as the successor's. */
  spec: OccurrenceSpec;
  /** Bodies of the ending unit without a counterpart in the successor: no longer notified. */
  unmatched: string[];
}

function validOn(body: Body, day: string): boolean {
  return (!body.validFrom || body.validFrom <= day) && (!body.validTo || body.validTo >= day);
}

function uniq(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * The spec of `spec` handed over to the unit `successorId`, from the day its unit ends (or,
 * without an end, the successor's first day).
 * @throws RangeError for a successor the directory does not know.
 */
export function handOver(index: PlanIndex, spec: OccurrenceSpec, successorId: string): HandoverResult {
  const successor = index.units.get(successorId);
  if (!successor) throw new RangeError(`unknown successor unit ${successorId}`);
  const day = spec.unitEndsAtMs !== undefined ? localDateOfInstant(spec.unitEndsAtMs) : successor.validFrom;
  const successorBodies = index.config.directory.bodies.filter((b) => b.unit === successor.id && validOn(b, day));
  const unmatched = new Set<string>();

  /** The successor's body of the same kind, for a body of the ending unit; others stay. */
  const counterpart = (id: string): string | undefined => {
    const body = index.bodies.get(id);
    if (!body || body.unit !== spec.unit) return id;
    const match = successorBodies.find((b) => b.kind === body.kind);
    if (!match) unmatched.add(id);
    return match?.id;
  };

  const mapping = new Map<string, string | undefined>();
  const map = (id: string) => {
    if (!mapping.has(id)) mapping.set(id, counterpart(id));
    return mapping.get(id);
  };
  const owners = uniq(spec.owners.map(map).filter((id): id is string => id !== undefined));
  // An owner's supervisor of level k becomes the new owner's supervisor of level k.
  spec.owners.forEach((old) => {
    const now = mapping.get(old);
    const before = index.bodies.get(old)?.supervisors ?? [];
    const after = now ? (index.bodies.get(now)?.supervisors ?? []) : [];
    before.forEach((sup, k) => {
      if (mapping.has(sup)) return;
      const next = after[k];
      if (next !== undefined) mapping.set(sup, next);
    });
  });
  const mapAll = (ids: readonly string[]) => uniq(ids.map(map).filter((id): id is string => id !== undefined));
  const participants = mapAll(spec.participants).filter((id) => !owners.includes(id));
  const steps = spec.steps.map((step) => ({ ...step, to: mapAll(step.to) }));

  const { unitEndsAtMs: _endsAt, unitEnd: _end, ...rest } = spec;
  return {
    spec: {
      ...rest,
      unit: successor.id,
      unitName: successor.name,
      target: `${successor.id}${spec.target.slice(spec.unit.length)}`,
      owners,
      participants,
      bodyNames: bodyNamesOf(index, { owners, participants, steps }),
      steps,
      ...unitEndOf(index, successor),
    },
    unmatched: [...unmatched],
  };
}
