/**
 * Who the recipient of a notice is to the plan's monitor (Ban Dân vận, on whose behalf every
 * notice goes out) and to the task: the relation decides the register of the letter
 * (/work/shared/plan/writing.md, "Who speaks to whom"). Pure: ids and the directory's
 * `partyRole` and `supervisors`, nothing else.
 *
 *   monitor                  Ban Dân vận itself (owner of the annual report, supervisor 1 of
 *                            the district organisations): an internal note
 *   leadership               Thường trực, Ban Thường vụ: a report of facts, never instructions,
 *                            even when they own the task
 *   owner                    the bodies that carry the task out: a request ("đề nghị …")
 *   leading-committee        the Party committee that leads the owner (a commune's Đảng ủy):
 *                            "đề nghị … quan tâm lãnh đạo, chỉ đạo, đôn đốc"
 *   administrative-superior  an owner's supervisor on an administrative line (UBND huyện over
 *                            UBND xã), in an escalation: "cấp trên trực tiếp"
 *   participant              bodies that take part
 *   other                    anyone else a ladder names
 */
import type { Body } from './model';
import type { StepKind } from './timeline';

export type Relation = 'owner' | 'participant' | 'leadership' | 'leading-committee' | 'administrative-superior' | 'monitor' | 'other';

/** What the relation needs to know of the plan: its monitor and the directory's bodies. */
export interface RelationContext {
  monitor: string;
  bodies: ReadonlyMap<string, Pick<Body, 'supervisors' | 'partyRole'>>;
}

/** The context of a plan index (or anything shaped like one). */
export function relationContext(index: { config: { plan: { monitor: string } }; bodies: RelationContext['bodies'] }): RelationContext {
  return { monitor: index.config.plan.monitor, bodies: index.bodies };
}

type Task = { owners: readonly string[]; participants: readonly string[] };

/** True when `bodyId` is in the escalation chain of one of the owners. */
export function supervisesOwner(bodyId: string, task: Pick<Task, 'owners'>, ctx: RelationContext): boolean {
  return task.owners.some((owner) => (ctx.bodies.get(owner)?.supervisors ?? []).includes(bodyId));
}

/** The relation of one recipient of one step of an occurrence (see the module comment for the order). */
export function relationOf(recipient: Pick<Body, 'id' | 'partyRole'>, task: Task, step: { kind: StepKind }, ctx: RelationContext): Relation {
  if (recipient.id === ctx.monitor) return 'monitor';
  if (recipient.partyRole === 'leadership') return 'leadership';
  if (task.owners.includes(recipient.id)) return 'owner';
  if (recipient.partyRole === 'leading-committee') return 'leading-committee';
  if (step.kind === 'escalation' && supervisesOwner(recipient.id, task, ctx)) return 'administrative-superior';
  if (task.participants.includes(recipient.id)) return 'participant';
  return 'other';
}

/**
 * What an escalation step is, by whom it reaches (the monitor aside: it is the sender):
 * bodies outside Party leadership are urged (`urge`, "đôn đốc"), Party leadership is
 * reported to (`report`, "báo cáo"), or both.
 */
export type EscalationAudience = 'urge' | 'report' | 'both';

export function escalationAudience(to: readonly string[], ctx: RelationContext): EscalationAudience {
  const addressed = to.filter((id) => id !== ctx.monitor);
  const leadership = addressed.filter((id) => ctx.bodies.get(id)?.partyRole === 'leadership').length;
  if (leadership === 0) return 'urge';
  return leadership === addressed.length ? 'report' : 'both';
}

/**
 * How Ban Dân vận follows a duty, by who owns it (writing.md, "Who speaks to whom"):
 *
 *   chased    the owners are reminded, urged when late, their supervisors told; the board and
 *             the report grade it (on time, late, overdue)
 *   prepared  Party leadership owns it (Thường trực's quarterly giao ban): a commission neither
 *             chases nor grades its Standing Office. Ban Dân vận prepares it (one note proposing
 *             the time and asking for leadership's opinion) and records what happened; nothing
 *             goes out after the due date, and the board and the report say what happened
 *             ("duy trì giao ban 4/4 quý") without grading it
 *   own       the monitor's own duty (its annual report): internal notes only; a word to
 *             leadership about the Ban's own timing is its head's to give, not a timer's
 */
export type Oversight = 'chased' | 'prepared' | 'own';

export function oversightOf(owners: readonly string[], ctx: RelationContext): Oversight {
  if (owners.length > 0 && owners.every((id) => ctx.bodies.get(id)?.partyRole === 'leadership')) return 'prepared';
  if (owners.includes(ctx.monitor)) return 'own';
  return 'chased';
}

/** Whether the board's and the report's on-time and late figures count the duty: not one Party leadership owns. */
export function isGraded(owners: readonly string[], ctx: RelationContext): boolean {
  return oversightOf(owners, ctx) !== 'prepared';
}

/**
 * Whether `bodyId` reports the duty's result (gets the links to report it done, not due, or
 * its figure): its owners — or, for a duty Party leadership owns, Ban Dân vận, which records
 * it; leadership does not report to its own commission.
 */
export function reportsResult(bodyId: string, owners: readonly string[], ctx: RelationContext): boolean {
  return oversightOf(owners, ctx) === 'prepared' ? bodyId === ctx.monitor : owners.includes(bodyId);
}
