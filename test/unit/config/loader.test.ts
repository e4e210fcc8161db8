/**
 * The loader's behaviour on the small valid configuration: how the compact directory
 * expands, which defaults the schemas fill, the placeholder warning, and how errors are
 * reported (files that cannot be read, every error at once, `file:line:col: path: message`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES } from '../../../config/yaml-file';
import type { Directory } from '../../../domain/model';
import { ConfigError, formatIssue } from '../../../config/errors';
import { loadConfig } from '../../../config/load';
import { isPlaceholderEmail, placeholderWarning } from '../../../config/placeholders';
import { issuesOf, loadMini, MINI_DIR, miniText } from './helpers';

describe('directory expansion', () => {
  const { config } = loadMini();
  const body = (id: string) => config.directory.bodies.find((b) => b.id === id);

  it('creates one body per kind and unit, with explicit bodies first in their unit', () => {
    expect(config.directory.bodies.map((b) => b.id)).toEqual([
      'ban-dan-van', 'ubnd-huyen', 'mttq-huyen', 'huyen-doan',
      'dang-uy-xa-a', 'ubnd-xa-a', 'mttq-xa-a', 'doan-tn-xa-a',
      'dang-uy-xa-b', 'ubnd-xa-b', 'mttq-xa-b', 'doan-tn-xa-b',
    ]);
  });

  it('names bodies from the pattern of their level', () => {
    expect(body('ubnd-xa-a')?.name).toBe('Ủy ban nhân dân xã An Bình');
    expect(body('doan-tn-xa-b')?.name).toBe('Đoàn TNCS Hồ Chí Minh thị trấn An Bình');
    // An entry with the same kind and unit replaces the generated body, keeping its pattern.
    expect(body('huyen-doan')).toMatchObject({ kind: 'doan-tn', unit: 'huyen', name: 'Huyện đoàn Thử Nghiệm' });
    expect(body('doan-tn-huyen')).toBeUndefined();
  });

  it('takes supervisors from the body, then the kind, then the level', () => {
    expect(body('ban-dan-van')?.supervisors).toEqual([]);
    expect(body('dang-uy-xa-a')?.supervisors).toEqual(['ban-dan-van']);
    expect(body('mttq-xa-a')?.supervisors).toEqual(['dang-uy-xa-a', 'ban-dan-van']);
    expect(body('ubnd-huyen')?.supervisors).toEqual(['ban-dan-van']);
  });

  it("clips a body's validity to its unit's", () => {
    expect(body('ubnd-xa-a')).toMatchObject({ validFrom: '2021-01-01', validTo: '2024-12-31' });
    expect(body('ubnd-xa-b')?.validTo).toBeUndefined();
  });

  it('generates placeholder contacts and marks example domains as placeholders', () => {
    expect(body('ubnd-xa-a')?.contacts).toEqual([
      { name: 'Ủy ban nhân dân xã An Bình', role: 'Văn phòng', email: 'ubnd.xa-a@example.vn', placeholder: true },
    ]);
    expect(body('mttq-xa-a')?.contacts[0]).toMatchObject({ email: 'binh@example.com', placeholder: true });
    expect(body('ban-dan-van')?.contacts[0]).toMatchObject({ name: 'Nguyễn Văn An', placeholder: false });
  });
});

describe('plan defaults', () => {
  const { plan } = loadMini().config;
  const obligation = (id: string) => plan.obligations.find((o) => o.id === id);

  it('fills the defaults of obligations and ladders', () => {
    expect(obligation('working-session')).toMatchObject({ ownerMode: 'joint', resolution: { type: 'done' }, ladder: 'standard' });
    expect(obligation('reception')?.participants).toEqual([]);
    expect(obligation('plans')?.ladder).toBe('drill');
    expect(plan.defaultTime).toBe('08:00');
    const drill = plan.ladders.find((l) => l.id === 'drill');
    expect(drill).toMatchObject({ sendAt: '08:00', reminders: [], escalations: [], onDue: null });
    expect(plan.ladders.find((l) => l.id === 'standard')).toMatchObject({ measure: 'working-days', sendAt: '07:30' });
    expect(obligation('youth-indicator')?.resolution).toEqual({ type: 'indicator', label: 'Tỷ lệ thanh niên', unit: '%', comparison: '>=', target: 60 });
  });

  it('reads the compact selector and due forms', () => {
    expect(obligation('youth-indicator')?.owner).toEqual({ body: 'huyen-doan' });
    expect(obligation('reception')?.owner).toEqual({ anyOf: [{ body: 'ubnd-huyen' }, { kinds: ['ubnd'], level: 'commune' }] });
    expect(obligation('reception')?.schedules[0]?.due).toEqual({ rule: 'day-of-month', day: 15, adjust: 'next', unitOverrides: { 'xa-a': 10 } });
    expect(obligation('plans')?.schedules[0]?.due).toEqual({ rule: 'date', date: '2021-09-30', adjust: 'previous' });
  });
});

describe('warnings', () => {
  it('gives one warning listing the bodies with placeholder contacts', () => {
    const { warnings } = loadMini();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'placeholder-contacts', file: 'mini/directory.yaml' });
    expect(warnings[0]?.ids).toHaveLength(11);
    expect(warnings[0]?.message).toMatch(/^11 of 12 bodies have placeholder contacts .*: ubnd-huyen, mttq-huyen, .* and 1 more$/);
  });

  it('gives none when every contact is real', () => {
    const directory: Directory = {
      levels: [{ id: 'district', name: 'huyện' }],
      levelWords: { all: 'các cấp', same: 'cùng cấp', grassroots: 'cơ sở' },
      units: [{ id: 'huyen', name: 'huyện A', level: 'district', validFrom: '2021-01-01' }],
      bodies: [{ id: 'b', name: 'B', kind: 'k', unit: 'huyen', supervisors: [], contacts: [{ name: 'A', role: 'R', email: 'a@b.gov.vn', placeholder: false }] }],
    };
    expect(placeholderWarning(directory, 'd.yaml')).toBeUndefined();
  });

  it('knows the reserved example domains', () => {
    for (const email of ['x@example.vn', 'x@EXAMPLE.com', 'x@mail.example.org', 'x@a.test', 'x@host.invalid', 'x@example']) {
      expect(isPlaceholderEmail(email), email).toBe(true);
    }
    for (const email of ['x@luc-ngan.gov.vn', 'x@notexample.vn', 'x@example.vn.com']) expect(isPlaceholderEmail(email), email).toBe(false);
  });
});

describe('errors', () => {
  it('names a file that cannot be read, and still checks the others', () => {
    const missing = path.join(MINI_DIR, 'no-such-plan.yaml');
    let error: unknown;
    try {
      loadConfig({ directory: path.join(MINI_DIR, 'directory.yaml'), plan: missing, calendar: path.join(MINI_DIR, 'calendar.yaml') });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 0, message: 'cannot read the file: no such file' });
    expect(issues[0]?.file).toContain('no-such-plan.yaml');
    expect((error as ConfigError).message).toContain('no-such-plan.yaml: cannot read the file');
  });

  it('refuses a file over the size limit before reading it, saying how big it is and what the limit is', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-big-'));
    try {
      const big = path.join(dir, 'plan.yaml');
      fs.writeFileSync(big, `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
      const issues = issuesOf(() => loadConfig({ directory: path.join(MINI_DIR, 'directory.yaml'), plan: big, calendar: path.join(MINI_DIR, 'calendar.yaml') }));
      expect(issues.map(formatIssue)).toEqual([`${big}: the file has ${MAX_CONFIG_BYTES + 3} bytes, over the 4194304 (4 MB) a configuration file may have: is it the right file?`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports every error of every file at once, as file:line:col: path: message', () => {
    const directory = miniText('directory').replace('validFrom: 2025-01-01', 'validFrom: 2025-02-29');
    const plan = miniText('plan').replace('monitor: ban-dan-van', 'monitor: 12').replace('day-of-month, day: 15', 'day-of-month, day: 0');
    const calendar = 'years: [{ year: 2021 }]\n';
    const issues = issuesOf(() => loadMini({ directory, plan, calendar }));
    const lines = issues.map(formatIssue);
    expect(lines).toContain('test/directory.yaml:16:16: units[2].validFrom: "2025-02-29" is not a real date: February 2025 has 28 days');
    expect(lines).toContain('test/plan.yaml:11:10: monitor: expected an id (ASCII kebab-case text such as "bien-son"), found 12');
    expect(lines).toContain('test/plan.yaml:51:41: obligations[1].schedules[0].due.day: expected a whole number from 1 to 31, found 0');
    expect(issues.some((i) => i.file === 'test/calendar.yaml' && i.path === 'years[0].source')).toBe(true);
  });

  it('reports the line of a missing key as its mapping, and an unknown key at the key', () => {
    const plan = miniText('plan').replace('    title: Mời dự tiếp dân\n', '    titel: Mời dự tiếp dân\n');
    const lines = issuesOf(() => loadMini({ plan })).map(formatIssue);
    expect(lines).toEqual([
      'test/plan.yaml:44:5: obligations[1].title: missing required key "title"',
      'test/plan.yaml:45:5: obligations[1].titel: unknown key "titel"; did you mean "title"? allowed keys: id, title, shortTitle, clause, kind, owner, ownerMode, participants, receivers, schedules, resolution, ladder, activeFrom, activeTo, dueNote',
    ]);
  });
});
