/**
 * The email templates, rendered with Handlebars (https://handlebarsjs.com):
 *
 *   {{name}} {{a.b}} {{this}}        a value; escaped in HTML templates, as is in text ones
 *   {{#if x}}…{{else}}…{{/if}}       shown when x is truthy (not false, '', 0, [] or missing)
 *   {{#each xs}}…{{/each}}           repeated for each item ({{../name}} reaches outside)
 *   {{> partial}}                    partials/<name>.<same extension>
 *   {{!-- comment --}}
 *
 * Compiled with `strict: true`: a value the view lacks is an error naming the template, line
 * and column (a typo fails the tests, not a mail). Text templates are compiled with
 * `noEscape`, HTML ones escape every value; raw output (`{{{…}}}`, `{{&…}}`) is refused, so
 * nothing reaches the HTML unescaped. A tag alone on its line takes the line with it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';

export type Format = 'txt' | 'html';

export class TemplateError extends Error {}

const RAW = /\{\{\{|\{\{~?\s*&/;

function compileIn(env: typeof Handlebars, source: string, format: Format, where: string): Handlebars.TemplateDelegate {
  if (RAW.test(source)) throw new TemplateError(`${where}: raw output ({{{…}}} or {{&…}}) is not allowed`);
  let template: Handlebars.TemplateDelegate;
  try {
    template = env.compile(source, { strict: true, noEscape: format === 'txt' });
  } catch (err) {
    throw new TemplateError(`${where}: ${(err as Error).message}`);
  }
  return (view: unknown) => {
    try {
      return template(view);
    } catch (err) {
      throw new TemplateError(`${where}: ${(err as Error).message.split('\n')[0]}`);
    }
  };
}

/** Snippets of text (subjects, sentences of the wording file), compiled once each. */
const textEnv = Handlebars.create();
const snippets = new Map<string, Handlebars.TemplateDelegate>();

/** Renders a text snippet against a view (no escaping: the result is text). */
export function renderSnippet(source: string, view: unknown, where = 'snippet'): string {
  let template = snippets.get(source);
  if (!template) {
    template = compileIn(textEnv, source, 'txt', `${where} ${JSON.stringify(source.length > 60 ? `${source.slice(0, 57)}…` : source)}`);
    // A bound for callers that render arbitrary strings; the wording has a few dozen.
    if (snippets.size >= 1000) snippets.clear();
    snippets.set(source, template);
  }
  return template(view);
}

/**
 * The template files of one directory: `<name>.txt` and `<name>.html`, partials in
 * `partials/<name>.<ext>`; each format has its own Handlebars environment and partials.
 */
export class TemplateSet {
  private readonly envs: Record<Format, typeof Handlebars>;
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(readonly dir: string) {
    this.envs = { txt: Handlebars.create(), html: Handlebars.create() };
    const partialsDir = path.join(dir, 'partials');
    for (const file of fs.existsSync(partialsDir) ? fs.readdirSync(partialsDir) : []) {
      const m = /^(.+)\.(txt|html)$/.exec(file);
      if (!m) continue;
      const [, name, ext] = m as unknown as [string, string, Format];
      const source = fs.readFileSync(path.join(partialsDir, file), 'utf8');
      if (RAW.test(source)) throw new TemplateError(`partials/${file}: raw output ({{{…}}} or {{&…}}) is not allowed`);
      this.envs[ext].registerPartial(name, source);
    }
  }

  render(name: string, format: Format, view: unknown): string {
    const file = `${name}.${format}`;
    let template = this.compiled.get(file);
    if (!template) {
      template = compileIn(this.envs[format], fs.readFileSync(path.join(this.dir, file), 'utf8'), format, file);
      this.compiled.set(file, template);
    }
    return template(view);
  }
}
