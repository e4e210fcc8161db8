/**
 * Reads and parses one YAML file, keeping what is needed to point every later problem at
 * its line: the document, the line counter and the file's display name. Syntax errors,
 * unresolved tags and keys that are not plain text are problems of the file itself.
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, isScalar, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import type { ConfigIssue, Path } from './errors';
import { formatPath } from './errors';
import { errorMap, problemsOf } from './issues';
import { locate } from './locate';

export interface YamlSource {
  /** The name shown in messages (a path relative to the working directory). */
  file: string;
  text: string;
}

export interface YamlFile {
  file: string;
  doc: Document;
  counter: LineCounter;
  /** The plain data, undefined when the file has syntax errors. */
  data: unknown;
  issues: ConfigIssue[];
}

/** Reads a file; a file that cannot be read yields an issue naming it. */
/** Largest configuration file read: the shipped plan is 26 KB, a ten-district directory ≈200 KB. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export function readSource(file: string, display = file): YamlSource | ConfigIssue {
  try {
    const { size } = statSync(file);
    if (size > MAX_CONFIG_BYTES) {
      const message = `the file has ${size} bytes, over the ${MAX_CONFIG_BYTES} (4 MB) a configuration file may have: is it the right file?`;
      return { file: display, line: 0, col: 0, path: '', message };
    }
    return { file: display, text: readFileSync(file, 'utf8') };
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    return { file: display, line: 0, col: 0, path: '', message: `cannot read the file: ${reason}` };
  }
}

export function parseYaml(source: YamlSource): YamlFile {
  const counter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter: counter, prettyErrors: false, logLevel: 'silent', uniqueKeys: true });
  const issues: ConfigIssue[] = [];
  const at = (offset: number, message: string) => {
    const pos = counter.linePos(offset);
    issues.push({ file: source.file, line: pos.line, col: pos.col, path: '', message });
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    const detail = e.message.split('\n')[0] ?? e.message;
    at(e.pos[0], e.code === 'DUPLICATE_KEY' ? 'duplicate key: this key is already used in the same mapping' : `YAML: ${detail}`);
  }
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key)) at((pair.key as { range?: [number] } | null)?.range?.[0] ?? 0, 'expected a plain text key; lists, mappings and empty keys cannot be keys');
    },
  });
  let data: unknown;
  if (issues.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (err) {
      at(0, `YAML: ${(err as Error).message}`);
    }
  }
  return { file: source.file, doc, counter, data, issues };
}

/** Validates a parsed file with a schema; every problem is located in the file. */
export function validate<T>(schema: z.ZodType<T>, yaml: YamlFile): { value?: T; issues: ConfigIssue[] } {
  const result = schema.safeParse(yaml.data, { error: errorMap, reportInput: true });
  if (result.success) return { value: result.data, issues: [] };
  return { issues: problemsOf(result.error).map((p) => place(yaml, p.path, p.message, p.atKey)) };
}

/** A problem at `path` in this file as an issue with line and column. */
export function place(yaml: YamlFile, path: Path, message: string, atKey = false): ConfigIssue {
  const where = locate(yaml.doc, yaml.counter, path, atKey);
  return { file: yaml.file, line: where.line, col: where.col, path: formatPath(where.path), message };
}
