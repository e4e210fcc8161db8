/** The template renderer: Handlebars, strict, escaping in HTML only, no raw output, partials per format. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { TEMPLATES_DIR } from '../../../activities/email/compose';
import { renderSnippet, TemplateError, TemplateSet } from '../../../activities/email/template';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-templates-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A template directory with the given files. */
function templates(files: Record<string, string>): TemplateSet {
  const dir = fs.mkdtempSync(path.join(tmp, 'set-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return new TemplateSet(dir);
}

describe('the template renderer', () => {
  test('values are escaped in HTML templates and left alone in text ones', () => {
    const t = templates({ 'a.html': '<p>{{title}}</p>', 'a.txt': '{{title}}' });
    const view = { title: '<script>alert("x")</script> & \'y\'' };
    expect(t.render('a', 'html', view)).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;</p>');
    expect(t.render('a', 'txt', view)).toBe(view.title);
    expect(renderSnippet('{{title}}', view)).toBe(view.title);
  });

  test('raw output is refused, in templates and in partials', () => {
    expect(() => templates({ 'a.html': '{{{x}}}' }).render('a', 'html', { x: 1 })).toThrow(/raw output/);
    expect(() => templates({ 'a.html': '{{& x}}' }).render('a', 'html', { x: 1 })).toThrow(/raw output/);
    expect(() => templates({ 'partials/p.html': '{{{x}}}' })).toThrow(/partials\/p\.html: raw output/);
  });

  test('a missing value is an error naming the template, line and column', () => {
    const t = templates({ 'a.txt': 'line one\n{{nope}}' });
    expect(() => t.render('a', 'txt', {})).toThrow(TemplateError);
    expect(() => t.render('a', 'txt', {})).toThrow(/^a\.txt: "nope" not defined in .* - 2:2/);
    expect(() => renderSnippet('{{a.nope}}', { a: {} }, 'wording.yaml subject')).toThrow(/^wording\.yaml subject .*"nope" not defined/);
    // A condition over a missing name is simply false.
    expect(renderSnippet('{{#if nope}}x{{/if}}ok', {})).toBe('ok');
  });

  test('lists, conditions and the outer scope', () => {
    const t = '{{#each items}}[{{name}}{{../sep}}]{{/each}}{{#if flag}}yes{{else}}no{{/if}}';
    expect(renderSnippet(t, { items: [{ name: 'a' }, { name: 'b' }], sep: ';', flag: true })).toBe('[a;][b;]yes');
    expect(renderSnippet(t, { items: [], sep: ';', flag: '' })).toBe('no');
  });

  test('a tag alone on its line takes the line with it', () => {
    const t = templates({ 'a.txt': 'A\n{{#if x}}\nB\n{{/if}}\n{{!-- note --}}\nC\n' });
    expect(t.render('a', 'txt', { x: true })).toBe('A\nB\nC\n');
    expect(t.render('a', 'txt', { x: false })).toBe('A\nC\n');
  });

  test('partials of the same format, escaped as their caller', () => {
    const t = templates({ 'a.html': '<{{> inner}}>', 'a.txt': '<{{> inner}}>', 'partials/inner.html': 'h:{{v}}', 'partials/inner.txt': 't:{{v}}' });
    expect(t.render('a', 'html', { v: '&' })).toBe('<h:&amp;>');
    expect(t.render('a', 'txt', { v: '&' })).toBe('<t:&>');
    expect(() => templates({ 'a.txt': '{{> missing}}' }).render('a', 'txt', {})).toThrow(/a\.txt: The partial missing could not be found/);
  });

  test('the shipped templates have no raw output', () => {
    for (const file of fs.readdirSync(TEMPLATES_DIR, { recursive: true }).map(String)) {
      if (/\.(txt|html)$/.test(file)) expect(fs.readFileSync(path.join(TEMPLATES_DIR, file), 'utf8'), file).not.toMatch(/\{\{\{|\{\{~?\s*&/);
    }
  });
});
