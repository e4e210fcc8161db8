/**
 * What an occurrence accepts: the rules behind its Updates (complete, waive, record, extend,
 * close; undo and reopen once resolved), as pure functions shared by the workflow's
 * validators, the web forms, the client that reopens a finished occurrence and the report.
 * A rule answers with a Refusal (what is wrong, as data); vocabulary/refusals.ts words it.
 */
import { addDays, isValidLocalDate, localDateOfInstant } from './calendar/local-date';
import { INPUT_LIMITS, type LimitedField } from './input-limits';
import type { LocalDate, Resolution } from './model';

/** An extension moves the due date by at most this many days (a far date cannot be timed). */
export const MAX_EXTENSION_DAYS = 366;
/** The longest window during which a result sent from a link can be undone from it. */
export const MAX_UNDO_MINUTES = 24 * 60;
/** Longest body id a request may name (the link's body). */
const MAX_BODY_ID = 100;

/** The field of a request a refusal is about. */
export type RequestField = 'by' | 'position' | 'note' | 'evidence' | 'reason' | 'value' | 'newDue' | 'body';

export type Refusal =
  | { code: 'final'; status: string }
  | { code: 'missing'; field: RequestField; label?: string }
  | { code: 'not-text'; field: RequestField; label?: string }
  | { code: 'too-long'; field: RequestField; limit: number; label?: string }
  | { code: 'use-record'; indicator: string }
  | { code: 'not-waivable' }
  | { code: 'not-indicator' }
  | { code: 'not-a-number' }
  | { code: 'bad-date'; value: string }
  | { code: 'not-later'; due: LocalDate }
  | { code: 'too-far'; due: LocalDate; maxDays: number }
  | { code: 'in-the-past'; today: LocalDate }
  /** Undo: the result was not sent from this link (another body, another action, the CLI). */
  | { code: 'not-from-link' }
  | { code: 'bad-undo-window'; maxMinutes: number }
  | { code: 'undo-expired'; untilMs: number }
  /** Reopen: there is no result to withdraw (open, or closed at the end of its ladder). */
  | { code: 'not-resolved' }
  /** Reopen: it was closed because its unit ended. */
  | { code: 'unit-ended' };

/** The parts of an occurrence its rules read. */
export interface Resolvable {
  resolution: Resolution;
  due: LocalDate;
}

export type Action = 'complete' | 'waive' | 'record' | 'extend' | 'close';
/** What happens to a result: undone from the link it came from, or reopened by the monitor. */
export type Withdrawal = 'undo' | 'reopen';

/** A request as it arrives (from a form, the CLI or a raw client): nothing about it is trusted. */
export type Request = Partial<Record<'by' | 'position' | 'note' | 'evidence' | 'reason' | 'newDue' | 'body' | 'action', unknown>> & {
  value?: unknown;
  undoMinutes?: unknown;
};

/** A result as an occurrence keeps it (workflows/messages.ts `Resolution`). */
export interface ResolvedBy {
  action: string;
  /** The body of the link it was sent from; absent when it came from elsewhere. */
  body?: string;
  /** Until when that link can undo it. */
  undoUntilMs?: number;
}

function text(req: Request, field: LimitedField, required: boolean, label?: string): Refusal | undefined {
  const value = req[field];
  if (value === undefined || value === null || value === '') return required ? { code: 'missing', field, label } : undefined;
  if (typeof value !== 'string') return { code: 'not-text', field, label };
  if (required && value.trim() === '') return { code: 'missing', field, label };
  if (value.length > INPUT_LIMITS[field]) return { code: 'too-long', field, limit: INPUT_LIMITS[field], label };
  return undefined;
}

const first = (...checks: Array<() => Refusal | undefined>): Refusal | undefined => {
  for (const check of checks) {
    const r = check();
    if (r) return r;
  }
  return undefined;
};

/**
 * Why `action` with `req` is refused for an occurrence that is still open, or undefined when it
 * is accepted. `nowMs` is the occurrence's clock (extensions cannot go back before today).
 */
export function refusalOf(action: Action, occ: Resolvable, req: Request | undefined, nowMs: number): Refusal | undefined {
  const r = req ?? {};
  const how = occ.resolution;
  switch (action) {
    case 'complete':
      return first(
        () => linkOrigin(r),
        () => text(r, 'by', true),
        () => text(r, 'position', false),
        () => text(r, 'note', false),
        () => (how.type === 'indicator' ? { code: 'use-record', indicator: how.label } : undefined),
        () => (how.type === 'evidence' ? text(r, 'evidence', true, how.evidenceLabel) : text(r, 'evidence', false)),
      );
    case 'waive':
      return first(
        () => linkOrigin(r),
        () => (how.type !== 'waivable' ? { code: 'not-waivable' } : undefined),
        () => text(r, 'by', true),
        () => text(r, 'position', false),
        () => text(r, 'reason', true),
      );
    case 'record':
      return first(
        () => linkOrigin(r),
        () => (how.type !== 'indicator' ? { code: 'not-indicator' } : undefined),
        () => text(r, 'by', true),
        () => text(r, 'position', false),
        () => (typeof r.value !== 'number' || !Number.isFinite(r.value) ? { code: 'not-a-number' } : undefined),
        () => text(r, 'note', false),
      );
    case 'close':
      return first(
        () => text(r, 'by', true),
        () => text(r, 'reason', true),
      );
    case 'extend':
      return first(
        () => text(r, 'by', true),
        () => text(r, 'reason', true),
        () => (isValidLocalDate(r.newDue) ? undefined : { code: 'bad-date', value: String(r.newDue) }),
        () => ((r.newDue as string) <= occ.due ? { code: 'not-later', due: occ.due } : undefined),
        () => ((r.newDue as string) > addDays(occ.due, MAX_EXTENSION_DAYS) ? { code: 'too-far', due: occ.due, maxDays: MAX_EXTENSION_DAYS } : undefined),
        () => {
          const today = localDateOfInstant(nowMs);
          return (r.newDue as string) < today ? { code: 'in-the-past', today } : undefined;
        },
      );
  }
}

/** The link a result comes from, when it says so: a body id and a window to undo it. */
function linkOrigin(r: Request): Refusal | undefined {
  if (r.body !== undefined && (typeof r.body !== 'string' || r.body === '' || r.body.length > MAX_BODY_ID)) return { code: 'not-text', field: 'body' };
  const m = r.undoMinutes;
  if (m !== undefined && (typeof m !== 'number' || !Number.isInteger(m) || m < 0 || m > MAX_UNDO_MINUTES)) {
    return { code: 'bad-undo-window', maxMinutes: MAX_UNDO_MINUTES };
  }
  return undefined;
}

/** Until when a result sent from a link can be undone from it; undefined when it cannot. */
export function undoDeadline(req: { body?: string; undoMinutes?: number }, atMs: number): number | undefined {
  return req.body && req.undoMinutes ? atMs + req.undoMinutes * 60_000 : undefined;
}

/**
 * Why a result cannot be withdrawn, or undefined when it can. `undo` comes from the link the
 * result was sent from (same body, same action), before its window ends; `reopen` is the
 * monitor's, for any result a person gave (not a stop because the unit ended).
 */
export function withdrawalRefusal(
  how: Withdrawal,
  occ: { resolution?: ResolvedBy | undefined },
  req: Request | undefined,
  nowMs: number,
): Refusal | undefined {
  const r = req ?? {};
  const done = occ.resolution;
  if (how === 'undo') {
    return first(
      () => text(r, 'by', true),
      () => (!done || done.body === undefined || done.body !== r.body || done.action !== r.action || done.undoUntilMs === undefined ? { code: 'not-from-link' } : undefined),
      () => (nowMs >= done!.undoUntilMs! ? { code: 'undo-expired', untilMs: done!.undoUntilMs! } : undefined),
    );
  }
  return first(
    () => text(r, 'by', true),
    () => text(r, 'reason', true),
    () => (!done ? { code: 'not-resolved' } : undefined),
    () => (done!.action === 'close' ? { code: 'unit-ended' } : undefined),
  );
}

/** Whether an indicator's value meets its target; undefined when there is no target. */
export function meetsTarget(resolution: Resolution, value: number): boolean | undefined {
  if (resolution.type !== 'indicator' || resolution.target === undefined) return undefined;
  return resolution.comparison === '>=' ? value >= resolution.target : value <= resolution.target;
}
