/**
 * The status board's figures: occurrences of a period by unit × obligation, with counts and
 * completion rates per unit, per organisation (the owner's body kind) and overall. The duties
 * Party leadership owns are shown in their cells but not graded (domain/relation.ts, isGraded):
 * they count in no tally and are never listed as overdue.
 */
import { groupBy } from '../domain/group-by';
import { isGraded, relationContext } from '../domain/relation';
import type { PlanIndex } from '../domain/occurrences';
import type { Period } from '../domain/periods';
import { tally, type Tally } from '../domain/tally';
import { listOccurrences, type StatusRow } from './status';
import type { Client } from '@temporalio/client';

export interface BoardUnit {
  id: string;
  name: string;
  /** Occurrences by obligation id. */
  cells: Map<string, StatusRow[]>;
  tally: Tally;
}

export interface BoardOrganisation {
  kind: string;
  label: string;
  tally: Tally;
}

export interface Board {
  period: Period;
  /** Obligations that have occurrences due in the period, in plan order. */
  obligations: { id: string; title: string; shortTitle: string }[];
  units: BoardUnit[];
  organisations: BoardOrganisation[];
  overdue: StatusRow[];
  total: Tally;
}

/** `Hội Nông dân` from `Hội Nông dân xã Biên Sơn`: a kind's name without its unit. */
export function kindLabel(index: PlanIndex, kind: string): string {
  for (const body of index.bodies.values()) {
    if (body.kind !== kind) continue;
    const unit = index.units.get(body.unit);
    const label = unit ? body.name.replace(unit.name, '').replace(/\s{2,}/g, ' ').trim() : body.name;
    return label || body.name;
  }
  return kind;
}

export function buildBoard(rows: readonly StatusRow[], index: PlanIndex, period: Period): Board {
  const present = new Set(rows.map((r) => r.obligation));
  const obligations = [...index.obligations.values()].filter((o) => present.has(o.id)).map((o) => ({ id: o.id, title: o.title, shortTitle: o.shortTitle ?? o.title }));
  const unitOrder = [...index.units.keys()];
  const ctx = relationContext(index);
  const graded = rows.filter((r) => isGraded(r.owners, ctx));
  const units = [...groupBy(rows, (r) => r.unit).entries()]
    .sort(([a], [b]) => rank(unitOrder, a) - rank(unitOrder, b) || a.localeCompare(b))
    .map(([id, unitRows]): BoardUnit => {
      const cells = groupBy(unitRows, (r) => r.obligation);
      return { id, name: index.unitName(id), cells, tally: tally(unitRows.filter((r) => isGraded(r.owners, ctx)).map((r) => r.status)) };
    });
  // An occurrence counts once for each kind among its owners.
  const ownerKinds = graded.flatMap((r) => [...new Set(r.owners.map((o) => index.bodies.get(o)?.kind ?? o))].map((kind) => ({ kind, r })));
  const organisations = [...groupBy(ownerKinds, (x) => x.kind).entries()]
    .map(([kind, of]) => ({ kind, label: kindLabel(index, kind), tally: tally(of.map((x) => x.r.status)) }))
    .sort((a, b) => b.tally.total - a.tally.total || a.label.localeCompare(b.label, 'vi'));
  return {
    period,
    obligations,
    units,
    organisations,
    overdue: graded.filter((r) => r.status === 'overdue'),
    total: tally(graded.map((r) => r.status)),
  };
}

function rank(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}

/** The board of a period, from Temporal visibility (occurrences of the plan due in it). */
export async function loadBoard(client: Client, index: PlanIndex, period: Period): Promise<Board> {
  const rows = await listOccurrences(client, { plan: index.config.plan.id, dueFrom: period.start, dueTo: period.end });
  return buildBoard(rows, index, period);
}
