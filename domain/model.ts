/**
 * The validated, typed model of dondoc's configuration: the directory (units and bodies),
 * the plan (obligations) and the official calendar data.
 *
 * These are plain, immutable data types with no behaviour and no I/O. The zod schemas in
 * config/schema produce exactly these shapes; the domain core, the workflows, the CLI and
 * the tests consume them. Dates are local dates in Asia/Ho_Chi_Minh written `YYYY-MM-DD`.
 */

/** A calendar date in Asia/Ho_Chi_Minh, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A wall-clock time in Asia/Ho_Chi_Minh, `HH:MM`. */
export type LocalTime = string;

// ─── Directory ───────────────────────────────────────────────────────────────

/**
 * A level of the administrative hierarchy, as the directory lists them (`levels:`), top
 * first: `district` (huyện) over `commune` (xã) in 2021; `province` (tỉnh) over `commune`
 * (xã, phường, đặc khu) in the two-tier structure since 01/7/2025.
 */
export interface Level {
  /** Stable id, ASCII kebab-case: `district`, `commune`, `province`. Never `all`. */
  id: string;
  /** The level's own word: `huyện`, `xã`, `tỉnh` — "cấp huyện", "cấp xã". */
  name: string;
  /** The units of the level named together, after "các": `xã, thị trấn`; defaults to name. */
  units?: string;
  /** The level the plan calls "cơ sở" (the grassroots); at most one. */
  grassroots?: boolean;
}

/** The words the plan's text uses for levels: "các cấp", "cùng cấp", "cơ sở". */
export interface LevelWords {
  /** Every level: `các cấp`. */
  all: string;
  /** The level of the unit at hand: `cùng cấp`. */
  same: string;
  /** The grassroots level: `cơ sở`. */
  grassroots: string;
}

/** A level id of the directory's `levels`. */
export type UnitLevel = string;

/**
 * How a unit ends, after its last day (validTo):
 * - `merged`: merged or renamed into a successor inside the directory, which carries its
 *   open work on (handover);
 * - `transferred`: out of the plan's scope, the unit living on elsewhere (the ten units that
 *   formed thị xã Chũ on 01/01/2025): its open work closes, with the reason;
 * - `abolished`: it ceases to exist: its open work closes.
 * `reason` is Vietnamese, shown on status pages, the board and the report.
 */
export type UnitEnd =
  | { way: 'merged'; successor: string; reason?: string }
  | { way: 'transferred'; reason: string }
  | { way: 'abolished'; reason?: string };

export interface Unit {
  /** Stable id, ASCII kebab-case without diacritics: `huyen`, `bien-son`, `chu`. */
  id: string;
  /** Vietnamese name with its type word: `huyện Lục Ngạn`, `xã Biên Sơn`, `thị trấn Chũ`. */
  name: string;
  level: UnitLevel;
  /** First day the unit exists (inclusive). */
  validFrom: LocalDate;
  /** Last day the unit exists (inclusive); absent while it still exists. */
  validTo?: LocalDate;
  /** How it ends: present exactly when validTo is. */
  end?: UnitEnd;
  /** Where the fact comes from (resolution number and date). */
  source?: string;
}

export interface Contact {
  name: string;
  /** Vietnamese role: `Chủ tịch`, `Phó Trưởng ban`, `Văn phòng`. */
  role: string;
  email: string;
  /** True when the address is a placeholder on a reserved domain (example.vn). */
  placeholder: boolean;
}

export interface Body {
  /** Stable id: `ban-dan-van`, `mttq-huyen`, `ubnd-bien-son`. */
  id: string;
  /** Vietnamese name: `Ủy ban MTTQ xã Biên Sơn`. */
  name: string;
  /** Body kind shared across units: `mttq`, `ubnd`, `hdnd`, `dang-uy`, `hnd`, … */
  kind: string;
  unit: string;
  contacts: Contact[];
  /** Escalation chain, nearest first: body ids. Level 1 is supervisors[0]. */
  supervisors: string[];
  validFrom?: LocalDate;
  validTo?: LocalDate;
  /** Its place in the Party's line, which decides how it is addressed (see PartyRole). */
  partyRole?: PartyRole;
  /**
   * `front`: the Fatherland Front's committee (Ủy ban MTTQ); `organisation`: a socio-political
   * organisation (tổ chức chính trị - xã hội). A report names a level's whole set together.
   */
  mass?: 'front' | 'organisation';
  /** Its notices of one morning in one email (the morning digest); absent: the plan's `digest`. */
  digest?: boolean;
  /**
   * The office that issues its invitations when it does not itself (`Văn phòng Huyện ủy` for
   * Thường trực Huyện ủy); absent: the body issues them.
   */
  office?: string;
}

/**
 * - `leadership`: the Party leadership a report of facts is addressed to (Thường trực and
 *   Ban Thường vụ Huyện ủy): "báo cáo", never instructions;
 * - `leading-committee`: the Party committee that leads a unit's Front and organisations
 *   (every commune's Đảng ủy): "đề nghị … quan tâm lãnh đạo, chỉ đạo, đôn đốc".
 */
export type PartyRole = 'leadership' | 'leading-committee';

export interface Directory {
  /** The levels of the hierarchy, top first. */
  levels: Level[];
  levelWords: LevelWords;
  units: Unit[];
  bodies: Body[];
}

// ─── Plan ────────────────────────────────────────────────────────────────────

/**
 * Picks bodies. Either one named body, or bodies by kind at a level; a kind selector is
 * resolved within the unit being fanned out ("of the same level").
 */
export type BodySelector =
  | { body: string }
  | { kinds: string[]; level: UnitLevel | 'all' }
  /**
   * The bodies of several selectors together, e.g. the district organisations and every
   * commune's Party committee (IV.2). Written in YAML as a list of selectors.
   */
  | { anyOf: Array<{ body: string } | { kinds: string[]; level: UnitLevel | 'all' }> };

/** `half-yearly`: January–June and July–December ("6 tháng", sơ kết 6 tháng). */
export type Recurrence = 'once' | 'monthly' | 'quarterly' | 'half-yearly' | 'annual';

/** When a non-working computed date moves: to the working day before, or after. */
export type Adjust = 'previous' | 'next';

/** A day of the year without the year: 15/6 is `{month: 6, day: 15}`. */
export interface MonthDay {
  month: number;
  day: number;
}

/** A rule that gives a day of a period (a due date, or the day of an event). */
export type DayRule =
  /** Last working day of the period (month, quarter, half-year or year). */
  | { rule: 'end-of-period' }
  /** A fixed day of each month (monthly); per-unit overrides, e.g. a commune's reception day. */
  | { rule: 'day-of-month'; day: number; adjust: Adjust; unitOverrides?: Record<string, number> }
  /** A fixed day of the year (annual): 31/3, 15/12, 18/11. */
  | { rule: 'day-of-year'; month: number; day: number; adjust: Adjust }
  /** A fixed day in each half of the year (half-yearly): "trước ngày 15/6 và 15/12". */
  | { rule: 'day-of-half'; h1: MonthDay; h2: MonthDay; adjust: Adjust }
  /** One date (once). */
  | { rule: 'date'; date: LocalDate; adjust: Adjust };

export type DueRule =
  | DayRule
  /**
   * Due a number of working days before an event held on its own day, which the owner's
   * duty prepares: the invitations to the chair's citizen reception are due 2 working days
   * before the reception day. The event is what the invitees' calendars get.
   */
  | { rule: 'before-event'; workingDays: number; event: DayRule };

export interface Schedule {
  recurrence: Recurrence;
  due: DueRule;
  /**
   * Distinguishes two schedules of one obligation in ids and periods (e.g. `quarterly`
   * and `annual` working sessions). Absent when the obligation has one schedule.
   */
  key?: string;
  /** Time of day of a meeting (or the event) and of the deadline, `HH:MM`; default from the plan. */
  time?: LocalTime;
  /** Meeting (or event) length in minutes, for calendar invites. */
  durationMinutes?: number;
}

export type Resolution =
  | { type: 'done' }
  | { type: 'evidence'; evidenceLabel: string }
  | { type: 'waivable' }
  | {
      type: 'indicator';
      label: string;
      unit: string;
      /** The comparison that makes the value meet the target; target may be set by an admin. */
      comparison: '>=' | '<=';
      target?: number;
    };

export type LadderRecipient = 'owner' | 'participants' | 'monitor' | { supervisor: number } | { body: string };

export interface ReminderStep {
  /** Working days before the due date (>= 1). */
  before: number;
  to: LadderRecipient[];
}

export interface EscalationStep {
  /** Working days after the due date (>= 1). */
  after: number;
  to: LadderRecipient[];
  /** Repeat every N working days, `times` more times, while still unresolved. */
  repeat?: { every: number; times: number };
}

/** A duration for drills: `90s`, `5m`, `2h`, `1d`. */
export type PlainDuration = string;

export interface Ladder {
  id: string;
  /** `working-days` for production; `plain` measures before/after/every in `stepDuration` units. */
  measure: 'working-days' | 'plain';
  /** For `plain` ladders: what one unit of before/after/every means. */
  stepDuration?: PlainDuration;
  /** Time of day steps are sent, `HH:MM`; with a send window, the window's end. */
  sendAt: LocalTime;
  /**
   * Working-day ladders: the notices of a morning are spread over this long before `sendAt`
   * (`30m`: 07:00–07:30), each unit's at its own second (domain/send-window.ts, `sendLeadMs`), so
   * that they do not all wake the worker at one instant; its last 65 s are the digests'. Absent:
   * all at `sendAt`.
   */
  sendWindow?: PlainDuration;
  reminders: ReminderStep[];
  /** A notice on the due day. */
  onDue: { to: LadderRecipient[] } | null;
  escalations: EscalationStep[];
  /** Working days after due when an unresolved occurrence is closed as overdue. */
  closeAfter: number;
  /**
   * A notice found late by more than this (the worker, the server or SMTP was down) is sent
   * only if it is still the latest and true (domain/catch-up.ts); default 2h, half a step for
   * plain ladders.
   */
  grace?: PlainDuration;
}

/**
 * `meeting`: the owner convenes it, on the due date; `invitation`: the owner invites others
 * to an event held on its own day by someone else (the chair's citizen reception), due
 * before it (a `before-event` due rule).
 */
export type ObligationKind = 'meeting' | 'invitation' | 'document' | 'registration' | 'report' | 'event' | 'indicator';

export interface Clause {
  /** `II.1 ¶2`, `IV.4`, `II.3 (Hội CCB)`. */
  ref: string;
  /** The plan's own Vietnamese words, quoted. */
  text: string;
}

export interface Obligation {
  id: string;
  title: string;
  /** The short name for subjects, calendar entries and the board's columns (`Giao ban`); the title when absent. */
  shortTitle?: string;
  clause: Clause;
  kind: ObligationKind;
  owner: BodySelector;
  /** `joint`: one occurrence per unit for all owner bodies; `each`: one per owner body. */
  ownerMode: 'joint' | 'each';
  participants: BodySelector[];
  /**
   * Who receives what the owner delivers, beyond the monitor: the Nơi nhận of a report
   * ("báo cáo kết quả thực hiện với Ban Thường vụ Huyện ủy"). Not notified by the ladder.
   */
  receivers: BodySelector[];
  schedules: Schedule[];
  resolution: Resolution;
  ladder: string;
  /** Obligation-specific window inside the plan period. */
  activeFrom?: LocalDate;
  activeTo?: LocalDate;
  /** Where the default due date is our proposal, not the plan's words. */
  dueNote?: string;
}

/**
 * A clause of the plan that dondoc does not chase, with the reason: a standing duty without
 * a deliverable that could be checked on a date.
 */
export interface UnchasedClause {
  clause: Clause;
  reason: string;
}

/**
 * The document the plan is, as letters, pages and the report cite it ("Căn cứ"): either the
 * citation written out whole (`document`), or its parts — type, number, day of signing,
 * subject — which vocabulary/plan.ts writes out with the issuer's name. A copy that leaves
 * the number or the day blank leaves them out here, and the plan is cited without them.
 */
export interface PlanSource {
  document?: string;
  /** `Kế hoạch`. */
  type?: string;
  /** `12-KH/HU`. */
  number?: string;
  /** The day it was signed; without it a citation names the month of `date`. */
  signedOn?: LocalDate;
  /** `thực hiện Kết luận số 115-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang`. */
  subject?: string;
  /** The issuing body's id. */
  issuedBy: string;
  /** The plan's date: nothing falls due before it. */
  date: LocalDate;
  url?: string;
}

export interface Plan {
  id: string;
  title: string;
  source: PlanSource;
  period: { from: LocalDate; to: LocalDate };
  /** The body that monitors the whole plan (Ban Dân vận); recipient `monitor`. */
  monitor: string;
  /** Default time of day for deadlines and meetings, `HH:MM`. */
  defaultTime: LocalTime;
  ladders: Ladder[];
  obligations: Obligation[];
  /** Clauses that are standing duties, not chased, each with its reason. */
  notChased: UnchasedClause[];
  /** The annual report as a Party document (subject, signer, Nơi nhận); absent: the report's defaults. */
  annualReport?: AnnualReportSettings;
  /** Default of the bodies' `digest` (one email per address per morning); absent: on. */
  digest?: boolean;
}

/**
 * The annual report (dự thảo báo cáo năm) as a Party document: plan data, not code (the
 * `annualReport:` block of the plan file).
 */
export interface AnnualReportSettings {
  /** The subject line (trích yếu) under BÁO CÁO, with `{year}` for the report's year and `{plan}` for the plan as cited. */
  subject?: string;
  /**
   * Who signs for the commission: its head (`head`: TRƯỞNG BAN) or a deputy on the head's
   * behalf (`deputy`: K/T TRƯỞNG BAN, PHÓ TRƯỞNG BAN); the name printed under the signature.
   */
  signer: { signs: 'head' | 'deputy'; name?: string };
  /**
   * Nơi nhận, in the order printed: `- Thường trực Huyện ủy (b/c),`. A line may name the
   * directory's body it goes to (`body`); the receivers of the monitor's report obligation
   * each have one. The obligation's `receivers` say whom the duty is owed to (the clause);
   * this list is the document's distribution, which also has copies upward (b/c) and for
   * information.
   */
  recipients: { name: string; body?: string; purpose?: string }[];
  /** Who files the copy, the last line of Nơi nhận: `- Lưu Văn phòng Ban.` */
  archive: string;
}

// ─── Calendar data ───────────────────────────────────────────────────────────

export interface OfficialDay {
  date: LocalDate;
  name: string;
}

/** One year's official notice(s): days off and swapped working days. */
export interface OfficialYear {
  year: number;
  /** Notice number, date and issuer. */
  source: string;
  /** Days off decided by the notice (they replace the computed Tết and 2/9 defaults). */
  daysOff: OfficialDay[];
  /** Weekend days made working days by a swap. */
  workingDays: OfficialDay[];
}

export interface Config {
  directory: Directory;
  plan: Plan;
  calendar: OfficialYear[];
}
