/**
 * Tells a directory, a plan and a calendar file apart by their top-level keys, so that
 * `dondoc validate a.yaml b.yaml` needs no flags. Works on files with syntax errors too.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { ConfigKind } from './load';

/** The top-level key that marks each kind of file. */
export const MARKER_KEYS: Readonly<Record<ConfigKind, string>> = { directory: 'units', plan: 'obligations', calendar: 'years' };

export function detectKind(text: string): ConfigKind | undefined {
  let contents: unknown;
  try {
    contents = parseDocument(text, { logLevel: 'silent' }).contents;
  } catch {
    return undefined;
  }
  if (!isMap(contents)) return undefined;
  const keys = new Set(contents.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
  const kinds = (Object.keys(MARKER_KEYS) as ConfigKind[]).filter((k) => keys.has(MARKER_KEYS[k]));
  return kinds.length === 1 ? kinds[0] : undefined;
}
