import { describe, expect, test } from 'vitest';
import { parseTemplate, render, renderString, TemplateError } from '../../../activities/email/template';
import { escapeHtml } from '../../../vocabulary';

describe('the template renderer', () => {
  test('values are escaped in HTML and left alone in text', () => {
    const view = { title: '<script>alert("x")</script> & \'y\'' };
    expect(render(parseTemplate('<p>{{title}}</p>'), view, 'html')).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>');
    expect(render(parseTemplate('{{title}}'), view, 'text')).toBe(view.title);
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });

  test('there is no raw form: a triple-brace tag is refused', () => {
    expect(() => parseTemplate('{{{x}}}')).toThrow(TemplateError);
    expect(() => parseTemplate('{{&x}}')).toThrow(TemplateError);
  });

  test('sections repeat over lists, enter objects, show truthy values; inverted sections show the rest', () => {
    const t = '{{#items}}[{{name}}]{{/items}}{{#obj}}({{v}}){{/obj}}{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}{{^items}}none{{/items}}';
    expect(renderString(t, { items: [{ name: 'a' }, { name: 'b' }], obj: { v: 1 }, flag: true })).toBe('[a][b](1)yes');
    expect(renderString(t, { items: [], obj: false, flag: '' })).toBe('nonone');
    expect(renderString('{{#xs}}{{.}};{{/xs}}', { xs: ['x', 'y'] })).toBe('x;y;');
  });

  test('dotted names and outer scopes', () => {
    expect(renderString('{{a.b.c}} {{#list}}{{outer}}{{/list}}', { a: { b: { c: 'deep' } }, outer: 'o', list: [{}, {}] })).toBe('deep oo');
  });

  test('a missing value is an error; a section over a missing name is not shown', () => {
    expect(() => renderString('{{nope}}', {})).toThrow(TemplateError);
    expect(() => renderString('{{a.nope}}', { a: {} })).toThrow(/no value for \{\{a.nope\}\}/);
    expect(renderString('{{#nope}}x{{/nope}}ok', {})).toBe('ok');
    expect(() => renderString('{{obj}}', { obj: { a: 1 } })).toThrow(/not a plain value/);
  });

  test('unbalanced sections and bad tags are refused', () => {
    expect(() => parseTemplate('{{#a}}x')).toThrow(/never closed/);
    expect(() => parseTemplate('{{#a}}x{{/b}}')).toThrow(/closes nothing/);
    expect(() => parseTemplate('{{/a}}')).toThrow(/closes nothing/);
    expect(() => parseTemplate('{{a b}}')).toThrow(/bad tag/);
  });

  test('a tag alone on its line takes the line with it', () => {
    const t = 'A\n{{#x}}\nB\n{{/x}}\n{{! note }}\nC\n';
    expect(renderString(t, { x: true })).toBe('A\nB\nC\n');
    expect(renderString(t, { x: false })).toBe('A\nC\n');
    expect(renderString('  {{#x}}  \nin\n  {{/x}}\nout', { x: 1 })).toBe('in\nout');
  });

  test('partials come from the loader', () => {
    const nodes = parseTemplate('<{{> inner}}>');
    expect(render(nodes, { v: '&' }, 'html', () => parseTemplate('{{v}}'))).toBe('<&amp;>');
  });
});
