/**
 * The directory file (`config/directory.yaml`): units with their validity, body kinds that
 * create the same bodies in every unit of a level, and explicit bodies (district commissions,
 * overrides, real contacts). `directorySchema` parses the file and expands it into the
 * model's `Directory`; `directoryFileSchema` is the file's own shape.
 */
import { z } from 'zod';
import type { Directory, Unit } from '../../domain/model';
import { checkDirectory } from '../check-directory';
import { expandDirectory } from '../expand-directory';
import { email, expected, id, type Equals, inOrder, localDate, text, unitLevel } from './common';

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

const perLevel = <T extends z.ZodType>(schema: T) =>
  z.strictObject({ district: schema.optional(), commune: schema.optional() });

export const unitSchema = z
  .strictObject({
    id,
    name: text,
    level: unitLevel,
    validFrom: localDate,
    validTo: localDate.optional(),
    successor: id.optional(),
    source: text.optional(),
  })
  .superRefine((unit, ctx) => {
    if (!inOrder(unit.validFrom, unit.validTo)) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: `validTo ${unit.validTo} is before validFrom ${unit.validFrom}`, input: unit.validTo });
    }
    if (unit.successor !== undefined && unit.validTo === undefined) {
      ctx.addIssue({ code: 'custom', path: ['successor'], message: 'a successor needs validTo: the last day this unit exists', input: unit.successor });
    }
    if (unit.successor === unit.id) {
      ctx.addIssue({ code: 'custom', path: ['successor'], message: `unit "${unit.id}" cannot be its own successor`, input: unit.successor });
    }
  });

export const contactSchema = z.strictObject({
  name: text,
  role: text,
  email,
  /** Forces the placeholder flag; by default it is derived from the address's domain. */
  placeholder: z.boolean({ error: expected('true or false') }).optional(),
});

/**
 * What a body is to the Party line, which sets how Ban Dân vận writes to it: `leadership`
 * (Thường trực, Ban Thường vụ: a report of facts), `leading-committee` (the Party committee
 * that leads a unit's Front and organisations: asked to lead, direct and urge).
 */
export const partyRole = z.enum(['leadership', 'leading-committee'], { error: expected('leadership or leading-committee') });

export const bodyKindSchema = z.strictObject({
  kind: id,
  partyRole: partyRole.optional(),
  levels: z.array(unitLevel).min(1, { error: 'expected at least one level: district or commune' }),
  /** One pattern for every level, or one per level. */
  name: z.union([nameTemplate, perLevel(nameTemplate)], {
    error: expected('a name pattern such as "Ủy ban MTTQ {unit}", or one per level: {district: ..., commune: ...}'),
  }),
  /** Overrides the level's default supervisors for this kind. */
  supervisors: z
    .union([z.array(idTemplate), perLevel(z.array(idTemplate))], {
      error: expected('a list of body ids, or one list per level: {district: [...], commune: [...]}'),
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
    partyRole: partyRole.optional(),
    validFrom: localDate.optional(),
    validTo: localDate.optional(),
  })
  .superRefine((body, ctx) => {
    if (!inOrder(body.validFrom, body.validTo)) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: `validTo ${body.validTo} is before validFrom ${body.validFrom}`, input: body.validTo });
    }
  });

export const placeholderContactSchema = z.strictObject({
  /** Address pattern with {kind}, {unit} and {id}; keep it on a reserved domain. */
  email: z
    .string({ error: expected('an address pattern such as "{kind}.{unit}@example.vn"') })
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: (issue) => `expected an address pattern such as "{kind}.{unit}@example.vn", found ${JSON.stringify(issue.input)}` })
    .default('{kind}.{unit}@example.vn'),
  role: text.default('Văn phòng'),
});

export const directoryFileSchema = z.strictObject({
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

// Compile-time check: units are written exactly as the model has them.
const sameUnit: Equals<z.output<typeof unitSchema>, Unit> = true;
void sameUnit;
