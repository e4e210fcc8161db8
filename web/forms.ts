/**
 * The action forms: which fields each link action asks for, and turning a posted form into
 * an Update input. Checks here are for the person filling the form (lengths, a number);
 * the workflow's validators remain the authority and their refusals are shown as they come.
 */
import { INPUT_LIMITS } from '../domain/input-limits';
import type { OccurrenceSpec } from '../domain/spec';
import type { Action } from '../client/occurrence-actions';
import type { LinkAction } from '../platform/links';
import type { LinkOrigin } from '../workflows/messages';
import { FIELD_LABELS, measureWordsVi, quoteVi } from '../vocabulary';

export type FieldName = 'name' | 'position' | 'note' | 'evidence' | 'reason' | 'value';
export type FormValues = Partial<Record<FieldName, string>>;

export interface Field {
  name: FieldName;
  label: string;
  required: boolean;
  maxLength: number;
  multiline: boolean;
  hint?: string;
  numeric?: boolean;
}

/** The reporter's name; the body of the link is added to it in `by`. */
export const NAME_MAX = 100;
const VALUE_MAX = 40;

type Spec = Pick<OccurrenceSpec, 'resolution'>;

export function fieldsFor(action: LinkAction, spec: Spec): Field[] {
  const name: Field = { name: 'name', label: FIELD_LABELS.reporterName, required: true, maxLength: NAME_MAX, multiline: false };
  // The post beside the name: an officer records who reported and in what post (optional).
  const position: Field = { name: 'position', label: FIELD_LABELS.position, required: false, maxLength: INPUT_LIMITS.position, multiline: false };
  const reporter = [name, position];
  const note: Field = { name: 'note', label: FIELD_LABELS.note, required: false, maxLength: INPUT_LIMITS.note, multiline: true };
  const r = spec.resolution;
  switch (action) {
    case 'complete':
      return [
        ...reporter,
        ...(r.type === 'evidence'
          ? [{ name: 'evidence', label: r.evidenceLabel, required: true, maxLength: INPUT_LIMITS.evidence, multiline: false } as Field]
          : []),
        note,
      ];
    case 'waive':
      return [...reporter, { name: 'reason', label: 'Lý do không phát sinh', required: true, maxLength: INPUT_LIMITS.reason, multiline: true }];
    case 'record': {
      // `Tỷ lệ … (sĩ quan, quân nhân chuyên nghiệp), tính theo %`: no second pair of brackets.
      const label = r.type === 'indicator' ? `${r.label}, ${measureWordsVi(r.unit)}` : FIELD_LABELS.value;
      const hint = 'Chỉ ghi số, ví dụ 12 hoặc 12,5; không dùng dấu phân cách hàng nghìn.';
      return [...reporter, { name: 'value', label, required: true, maxLength: VALUE_MAX, multiline: false, hint, numeric: true }, note];
    }
  }
}

/** The posted fields this form knows, as strings; anything else is ignored. */
export function readForm(body: unknown): FormValues {
  const values: FormValues = {};
  if (body === null || typeof body !== 'object') return values;
  for (const key of ['name', 'position', 'note', 'evidence', 'reason', 'value'] as const) {
    const v = (body as Record<string, unknown>)[key];
    if (typeof v === 'string') values[key] = v.replace(/\r\n/g, '\n');
  }
  return values;
}

/** The undo form of an action page posts `undo=1` (and nothing else). */
export function wantsUndo(body: unknown): boolean {
  return body !== null && typeof body === 'object' && (body as Record<string, unknown>).undo === '1';
}

/** `12`, `12,5`, `-3`, `12.5` → number; anything else → undefined. */
export function parseNumberVi(text: string): number | undefined {
  const t = text.trim();
  if (!/^-?\d{1,15}(?:[.,]\d{1,6})?$/.test(t)) return undefined;
  return Number(t.replace(',', '.'));
}

export type FormResult = { ok: true; action: Action } | { ok: false; errors: Partial<Record<FieldName, string>> };

/**
 * Checks a form against its fields and builds the Update; `by` is `name (body name)`, the post
 * (`position`) goes beside it when given, and the link's body (and the window in which it can
 * undo the result) go with it.
 */
export function actionOfForm(action: LinkAction, spec: Spec, values: FormValues, bodyName: string, origin: LinkOrigin = {}): FormResult {
  const errors: Partial<Record<FieldName, string>> = {};
  for (const f of fieldsFor(action, spec)) {
    const v = values[f.name]?.trim() ?? '';
    if (f.required && v === '') errors[f.name] = `Cần điền ${quoteVi(f.label)}.`;
    else if ((values[f.name] ?? '').length > f.maxLength) errors[f.name] = `${quoteVi(f.label)} dài quá ${f.maxLength} ký tự (đang có ${values[f.name]!.length}).`;
    else if (f.numeric && v !== '' && parseNumberVi(v) === undefined) errors[f.name] = `${quoteVi(f.label)} phải là một số, ví dụ 12 hoặc 12,5.`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const by = `${values.name!.trim()} (${bodyName})`.slice(0, INPUT_LIMITS.by);
  const position = values.position?.trim() || undefined;
  const note = values.note?.trim() || undefined;
  switch (action) {
    case 'complete':
      return { ok: true, action: { action: 'complete', input: { by, position, note, evidence: values.evidence?.trim() || undefined, ...origin } } };
    case 'waive':
      return { ok: true, action: { action: 'waive', input: { by, position, reason: values.reason!.trim(), ...origin } } };
    case 'record':
      return { ok: true, action: { action: 'record', input: { by, position, value: parseNumberVi(values.value!)!, note, ...origin } } };
  }
}
