/** `dondoc validate`: exit codes, the summary line, warnings and errors on stderr. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../../cli/commands/validate';
import { detectKind } from '../../../config/detect';
import { BAD_DIR, MINI_DIR, ROOT } from './helpers';

function capture(files: string[]): { code: number; out: string; err: string } {
  const { code, out, err } = runValidate(files);
  return { code, out: String(out), err };
}

describe('dondoc validate', () => {
  it('validates the shipped configuration with a one-line summary', () => {
    const { code, out, err } = capture([]);
    expect(code).toBe(0);
    expect(out).toMatch(/^OK: 32 đơn vị, 260 cơ quan, 16 nhiệm vụ, \d+ năm lịch nghỉ chính thức; 2 cảnh báo\n$/);
    expect(err).toMatch(/^cảnh báo: config\/directory\.yaml: 260 of 260 bodies have placeholder contacts/);
    // The plan's copy leaves its number blank: said once, where the source is, with the citation as letters will read it.
    expect(err).toMatch(/\ncảnh báo: config\/plan\.yaml:\d+:1: every letter, page and report cites the plan without its number .*“Kế hoạch của Ban Thường vụ Huyện ủy Lục Ngạn \(tháng 8\/2021\) thực hiện/);
  });

  it('recognises files by their top-level key, whatever their order', () => {
    const files = ['plan.yaml', 'calendar.yaml', 'directory.yaml'].map((f) => path.join(MINI_DIR, f));
    const { code, out } = capture(files);
    expect(code).toBe(0);
    expect(out).toBe('OK: 3 đơn vị, 12 cơ quan, 4 nhiệm vụ, 1 năm lịch nghỉ chính thức; 1 cảnh báo\n');
  });

  it('exits 2 listing every error as file:line:col: path: message', () => {
    const files = [path.join(MINI_DIR, 'directory.yaml'), path.join(MINI_DIR, 'calendar.yaml'), path.join(BAD_DIR, 'plan-several-errors.yaml')];
    const { code, out, err } = capture(files);
    expect(code).toBe(2);
    expect(out).toBe('');
    const lines = err.trim().split('\n');
    expect(lines).toEqual([
      'test/fixtures/bad-config/plan-several-errors.yaml:9:9: source.date: "2021-13-01" is not a real date: there is no month 13',
      'test/fixtures/bad-config/plan-several-errors.yaml:53:41: obligations[1].schedules[0].due.day: expected a whole number from 1 to 31, found 32',
      'test/fixtures/bad-config/plan-several-errors.yaml:61:13: obligations[2].ladder: unknown ladder "none"; defined ladders: standard, drill',
      'Cấu hình không hợp lệ: 3 lỗi.',
    ]);
  });

  it('rejects files it cannot recognise or read, and two files of one kind', () => {
    const unknown = capture([path.join(ROOT, 'package.json')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('package.json: cannot tell what this file is: expected exactly one of the top-level keys units, obligations, years');
    expect(capture([path.join(MINI_DIR, 'missing.yaml')]).err).toContain('missing.yaml: cannot read the file: no such file');
    const twice = capture([path.join(MINI_DIR, 'plan.yaml'), path.join(MINI_DIR, 'plan.yaml')]);
    expect(twice.err).toContain('a second plan file');
  });

  it('detects each kind of file, even with syntax errors', () => {
    expect(detectKind('units: []\n')).toBe('directory');
    expect(detectKind('id: x\nobligations: [\n')).toBe('plan');
    expect(detectKind('years: []\n')).toBe('calendar');
    expect(detectKind('units: []\nyears: []\n')).toBeUndefined();
    expect(detectKind('- a\n')).toBeUndefined();
  });

  it('runs as a command with exit codes 0 and 2', () => {
    const bin = path.join(ROOT, 'bin/dondoc.js');
    expect(execFileSync(process.execPath, [bin, 'validate'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).toMatch(/^OK: /);
    let status: number | undefined;
    try {
      execFileSync(process.execPath, [bin, 'validate', path.join(BAD_DIR, 'plan-unknown-ladder.yaml')], { cwd: ROOT, stdio: 'ignore' });
    } catch (err) {
      status = (err as { status?: number }).status;
    }
    expect(status).toBe(2);
  });
});
