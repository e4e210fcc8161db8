/**
 * The plan file (`config/plan.yaml`): the plan's identity and period, its escalation
 * ladders and its obligations. `planSchema` parses it into the model's `Plan`, filling
 * defaults so that the file stays short, and checks everything that needs only the plan;
 * references into the directory are checked by config/references.ts.
 */
import { z } from 'zod';
import type { AnnualReportSettings, Directory, Ladder, Obligation, Plan } from '../../domain/model';
import { planReportReceivers } from '../../domain/targets';
import { checkPlan } from '../check-plan';
import { expected, expectedVariant, id, type Equals, inOrder, localDate, localTime, plainDuration, show, text, wholeNumber } from './common';

const kindSelector = z.strictObject({
  kinds: z.array(id).min(1, { error: 'expected at least one body kind' }),
  /**
   * Which units' bodies: a level id of the directory (checked by config/references.ts), or
   * `all` ("các cấp"), every level, each unit's own bodies.
   */
  level: id.default('all'),
});

/** One body by id (`ban-dan-van` or `{body: ban-dan-van}`), or bodies by kind at a level. */
export const simpleSelector = z.union(
  [id.transform((body) => ({ body })), z.strictObject({ body: id }), kindSelector],
  { error: expected('a body id, or {kinds: [...], level: <level id> | all}') },
);

/** An owner: one selector, or a list of them whose bodies are taken together. */
export const ownerSelector = z.union(
  [simpleSelector, z.array(simpleSelector).min(1, { error: 'expected at least one selector' }).transform((anyOf) => ({ anyOf }))],
  { error: expected('a body id, {kinds: [...], level: ...}, or a list of these') },
);

const adjust = z.enum(['previous', 'next']).default('previous');
const dayOfMonth = wholeNumber(1, 31);
const monthDay = z.strictObject({ month: wholeNumber(1, 12), day: dayOfMonth });

const dayRules = [
  z.strictObject({ rule: z.literal('end-of-period') }),
  z.strictObject({
    rule: z.literal('day-of-month'),
    day: dayOfMonth,
    adjust,
    /** Per-unit day, e.g. a commune chair's citizen-reception day. */
    unitOverrides: z.record(id, dayOfMonth).optional(),
  }),
  z.strictObject({ rule: z.literal('day-of-year'), month: wholeNumber(1, 12), day: dayOfMonth, adjust }),
  /** Half-yearly: one day in January–June (h1) and one in July–December (h2), e.g. 15/6 and 15/12. */
  z.strictObject({ rule: z.literal('day-of-half'), h1: monthDay, h2: monthDay, adjust }),
  z.strictObject({ rule: z.literal('date'), date: localDate, adjust }),
] as const;

/** The day of an event (the chair's reception day), by the same rules as a due date. */
export const dayRuleSchema = z.discriminatedUnion('rule', [...dayRules], {
  error: expectedVariant('a day rule: {rule: end-of-period | day-of-month | day-of-year | day-of-half | date, ...}'),
});

export const dueRuleSchema = z.discriminatedUnion(
  'rule',
  [
    ...dayRules,
    /** Due `workingDays` before the day of an event the owner prepares (invitations to it). */
    z.strictObject({ rule: z.literal('before-event'), workingDays: wholeNumber(1, 60), event: dayRuleSchema }),
  ],
  { error: expectedVariant('a due rule: {rule: end-of-period | day-of-month | day-of-year | day-of-half | date | before-event, ...}') },
);

export const scheduleSchema = z.strictObject({
  recurrence: z.enum(['once', 'monthly', 'quarterly', 'half-yearly', 'annual']),
  due: dueRuleSchema,
  key: id.optional(),
  time: localTime.optional(),
  durationMinutes: wholeNumber(1, 24 * 60).optional(),
});

export const resolutionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('done') }),
    z.strictObject({ type: z.literal('evidence'), evidenceLabel: text }),
    z.strictObject({ type: z.literal('waivable') }),
    z.strictObject({
      type: z.literal('indicator'),
      label: text,
      unit: text,
      comparison: z.enum(['>=', '<=']).default('>='),
      target: z.number({ error: expected('a number') }).optional(),
    }),
  ],
  { error: expectedVariant('a resolution: {type: done | evidence | waivable | indicator, ...}') },
);

export const ladderRecipientSchema = z.union(
  [
    z.enum(['owner', 'participants', 'monitor']),
    z.strictObject({ supervisor: wholeNumber(1) }),
    z.strictObject({ body: id }),
  ],
  { error: expected('owner, participants, monitor, {supervisor: N} or {body: <id>}') },
);

const recipients = z.array(ladderRecipientSchema).min(1, { error: 'expected at least one recipient' });

export const ladderSchema = z.strictObject({
  id,
  measure: z.enum(['working-days', 'plain']).default('working-days'),
  stepDuration: plainDuration.optional(),
  /** Defaults to the plan's defaultTime. */
  sendAt: localTime.optional(),
  /** Working-day ladders: the notices of a morning spread over this long before sendAt, each unit at its own second (`30m`). */
  sendWindow: plainDuration.optional(),
  reminders: z.array(z.strictObject({ before: wholeNumber(1), to: recipients })).default([]),
  onDue: z.strictObject({ to: recipients }).nullable().default(null),
  escalations: z
    .array(
      z.strictObject({
        after: wholeNumber(1),
        to: recipients,
        repeat: z.strictObject({ every: wholeNumber(1), times: wholeNumber(1) }).optional(),
      }),
    )
    .default([]),
  closeAfter: wholeNumber(1),
  /** A notice found later than this is sent only if still the latest and true (default 2h; plain: half a step). */
  grace: plainDuration.optional(),
});

export const obligationSchema = z.strictObject({
  id,
  title: text,
  /** The short name for subjects, calendar entries and the board's columns; the title when absent. */
  shortTitle: text.optional(),
  clause: z.strictObject({ ref: text, text }),
  kind: z.enum(['meeting', 'invitation', 'document', 'registration', 'report', 'event', 'indicator']),
  owner: ownerSelector,
  ownerMode: z.enum(['joint', 'each']).default('joint'),
  participants: z.array(simpleSelector).default([]),
  /** Who receives the deliverable (the Nơi nhận of a report); not notified by the ladder. */
  receivers: z.array(simpleSelector).default([]),
  schedules: z.array(scheduleSchema).min(1, { error: 'expected at least one schedule' }),
  resolution: resolutionSchema.default({ type: 'done' }),
  /** Defaults to the plan's defaultLadder. */
  ladder: id.optional(),
  activeFrom: localDate.optional(),
  activeTo: localDate.optional(),
  dueNote: text.optional(),
});

/**
 * `annualReport:` the annual report as a Party document (Hướng dẫn 36-HD/VPTW): the subject
 * under BÁO CÁO (`{year}` for the year), who signs it for the commission, and Nơi nhận. The
 * renderer adds the dash, the purpose in brackets and the final comma or full stop, so a
 * recipient is written as a plain name.
 */
export const annualReportSchema = z.strictObject({
  subject: text
    .refine((s) => s.includes('{year}'), { error: 'expected the subject to contain {year}, where the report\'s year goes' })
    .refine((s) => !/\{(?!year\}|plan\})[^}]*\}/.test(s), {
      error: (issue) => `expected no placeholder other than {year} and {plan}, found ${show(/\{(?!year\}|plan\})[^}]*\}/.exec(String(issue.input))?.[0])}`,
    })
    .optional(),
  signer: z
    .strictObject({
      /** `head`: TRƯỞNG BAN; `deputy`: K/T TRƯỞNG BAN over PHÓ TRƯỞNG BAN. */
      signs: z.enum(['head', 'deputy']).default('head'),
      name: text.optional(),
    })
    .default({ signs: 'head' }),
  recipients: z
    .array(
      z.strictObject({
        name: text.refine((s) => !/^[-–•]|[,.;]$/.test(s), {
          error: (issue) => `expected a plain name (the dash and the final comma are added when printed), found ${show(issue.input)}`,
        }),
        /**
         * The directory's body this line is addressed to, when it is one: a receiver of the
         * monitor's report obligation must have its line (checked by config/references.ts).
         */
        body: id.optional(),
        /** `b/c` for a report upward: printed `(b/c)`. */
        purpose: text.refine((s) => !/^\(|\)$/.test(s), { error: (issue) => `expected the purpose without brackets (e.g. b/c), found ${show(issue.input)}` }).optional(),
      }),
    )
    .default([]),
  /** Who files the copy: `Văn phòng Ban` is printed `- Lưu Văn phòng Ban.` */
  archive: text.default('Văn phòng Ban'),
});

/**
 * The plan's annual-report settings, with the schema's defaults when the plan has no
 * `annualReport:` block. A plan that lists no Nơi nhận gets one line for each receiver of
 * the monitor's report obligation (its `receivers`), by the directory's name.
 */
export function annualReportOf(plan: Pick<Plan, 'annualReport' | 'obligations' | 'monitor'>, directory: Directory): AnnualReportSettings {
  const settings = plan.annualReport ?? annualReportSchema.parse({});
  if (settings.recipients.length > 0) return settings;
  return { ...settings, recipients: planReportReceivers(plan, directory).map((b) => ({ name: b.name, body: b.id })) };
}

export const planFileSchema = z.strictObject({
  id,
  title: text,
  source: z
    .strictObject({
      /** The citation written out whole: `Kế hoạch số 01-KH/TU ngày 15/9/2025 của Ban Thường vụ Tỉnh ủy …`. */
      document: text.optional(),
      /** Or in parts (vocabulary/plan.ts writes them out): the kind of document, `Kế hoạch`; */
      type: text.optional(),
      /** its number, `12-KH/HU`, when the copy at hand gives it; */
      number: text.optional(),
      /** the day it was signed, when the copy gives it (without it the citation names the month of `date`); */
      signedOn: localDate.optional(),
      /** what it is about: `thực hiện Kết luận số 115-KL/TU ngày 09/7/2021 của …`. */
      subject: text.optional(),
      /** The issuing body's id in the directory. */
      issuedBy: id,
      /** The plan's date: nothing falls due before it. */
      date: localDate,
      url: z.url({ error: expected('a URL') }).optional(),
    })
    .superRefine((source, ctx) => {
      const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message, input: undefined });
      if (source.document !== undefined) {
        for (const key of ['type', 'number', 'signedOn', 'subject'] as const) {
          if (source[key] !== undefined) problem(key, `either document (the citation written out whole) or type, number, signedOn and subject, not both`);
        }
      } else {
        if (source.type === undefined) problem('type', 'missing required key: the kind of document (type: Kế hoạch), or the whole citation as document');
        if (source.subject === undefined) problem('subject', 'missing required key: what the plan is about (subject: thực hiện Kết luận số …)');
      }
    }),
  period: z.strictObject({ from: localDate, to: localDate }).superRefine((period, ctx) => {
    if (!inOrder(period.from, period.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `period.to ${period.to} is before period.from ${period.from}`, input: period.to });
    }
  }),
  monitor: id,
  defaultTime: localTime.default('08:00'),
  /** The ladder of obligations that name none. */
  defaultLadder: id.optional(),
  ladders: z.array(ladderSchema).min(1, { error: 'expected at least one ladder' }),
  obligations: z.array(obligationSchema).min(1, { error: 'expected at least one obligation' }),
  /** Clauses that are standing duties dondoc does not chase, each with the reason. */
  notChased: z.array(z.strictObject({ clause: z.strictObject({ ref: text, text }), reason: text })).default([]),
  annualReport: annualReportSchema.optional(),
  /** The notices of one morning to one address in one email (each body may say otherwise); default true. */
  digest: z.boolean({ error: expected('true or false') }).optional(),
});

export type PlanFile = z.output<typeof planFileSchema>;

/** Parses a plan file into the model's `Plan`. */
export const planSchema = planFileSchema
  .superRefine((file, ctx) => {
    for (const problem of checkPlan(file)) {
      ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message, input: undefined });
    }
  })
  .transform((file): Plan => {
    const { defaultLadder, ...plan } = file;
    return {
      ...plan,
      ladders: file.ladders.map((ladder) => ({ ...ladder, sendAt: ladder.sendAt ?? file.defaultTime })),
      // checkPlan guarantees a ladder for every obligation.
      obligations: file.obligations.map((o) => ({ ...o, ladder: o.ladder ?? defaultLadder ?? '' })),
    };
  });

// Compile-time checks: apart from the defaults filled above, the file's shapes are the model's.
type FileObligation = PlanFile['obligations'][number];
type FileLadder = PlanFile['ladders'][number];
const sameObligation: Equals<Omit<FileObligation, 'ladder' | 'participants' | 'receivers'>, Omit<Obligation, 'ladder' | 'participants' | 'receivers'>> = true;
// Participants and receivers are plain selectors: a list of them already takes their bodies together.
const participantsFit: Obligation['participants'] = [] as FileObligation['participants'];
const receiversFit: Obligation['receivers'] = [] as FileObligation['receivers'];
void participantsFit;
void receiversFit;
const sameLadder: Equals<Omit<FileLadder, 'sendAt'>, Omit<Ladder, 'sendAt'>> = true;
const sameReport: Equals<z.output<typeof annualReportSchema>, AnnualReportSettings> = true;
void sameReport;
const samePlan: Equals<Omit<PlanFile, 'defaultLadder' | 'ladders' | 'obligations'>, Omit<Plan, 'ladders' | 'obligations'>> = true;
void sameObligation;
void sameLadder;
void samePlan;
