/**
 * An occurrence's notification timeline: which step goes to whom, and when. The ladder says
 * how far before or after the due date each step falls; a clock turns that distance into an
 * instant — in working days at the ladder's sending time (production), or in plain time
 * units (drills, where one working day can be one minute).
 */
import type { WorkingCalendar } from './calendar/working-calendar';
import { toInstantMs } from './calendar/local-date';
import type { Ladder, LadderRecipient, LocalDate } from './model';

export type StepKind = 'reminder' | 'due' | 'overdue' | 'escalation' | 'close';

export interface Step {
  /** Position in the timeline, from 0; stable for a given ladder, so it names the step. */
  index: number;
  kind: StepKind;
  /** Instant, epoch ms, and the same as ISO-8601 in +07:00. */
  atMs: number;
  at: string;
  /** Distance from the due date in ladder units (working days): negative before it. */
  offset: number;
  /** Body ids, deduplicated, in ladder order. Empty for `close`. */
  to: string[];
  /** For escalations: the supervisor level reached (1 = nearest). */
  level?: number;
}

/** Who the roles of a ladder are, for one occurrence. */
export interface Recipients {
  owners: readonly string[];
  participants: readonly string[];
  monitor: string;
  /** Escalation chain of an owner body, nearest first. */
  supervisorsOf(body: string): readonly string[];
}

/** Turns "n ladder units from the due date" into an instant. */
export interface StepClock {
  at(offset: number): number;
}

/**
 * Production: n working days from the due date, at the ladder's sending time (UTC+7), less
 * `leadMs` (the occurrence's place in its ladder's send window, domain/send-window.ts, `sendLeadMs`).
 */
export function workingDayClock(calendar: WorkingCalendar, due: LocalDate, sendAt: string, leadMs = 0): StepClock {
  return { at: (offset) => toInstantMs(offset === 0 ? due : calendar.addWorkingDays(due, offset), sendAt) - leadMs };
}

/** Drills: n × `unitMs` from the due instant. */
export function plainClock(dueMs: number, unitMs: number): StepClock {
  return { at: (offset) => dueMs + offset * unitMs };
}

function resolve(to: readonly LadderRecipient[], r: Recipients): { bodies: string[]; level?: number } {
  const bodies: string[] = [];
  let level: number | undefined;
  for (const who of to) {
    if (who === 'owner') bodies.push(...r.owners);
    else if (who === 'participants') bodies.push(...r.participants);
    else if (who === 'monitor') bodies.push(r.monitor);
    else if ('body' in who) bodies.push(who.body);
    else {
      for (const owner of r.owners) {
        const sup = r.supervisorsOf(owner)[who.supervisor - 1];
        if (sup) {
          bodies.push(sup);
          level = Math.max(level ?? 0, who.supervisor);
        }
      }
    }
  }
  return { bodies: [...new Set(bodies)], level };
}

/** An instant as ISO-8601 in Vietnam's time: `2026-09-30T08:00:00+07:00`. */
export function isoInstant(ms: number): string {
  return `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

/**
 * The full timeline, sorted by time: reminders, the due-day notice, escalations and their
 * repeats, and the closing step. A step to the owners alone after the due date is `overdue`;
 * one that reaches anyone else (a supervisor, the monitor) is `escalation`.
 */
export function buildTimeline(ladder: Ladder, recipients: Recipients, clock: StepClock): Step[] {
  const raw: Omit<Step, 'index' | 'at'>[] = [];
  for (const r of ladder.reminders) {
    raw.push({ kind: 'reminder', offset: -r.before, atMs: clock.at(-r.before), to: resolve(r.to, recipients).bodies });
  }
  if (ladder.onDue) raw.push({ kind: 'due', offset: 0, atMs: clock.at(0), to: resolve(ladder.onDue.to, recipients).bodies });
  const owners = new Set(recipients.owners);
  for (const e of ladder.escalations) {
    const { bodies, level } = resolve(e.to, recipients);
    const kind = bodies.every((b) => owners.has(b)) ? 'overdue' : 'escalation';
    const offsets = [e.after];
    for (let i = 1; e.repeat && i <= e.repeat.times; i++) offsets.push(e.after + i * e.repeat.every);
    for (const offset of offsets) {
      if (offset >= ladder.closeAfter) break; // nothing is sent once the occurrence is closed
      raw.push({ kind, offset, atMs: clock.at(offset), to: bodies, ...(level ? { level } : {}) });
    }
  }
  raw.push({ kind: 'close', offset: ladder.closeAfter, atMs: clock.at(ladder.closeAfter), to: [] });
  return raw
    .filter((s) => s.kind === 'close' || s.to.length > 0)
    .sort((a, b) => a.atMs - b.atMs || a.offset - b.offset)
    .map((s, index) => ({ ...s, index, at: isoInstant(s.atMs) }));
}
