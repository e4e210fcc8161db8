/**
 * The service-wide clock: what "now" is for the worker's planners and occurrences, `apply`,
 * the web pages, the CLI and the notifier's Date headers. Either the real clock, or a replay
 * clock that read a chosen instant when the data directory was first started and advances in
 * real time from there (a constant offset from the wall clock).
 *
 * - `DONDOC_CLOCK` (validated in platform/env.ts): `real`, or an instant such as
 *   `2024-09-23T06:30+07:00` (no offset: Vietnam time; a date alone: 00:00 that day).
 * - `<data>/clock.json` keeps the clock a data directory was started on, so a restart resumes
 *   it. A workflow keeps the offset it was started with: a `DONDOC_CLOCK` that names another
 *   clock is refused (one line saying what to do), never applied silently.
 * - The default run (`npm start`, no setting, no clock.json): the real clock, except on the
 *   embedded server when the plan's term is over — then a replay clock inside the term
 *   (`replayStartMs`). A deployment (TEMPORAL_ADDRESS) is on a replay clock only when
 *   DONDOC_CLOCK says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareDates, daysInMonth, isValidLocalDate, localDate, localDateOfInstant, parts, timeOfInstant, toInstantMs } from '../domain/calendar/local-date';
import type { Config, LocalDate } from '../domain/model';
import type { PlanIndex } from '../domain/occurrences';
import { nextOccurrence } from '../domain/planning';
import type { Env } from './env';

export type ClockKind = 'real' | 'replay';

/** A clock that cannot be used here: one line saying what to do. */
export class ClockError extends Error {
  override readonly name = 'ClockError';
}

export interface Clock {
  /** Milliseconds since the epoch on this clock. */
  nowMs(): number;
  /** Added to the wall clock: what workflows take as `timeOffsetMs`. 0 on the real clock. */
  readonly offsetMs: number;
  readonly kind: ClockKind;
  /** One line: which clock, and where it stands now. */
  describe(): string;
}

/** `DONDOC_CLOCK` parsed: the real clock, or a replay clock starting at `atMs`. */
export type ClockSetting = { kind: 'real'; text: string } | { kind: 'replay'; atMs: number; text: string };

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Parses a `DONDOC_CLOCK` value; undefined when it is neither `real` nor an instant. */
export function parseClockSetting(value: string): ClockSetting | undefined {
  const text = value.trim();
  if (text === 'real') return { kind: 'real', text };
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [, date, hh = '00', mm = '00', ss = '00', zone = '+07:00'] = m;
  if (!isValidLocalDate(date)) return undefined;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  const atMs = Date.parse(`${date}T${hh}:${mm}:${ss}${zone}`);
  return Number.isNaN(atMs) ? undefined : { kind: 'replay', atMs, text };
}

export const CLOCK_SETTING_HELP = 'expected real, or a date and time such as 2024-09-23T06:30+07:00 (Vietnam time when no offset is given)';

/** `07/12/2024 10:30` in Vietnam time: how the operator's lines write an instant. */
export function clockTime(ms: number): string {
  const { year, month, day } = parts(localDateOfInstant(ms));
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year} ${timeOfInstant(ms)}`;
}

/** A clock `offsetMs` ahead of `wall` (behind when negative). */
export function clockWithOffset(offsetMs: number, wall: () => number = Date.now): Clock {
  const kind: ClockKind = offsetMs === 0 ? 'real' : 'replay';
  const nowMs = () => wall() + offsetMs;
  return {
    nowMs,
    offsetMs,
    kind,
    describe: () =>
      kind === 'real'
        ? `real clock (${clockTime(nowMs())}, Asia/Ho_Chi_Minh)`
        : `replay clock: ${clockTime(nowMs())} now (Asia/Ho_Chi_Minh), ${Math.round(-offsetMs / 86_400_000)} days behind the real date, advancing in real time`,
  };
}

export const REAL_CLOCK: Clock = clockWithOffset(0);

// ─── The replay date of the default run ──────────────────────────────────────

/**
 * Today's day and month (and time of day, Vietnam) in each year of the term on which every
 * top-level unit exists, the latest first: for the shipped plan on 07/12/2026, 07/12/2024 then
 * 2023, 2022, 2021 (07/12/2025 is after the district ended). A term shorter than a year may
 * have none.
 */
export function sameDayInTerm(config: Pick<Config, 'plan' | 'directory'>, realNowMs: number): number[] {
  const { from, to } = config.plan.period;
  const today = parts(localDateOfInstant(realNowMs));
  const time = timeOfInstant(realNowMs);
  const top = config.directory.levels[0]?.id;
  const topUnits = config.directory.units.filter((u) => u.level === top);
  const exists = (d: LocalDate) =>
    compareDates(d, from) >= 0 &&
    compareDates(d, to) <= 0 &&
    topUnits.every((u) => compareDates(d, u.validFrom) >= 0 && (!u.validTo || compareDates(d, u.validTo) <= 0));
  const out: number[] = [];
  for (let year = parts(to).year; year >= parts(from).year; year--) {
    const d = localDate(year, today.month, Math.min(today.day, daysInMonth(year, today.month)));
    if (exists(d)) out.push(toInstantMs(d, time));
  }
  return out;
}

/** How long before the first notice a replay clock starts when it has to move forward. */
export const REPLAY_LEAD_MS = 30_000;

/**
 * The first notice the planners' occurrences send on a clock started at `atMs`: `atMs` itself
 * when one they open then already has a notice due (the catch-up rule sends its latest at
 * once), else the next notice's instant; undefined when none is left in the term.
 */
function firstNoticeMs(index: PlanIndex, atMs: number): number | undefined {
  let next: number | undefined;
  for (const obligation of index.config.plan.obligations) {
    for (const target of index.targets(obligation.id)) {
      const occ = nextOccurrence(index, target, { notDueBeforeMs: atMs }).occurrence;
      if (!occ) continue;
      const opensAtMs = toInstantMs(occ.opensOn, '00:00');
      for (const step of occ.steps) {
        if (step.to.length === 0 || step.atMs > occ.dueAtMs || step.atMs < opensAtMs) continue;
        if (step.atMs <= atMs && opensAtMs <= atMs) return atMs;
        if (step.atMs > atMs && (next === undefined || step.atMs < next)) next = step.atMs;
      }
    }
  }
  return next;
}

/**
 * Where the default run replays a plan whose term is over, so that the first minute shows the
 * system at work: today's day and month in the last year of the term in which its top-level
 * units exist (`sameDayInTerm`) if an occurrence the planners open then already has a notice
 * due; otherwise 30 s before the next notice (the same day alone is quiet on most days of the
 * year: the planners open no occurrence already past due, and between the monthly invitations
 * nothing else may be due); a year earlier when none is left in that year's term (the top
 * unit's last day); the term's first day when the term has no such day.
 */
export function replayStartMs(index: PlanIndex, realNowMs: number): { atMs: number; moved: boolean } {
  const bases = sameDayInTerm(index.config, realNowMs);
  for (const base of bases) {
    const first = firstNoticeMs(index, base);
    if (first === base) return { atMs: base, moved: false };
    if (first !== undefined) return { atMs: Math.max(base, first - REPLAY_LEAD_MS), moved: true };
  }
  return { atMs: bases[0] ?? toInstantMs(index.config.plan.period.from, timeOfInstant(realNowMs)), moved: false };
}

// ─── Persistence ─────────────────────────────────────────────────────────────

/** What `<data>/clock.json` holds. */
export interface ClockRecord {
  kind: ClockKind;
  offsetMs: number;
  /** The clock's reading when the data directory was started on it (ISO, UTC). */
  startedAt: string;
  /** The wall clock then. */
  startedAtReal: string;
  /** The DONDOC_CLOCK it was started with, or `default` (chosen by the default run). */
  setting: string;
  /** Why this clock (the banner's line). */
  reason: string;
}

export type ClockEnv = Pick<Env, 'DONDOC_CLOCK' | 'dataDir' | 'embedded'>;

export const clockFile = (dataDir: string) => path.join(dataDir, 'clock.json');

function readRecord(file: string): ClockRecord | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const r = JSON.parse(text) as Partial<ClockRecord>;
    if ((r.kind === 'real' || r.kind === 'replay') && Number.isFinite(r.offsetMs) && typeof r.startedAt === 'string' && !Number.isNaN(Date.parse(r.startedAt))) {
      return { setting: 'default', reason: '', startedAtReal: r.startedAt, ...r } as ClockRecord;
    }
  } catch {
    // reported below
  }
  throw new ClockError(`${file} is not a clock record (kind, offsetMs, startedAt): restore it, or start on a new clock with another DONDOC_DATA_DIR`);
}

/** The clock a setting names, compared with the one a data directory runs on. */
function sameClock(setting: ClockSetting, record: ClockRecord): boolean {
  if (setting.kind === 'real') return record.kind === 'real';
  return record.kind === 'replay' && Date.parse(record.startedAt) === setting.atMs;
}

function refusal(setting: ClockSetting, record: ClockRecord, file: string): ClockError {
  const running = record.kind === 'real' ? 'the real clock' : `a replay clock that started at ${clockTime(Date.parse(record.startedAt))}`;
  return new ClockError(
    `DONDOC_CLOCK=${JSON.stringify(setting.text)} is refused: ${path.dirname(file)} runs on ${running} (${path.basename(file)}), which its workflows keep; unset DONDOC_CLOCK to resume it, or set DONDOC_DATA_DIR to a new directory to start on another clock`,
  );
}

/** The clock of a record, resumed. */
const resumed = (record: ClockRecord, wall: () => number) => clockWithOffset(record.offsetMs, wall);

/**
 * The clock for a process that reads the data directory but does not own it (the CLI, the web
 * pages on their own): the data directory's clock, else DONDOC_CLOCK (a replay clock then reads
 * the setting at this process's start), else the real clock. Never writes.
 */
export function readClock(env: ClockEnv, wall: () => number = Date.now): Clock {
  const file = clockFile(env.dataDir);
  const record = readRecord(file);
  const setting = env.DONDOC_CLOCK;
  if (record) {
    if (setting && !sameClock(setting, record)) throw refusal(setting, record, file);
    return resumed(record, wall);
  }
  if (setting?.kind === 'replay') return clockWithOffset(setting.atMs - wall(), wall);
  return clockWithOffset(0, wall);
}

export interface StartedClock {
  clock: Clock;
  /** Why this clock, for the banner. */
  reason: string;
  /** True when this start chose it (and wrote clock.json); false when it resumed one. */
  fresh: boolean;
}


/**
 * The clock of the default run (`npm start`, the worker): resumes the data directory's, or
 * chooses one (DONDOC_CLOCK, else the rule above) and records it in `<data>/clock.json`.
 */
export function startClock(env: ClockEnv, index: PlanIndex, wall: () => number = Date.now): StartedClock {
  const file = clockFile(env.dataDir);
  const record = readRecord(file);
  const setting = env.DONDOC_CLOCK;
  if (record) {
    if (setting && !sameClock(setting, record)) throw refusal(setting, record, file);
    return { clock: resumed(record, wall), reason: `resumed from ${file}${record.reason ? `: ${record.reason}` : ''}`, fresh: false };
  }
  const realNow = wall();
  const choice = chooseClock(env, index, setting, realNow);
  const clock = clockWithOffset(choice.offsetMs, wall);
  const written: ClockRecord = {
    kind: clock.kind,
    offsetMs: choice.offsetMs,
    startedAt: new Date(realNow + choice.offsetMs).toISOString(),
    startedAtReal: new Date(realNow).toISOString(),
    setting: setting?.text ?? 'default',
    reason: choice.reason,
  };
  fs.mkdirSync(env.dataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  return { clock, reason: choice.reason, fresh: true };
}

function chooseClock(env: ClockEnv, index: PlanIndex, setting: ClockSetting | undefined, realNow: number): { offsetMs: number; reason: string } {
  if (setting?.kind === 'replay') return { offsetMs: setting.atMs - realNow, reason: `DONDOC_CLOCK=${setting.text}` };
  if (setting?.kind === 'real') return { offsetMs: 0, reason: 'DONDOC_CLOCK=real' };
  const { from, to } = index.config.plan.period;
  const term = `${from}..${to}`;
  const over = compareDates(localDateOfInstant(realNow), to) > 0;
  if (!over) return { offsetMs: 0, reason: `the plan's term (${term}) has not ended` };
  if (!env.embedded) {
    return { offsetMs: 0, reason: `the plan's term (${term}) is over, but TEMPORAL_ADDRESS is set: a deployment replays only with DONDOC_CLOCK` };
  }
  if (fs.existsSync(path.join(env.dataDir, 'temporal.db'))) {
    return { offsetMs: 0, reason: `the plan's term (${term}) is over, but ${env.dataDir} holds workflows started on the real clock before clock.json existed` };
  }
  const start = replayStartMs(index, realNow);
  return {
    offsetMs: start.atMs - realNow,
    reason:
      `the plan's term (${term}) is over: replaying it from ${clockTime(start.atMs)}, today's day and month in the last year of the term ` +
      `in which its top-level units still exist${start.moved ? ', moved to just before the next notice' : ''}`,
  };
}
