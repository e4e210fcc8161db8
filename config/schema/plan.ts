/**
 * The plan file (`config/plan.yaml`): the plan's identity and period, its escalation
 * ladders and its obligations. `planSchema` parses it into the model's `Plan`, filling
 * defaults so that the file stays short, and checks everything that needs only the plan;
 * references into the directory are checked by config/references.ts.
 */
import { z } from 'zod';
import type { Ladder, Obligation, Plan } from '../../domain/model';
import { checkPlan } from '../check-plan';
import { expected, expectedVariant, id, type Equals, inOrder, localDate, localTime, plainDuration, text, wholeNumber } from './common';

const level = z.enum(['district', 'commune', 'all']);

const kindSelector = z.strictObject({
  kinds: z.array(id).min(1, { error: 'expected at least one body kind' }),
  /** Which units' bodies: `all` means district and communes, each within its own unit. */
  level: level.default('all'),
});

/** One body by id (`ban-dan-van` or `{body: ban-dan-van}`), or bodies by kind at a level. */
export const simpleSelector = z.union(
  [id.transform((body) => ({ body })), z.strictObject({ body: id }), kindSelector],
  { error: expected('a body id, or {kinds: [...], level: district | commune | all}') },
);

/** An owner: one selector, or a list of them whose bodies are taken together. */
export const ownerSelector = z.union(
  [simpleSelector, z.array(simpleSelector).min(1, { error: 'expected at least one selector' }).transform((anyOf) => ({ anyOf }))],
  { error: expected('a body id, {kinds: [...], level: ...}, or a list of these') },
);

const adjust = z.enum(['previous', 'next']).default('previous');
const dayOfMonth = wholeNumber(1, 31);
const monthDay = z.strictObject({ month: wholeNumber(1, 12), day: dayOfMonth });

export const dueRuleSchema = z.discriminatedUnion(
  'rule',
  [
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
  ],
  { error: expectedVariant('a due rule: {rule: end-of-period | day-of-month | day-of-year | day-of-half | date, ...}') },
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
});

export const obligationSchema = z.strictObject({
  id,
  title: text,
  clause: z.strictObject({ ref: text, text }),
  kind: z.enum(['meeting', 'document', 'registration', 'report', 'event', 'indicator']),
  owner: ownerSelector,
  ownerMode: z.enum(['joint', 'each']).default('joint'),
  participants: z.array(simpleSelector).default([]),
  schedules: z.array(scheduleSchema).min(1, { error: 'expected at least one schedule' }),
  resolution: resolutionSchema.default({ type: 'done' }),
  /** Defaults to the plan's defaultLadder. */
  ladder: id.optional(),
  activeFrom: localDate.optional(),
  activeTo: localDate.optional(),
  dueNote: text.optional(),
});

export const planFileSchema = z.strictObject({
  id,
  title: text,
  source: z.strictObject({
    document: text,
    /** The issuing body's id in the directory. */
    issuedBy: id,
    date: localDate,
    url: z.url({ error: expected('a URL') }).optional(),
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
const sameObligation: Equals<Omit<FileObligation, 'ladder' | 'participants'>, Omit<Obligation, 'ladder' | 'participants'>> = true;
// Participants are plain selectors: a list of them already takes their bodies together.
const participantsFit: Obligation['participants'] = [] as FileObligation['participants'];
void participantsFit;
const sameLadder: Equals<Omit<FileLadder, 'sendAt'>, Omit<Ladder, 'sendAt'>> = true;
const samePlan: Equals<Omit<PlanFile, 'defaultLadder' | 'ladders' | 'obligations'>, Omit<Plan, 'ladders' | 'obligations'>> = true;
void sameObligation;
void sameLadder;
void samePlan;
