/**
 * What a draft needs besides the document: the directory whose bodies the actors are matched
 * against, and the escalation ladders of the plan in force, which a new plan keeps until
 * someone changes them. Both are read with the configuration's own parser and schema, so a
 * bad file is reported as `file:line:col: path: message`.
 */
import type { Node } from 'yaml';
import { ConfigError } from '../config/errors';
import { displayName } from '../config/load';
import { directorySchema } from '../config/schema/directory';
import { parseYaml, readSource, validate } from '../config/yaml-file';
import type { Directory } from '../domain/model';

function parsedFile(file: string) {
  const source = readSource(file, displayName(file));
  if (!('text' in source)) throw new ConfigError([source]);
  const yaml = parseYaml(source);
  if (yaml.issues.length > 0) throw new ConfigError(yaml.issues);
  return yaml;
}

/** The directory in `file`, validated. @throws ConfigError */
export function loadDirectory(file: string): Directory {
  const yaml = parsedFile(file);
  const { value, issues } = validate(directorySchema, yaml);
  if (issues.length > 0 || !value) throw new ConfigError(issues);
  return value;
}

export interface LadderSource {
  file: string;
  /** The `ladders`, `defaultLadder` and `defaultTime` nodes as written, comments included. */
  ladders: Node;
  defaultLadder?: Node;
  defaultTime?: Node;
}

/** The ladders of the plan in `file`, as written there. @throws ConfigError */
export function laddersOf(file: string): LadderSource {
  const yaml = parsedFile(file);
  const ladders = yaml.doc.get('ladders', true) as Node | undefined;
  if (!ladders) {
    throw new ConfigError([{ file: yaml.file, line: 0, col: 0, path: 'ladders', message: 'the plan in force has no ladders for the draft to reuse' }]);
  }
  const defaultLadder = yaml.doc.get('defaultLadder', true) as Node | undefined;
  const defaultTime = yaml.doc.get('defaultTime', true) as Node | undefined;
  return { file: yaml.file, ladders, ...(defaultLadder ? { defaultLadder } : {}), ...(defaultTime ? { defaultTime } : {}) };
}
