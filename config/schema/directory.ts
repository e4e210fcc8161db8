/**
 * The directory file (`config/directory.yaml`): the levels of the hierarchy, units with
 * their validity and the way each one ends, body kinds that create the same bodies in every
 * unit of a level, and explicit bodies (district commissions, overrides, real contacts).
 * `directorySchema` parses the file and expands it into the model's `Directory`;
 * `directoryFileSchema` is the file's own shape.
 */
import { z } from 'zod';
import type { Directory, Level, LevelWords, Unit } from '../../domain/model';
import { checkDirectory } from '../check-directory';
import { expandDirectory } from '../expand-directory';
import { checkValidity, email, expected, expectedVariant, id, type Equals, localDate, text } from './common';

/** An id that may contain `{unit}`, replaced by each unit's id: `dang-uy-{unit}`. */
const ID_TEMPLATE_PATTERN = /^(?:[a-z0-9]+|\{unit\})(?:-(?:[a-z0-9]+|\{unit\}))*$/;
export const idTemplate = z
  .string({ error: expected('a body id, optionally with {unit} (e.g. "dang-uy-{unit}")') })
  .regex(ID_TEMPLATE_PATTERN, {
    error: (issue) =>
      `expected a body id in ASCII kebab-case, optionally with {unit} (e.g. "ban-dan-van" or "dang-uy-{unit}"), found ${JSON.stringify(issue.input)}`,
  });

/** A Vietnamese name that may contain `{unit}`, replaced by the unit's name: `Ủy ban MTTQ {unit}`. */
const nameTemplate = text.superRefine((value, ctx) => {
  for (const m of value.matchAll(/\{([^}]*)\}/g)) {
    if (m[1] !== 'unit') {
      ctx.addIssue({ code: 'custom', message: `unknown placeholder {${m[1]}} in ${JSON.stringify(value)}: only {unit} is replaced`, input: value });
    }
  }
});

/** One value per level id (`{district: ..., commune: ...}`); level ids are checked by checkDirectory. */
const perLevel = <T extends z.ZodType>(schema: T) => z.record(id, schema);

/** A level id, or a unit's level: checked against `levels` by checkDirectory. */
const levelId = id;

export const levelSchema = z
  .strictObject({
    id: levelId,
    name: text,
    units: text.optional(),
    grassroots: z.boolean({ error: expected('true or false') }).optional(),
  })
  .superRefine((level, ctx) => {
    if (level.id === 'all') {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'the level id "all" is reserved: selectors use it for every level', input: level.id });
    }
  });

export const levelWordsSchema = z.strictObject({
  all: text.default('các cấp'),
  same: text.default('cùng cấp'),
  grassroots: text.default('cơ sở'),
});

export const partyRoleSchema = z.enum(['leadership', 'leading-committee']);
/** The Fatherland Front (`front`) or one of the socio-political organisations (`organisation`): how a report names them together. */
export const massSchema = z.enum(['front', 'organisation']);

/** How a unit ends: the successor only when merged, a reason when transferred. */
export const unitEndSchema = z.discriminatedUnion(
  'way',
  [
    z.strictObject({ way: z.literal('merged'), successor: id, reason: text.optional() }),
    z.strictObject({ way: z.literal('transferred'), reason: text }),
    z.strictObject({ way: z.literal('abolished'), reason: text.optional() }),
  ],
  { error: expectedVariant('how the unit ends: {way: merged, successor: <unit>} | {way: transferred, reason: ...} | {way: abolished}') },
);

export const unitSchema = z
  .strictObject({
    id,
    name: text,
    level: levelId,
    validFrom: localDate,
    validTo: localDate.optional(),
    end: unitEndSchema.optional(),
    source: text.optional(),
  })
  .superRefine((unit, ctx) => {
    checkValidity(unit, ctx);
    if (unit.end !== undefined && unit.validTo === undefined) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'an end needs validTo: the last day this unit exists', input: unit.end });
    }
    if (unit.end === undefined && unit.validTo !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: 'a unit that ends says how: end: {way: merged, successor: <unit>}, {way: transferred, reason: ...} or {way: abolished}',
        input: unit.validTo,
      });
    }
    if (unit.end?.way === 'merged' && unit.end.successor === unit.id) {
      ctx.addIssue({ code: 'custom', path: ['end', 'successor'], message: `unit "${unit.id}" cannot be its own successor`, input: unit.end.successor });
    }
  });

export const contactSchema = z.strictObject({
  name: text,
  role: text,
  email,
  /** Forces the placeholder flag; by default it is derived from the address's domain. */
  placeholder: z.boolean({ error: expected('true or false') }).optional(),
});

export const bodyKindSchema = z.strictObject({
  kind: id,
  levels: z.array(levelId).min(1, { error: 'expected at least one level id of levels' }),
  /** One pattern for every level, or one per level. */
  name: z.union([nameTemplate, perLevel(nameTemplate)], {
    error: expected('a name pattern such as "Ủy ban MTTQ {unit}", or one per level: {<level>: ..., <level>: ...}'),
  }),
  /** The Party role of every body of this kind (`leading-committee` for each commune's Đảng ủy). */
  partyRole: partyRoleSchema.optional(),
  /** `front` (Ủy ban MTTQ) or `organisation` (a tổ chức chính trị - xã hội) for every body of this kind. */
  mass: massSchema.optional(),
  /** Morning digests for every body of this kind (default: the plan's `digest`). */
  digest: z.boolean({ error: expected('true or false') }).optional(),
  /** Overrides the level's default supervisors for this kind. */
  supervisors: z
    .union([z.array(idTemplate), perLevel(z.array(idTemplate))], {
      error: expected('a list of body ids, or one list per level: {<level>: [...], <level>: [...]}'),
    })
    .optional(),
});

export const bodyEntrySchema = z
  .strictObject({
    id,
    /** With `unit`, replaces the body that bodyKinds would create for that kind and unit. */
    kind: id.optional(),
    unit: id.optional(),
    name: nameTemplate.optional(),
    contacts: z.array(contactSchema).optional(),
    supervisors: z.array(idTemplate).optional(),
    partyRole: partyRoleSchema.optional(),
    mass: massSchema.optional(),
    /**
     * The office that issues this body's invitations, when it does not issue them itself
     * (Văn phòng Huyện ủy for Thường trực Huyện ủy): calendar entries say the official time
     * comes with its invitation.
     */
    office: text.optional(),
    /** This body's notices of one morning in one email, or each on its own (default: its kind's, then the plan's `digest`). */
    digest: z.boolean({ error: expected('true or false') }).optional(),
    validFrom: localDate.optional(),
    validTo: localDate.optional(),
  })
  .superRefine(checkValidity);

export const placeholderContactSchema = z.strictObject({
  /** Address pattern with {kind}, {unit} and {id}; keep it on a reserved domain. */
  email: z
    .string({ error: expected('an address pattern such as "{kind}.{unit}@example.vn"') })
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: (issue) => `expected an address pattern such as "{kind}.{unit}@example.vn", found ${JSON.stringify(issue.input)}` })
    .default('{kind}.{unit}@example.vn'),
  role: text.default('Văn phòng'),
});

export const directoryFileSchema = z.strictObject({
  /** The levels of the hierarchy, top first. */
  levels: z.array(levelSchema).min(1, { error: 'expected at least one level' }),
  /** The words of the plan's text for levels; the defaults are the usual ones. */
  levelWords: levelWordsSchema.default({ all: 'các cấp', same: 'cùng cấp', grassroots: 'cơ sở' }),
  units: z.array(unitSchema).min(1, { error: 'expected at least one unit' }),
  /** Escalation chain of the bodies of each level unless a kind or body says otherwise. */
  defaultSupervisors: perLevel(z.array(idTemplate)).default({}),
  /** How contacts are generated for bodies that have none. */
  placeholderContact: placeholderContactSchema.default({ email: '{kind}.{unit}@example.vn', role: 'Văn phòng' }),
  bodyKinds: z.array(bodyKindSchema).default([]),
  bodies: z.array(bodyEntrySchema).default([]),
});

export type DirectoryFile = z.output<typeof directoryFileSchema>;
export type BodyKindEntry = z.output<typeof bodyKindSchema>;
export type BodyEntry = z.output<typeof bodyEntrySchema>;

/** Parses a directory file and expands it into the model's `Directory`, checking every reference. */
export const directorySchema = directoryFileSchema.transform((file, ctx): Directory => {
  const expansion = expandDirectory(file);
  for (const problem of [...expansion.problems, ...checkDirectory(file, expansion)]) {
    ctx.issues.push({ code: 'custom', path: [...problem.path], message: problem.message, input: undefined });
  }
  return expansion.directory;
});

// Compile-time checks: units and levels are written exactly as the model has them.
const sameUnit: Equals<z.output<typeof unitSchema>, Unit> = true;
const sameLevel: Equals<z.output<typeof levelSchema>, Level> = true;
const sameWords: Equals<z.output<typeof levelWordsSchema>, LevelWords> = true;
void sameUnit;
void sameLevel;
void sameWords;
