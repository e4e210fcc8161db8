/**
 * A tiny renderer for the email templates: a strict subset of Mustache, enough for
 * readable template files and no more.
 *
 *   {{name}} {{a.b}} {{.}}   a value; in HTML templates always escaped (there is no raw form)
 *   {{#name}}…{{/name}}      a section: repeated for each item of a list, entered for an
 *                            object, shown once for any other truthy value
 *   {{^name}}…{{/name}}      shown when name is missing, false, '' or an empty list
 *   {{> partial}}            another template file (partials/<name>.<same extension>)
 *   {{! comment }}
 *
 * A value that is missing is an error (a typo in a template fails the tests, not a mail);
 * a section over a missing name is simply not shown. A tag alone on its line takes the line
 * with it, so text templates stay tidy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeHtml } from '../../vocabulary';

export type Mode = 'html' | 'text';

/** `path` is `name` split on dots, once at parse time (`[]` for `.`). */
type Node =
  | { type: 'text'; value: string }
  | { type: 'var'; name: string; path: string[] }
  | { type: 'section'; name: string; path: string[]; inverted: boolean; children: Node[] }
  | { type: 'partial'; name: string };

const pathOf = (name: string): string[] => (name === '.' ? [] : name.split('.'));

const TAG = /\{\{\s*([#^/!>]?)\s*([^}]*?)\s*\}\}/g;
const STANDALONE = /^[ \t]*\{\{\s*[#^/!>][^}]*\}\}[ \t]*(?:\r?\n|$)/gm;
const NAME = /^(?:\.|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)$/;

export class TemplateError extends Error {}

/** Parses a template; throws TemplateError on unbalanced sections or odd names. */
export function parseTemplate(source: string, name = 'template'): Node[] {
  const stripped = source.replace(STANDALONE, (line) => line.trim());
  const root: Node[] = [];
  const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }];
  const top = () => stack[stack.length - 1]!.children;
  let last = 0;
  for (const m of stripped.matchAll(TAG)) {
    if (m.index > last) top().push({ type: 'text', value: stripped.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, sigil, tagName = ''] = m;
    if (sigil === '!') continue;
    if (sigil !== '>' && !NAME.test(tagName)) throw new TemplateError(`${name}: bad tag {{${sigil}${tagName}}}`);
    if (sigil === '#' || sigil === '^') {
      const node: Node = { type: 'section', name: tagName, path: pathOf(tagName), inverted: sigil === '^', children: [] };
      top().push(node);
      stack.push({ name: tagName, children: node.children });
    } else if (sigil === '/') {
      const open = stack.pop();
      if (!open || stack.length === 0 || open.name !== tagName) throw new TemplateError(`${name}: {{/${tagName}}} closes nothing open`);
    } else if (sigil === '>') {
      top().push({ type: 'partial', name: tagName });
    } else {
      top().push({ type: 'var', name: tagName, path: pathOf(tagName) });
    }
  }
  if (last < stripped.length) top().push({ type: 'text', value: stripped.slice(last) });
  if (stack.length !== 1) throw new TemplateError(`${name}: {{#${stack[stack.length - 1]!.name}}} is never closed`);
  return root;
}

const MISSING = Symbol('missing');

const hasOwn = Object.prototype.hasOwnProperty;

function lookup(scopes: readonly unknown[], path: readonly string[]): unknown {
  if (path.length === 0) return scopes[scopes.length - 1];
  const head = path[0]!;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    if (scope !== null && typeof scope === 'object' && hasOwn.call(scope, head)) {
      let value: unknown = (scope as Record<string, unknown>)[head];
      for (let k = 1; k < path.length; k++) {
        const key = path[k]!;
        if (value === null || typeof value !== 'object' || !hasOwn.call(value, key)) return MISSING;
        value = (value as Record<string, unknown>)[key];
      }
      return value;
    }
  }
  return MISSING;
}

function truthy(value: unknown): boolean {
  if (value === MISSING || value === undefined || value === null || value === false || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

export type PartialLoader = (name: string) => Node[];

function renderNodes(nodes: readonly Node[], scopes: unknown[], mode: Mode, partials: PartialLoader, where: string): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.value;
    else if (node.type === 'var') {
      const value = lookup(scopes, node.path);
      if (value === MISSING || value === undefined || value === null) throw new TemplateError(`${where}: no value for {{${node.name}}}`);
      if (typeof value === 'object') throw new TemplateError(`${where}: {{${node.name}}} is not a plain value`);
      const s = String(value);
      out += mode === 'html' ? escapeHtml(s) : s;
    } else if (node.type === 'partial') {
      out += renderNodes(partials(node.name), scopes, mode, partials, `${where} > ${node.name}`);
    } else {
      const value = lookup(scopes, node.path);
      if (node.inverted) {
        if (!truthy(value)) out += renderNodes(node.children, scopes, mode, partials, where);
      } else if (Array.isArray(value)) {
        for (const item of value) out += renderNodes(node.children, [...scopes, item], mode, partials, where);
      } else if (truthy(value)) {
        out += renderNodes(node.children, typeof value === 'object' ? [...scopes, value] : scopes, mode, partials, where);
      }
    }
  }
  return out;
}

/** Renders parsed nodes against a view. */
export function render(nodes: readonly Node[], view: unknown, mode: Mode, partials: PartialLoader = noPartials, where = 'template'): string {
  return renderNodes(nodes, [view], mode, partials, where);
}

function noPartials(name: string): never {
  throw new TemplateError(`no partial ${name}`);
}

/** Parsed template strings: the wording's snippets and subjects, parsed once each. */
const parsedStrings = new Map<string, Node[]>();

/** Renders a template string (wording snippets, subjects). */
export function renderString(source: string, view: unknown, mode: Mode = 'text'): string {
  let nodes = parsedStrings.get(source);
  if (!nodes) {
    nodes = parseTemplate(source);
    // A bound for callers that render arbitrary strings; the wording has a few dozen.
    if (parsedStrings.size >= 1000) parsedStrings.clear();
    parsedStrings.set(source, nodes);
  }
  return render(nodes, view, mode);
}

/**
 * Template files of one directory, parsed once: `<name>.html` / `<name>.txt`, partials in
 * `partials/`. The mode follows the extension.
 */
export class TemplateSet {
  private readonly cache = new Map<string, Node[]>();

  constructor(readonly dir: string) {}

  private load(file: string): Node[] {
    let nodes = this.cache.get(file);
    if (!nodes) {
      nodes = parseTemplate(fs.readFileSync(path.join(this.dir, file), 'utf8'), file);
      this.cache.set(file, nodes);
    }
    return nodes;
  }

  render(name: string, ext: 'html' | 'txt', view: unknown): string {
    const mode: Mode = ext === 'html' ? 'html' : 'text';
    const partials: PartialLoader = (p) => this.load(path.join('partials', `${p}.${ext}`));
    return render(this.load(`${name}.${ext}`), view, mode, partials, `${name}.${ext}`);
  }
}
