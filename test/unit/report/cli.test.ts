/** `dondoc report`: its options, checked before any server is asked. */
import { describe, expect, test } from 'vitest';
import { reportFormat } from '../../../cli/commands/report';
import { dondoc } from '../cli/run';

describe('dondoc report', () => {
  test('the format: asked for, or from the output file, Markdown on the terminal', () => {
    expect(reportFormat(undefined, undefined)).toBe('md');
    expect(reportFormat(undefined, 'out/bao-cao.DOCX')).toBe('docx');
    expect(reportFormat(undefined, 'bao-cao.csv')).toBe('csv');
    expect(reportFormat('html', 'bao-cao.txt')).toBe('html');
    expect(() => reportFormat(undefined, 'bao-cao.pdf')).toThrow('--out "bao-cao.pdf": không rõ định dạng; thêm --format docx|html|md|csv');
    expect(() => reportFormat('pdf', undefined)).toThrow('--format "pdf": chọn một trong docx, html, md, csv');
  });

  test('refuses a bad year, a year outside the plan, an unknown unit or format, with exit 2 and no server', async () => {
    const cases: [string[], string][] = [
      [['--year', '24'], '--year "24": cần một năm, ví dụ 2024'],
      [['--year', '2019'], 'năm 2019 nằm ngoài thời gian của Kế hoạch (2021–2025)'],
      [['--year', '2024', '--unit', 'atlantis'], 'không có đơn vị "atlantis" (--unit); có phải "my-an"?'],
      [['--year', '2024', '--unit', 'bien-sn'], 'không có đơn vị "bien-sn" (--unit); có phải "bien-son"?'],
      [['--year', '2024', '--format', 'pdf'], '--format "pdf": chọn một trong docx, html, md, csv'],
    ];
    for (const [args, message] of cases) {
      const run = await dondoc('report', ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout, args.join(' ')).toBe('');
      expect(run.stderr, args.join(' ')).toBe(`dondoc report: ${message}\n`);
    }
    const missing = await dondoc('report');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--year <YYYY>' not specified");
  });

  test('is listed in the help', async () => {
    const run = await dondoc('--help');
    expect(run.stdout).toMatch(/report \[options\] +Dự thảo báo cáo năm/);
  });
});
