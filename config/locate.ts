/**
 * Maps a path inside a parsed YAML document (`['obligations', 3, 'due', 'day']`) to the
 * line and column where it is written. A path that goes further than the file (a missing
 * key) stops at the deepest node that exists: the mapping that lacks the key.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Path } from './errors';

export interface Location {
  line: number;
  col: number;
  /** The part of the path that exists in the file, plus a missing key's name. */
  path: Path;
}

function resolve(node: unknown, doc: Document): unknown {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(doc);
  return current;
}

function start(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * @param atKey locate the last segment's key rather than its value (for unknown or
 *   duplicate keys).
 */
export function locate(doc: Document, counter: LineCounter, path: Path, atKey = false): Location {
  let node: unknown = resolve(doc.contents, doc);
  let offset = start(node) ?? 0;
  const found: Array<string | number> = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const key = resolve(p.key, doc);
        return isScalar(key) ? String(key.value) === String(segment) : false;
      });
      if (!pair) {
        found.push(segment); // a missing key: report it at its mapping
        break;
      }
      found.push(segment);
      const keyStart = start(pair.key);
      const value = resolve(pair.value, doc);
      const valueStart = start(value);
      // A block mapping or list under a key starts on the next line: the key is the better place.
      const block = (isMap(value) || isSeq(value)) && !value.flow;
      offset = (last && atKey) || valueStart === undefined || block ? keyStart ?? offset : valueStart;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = resolve(node.items[segment], doc);
      if (item === undefined) break;
      found.push(segment);
      offset = start(item) ?? offset;
      node = item;
    } else {
      break; // a scalar (e.g. `owner: ban-dan-van` for owner.body): the scalar is the place
    }
  }
  const pos = counter.linePos(offset);
  return { line: pos.line, col: pos.col, path: found };
}
