/**
 * The two-tier example (config/examples/tinh-vi-du): a plan issued today, by a provincial
 * Party committee, over a province and its xã, phường and đặc khu, validates and previews
 * with its own levels and words. (test/workflow/simulate-example.test.ts simulates it.)
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PreviewOccurrenceJson } from '../../../cli/commands/preview';
import { levelPhrase, scopePhrase } from '../../../vocabulary/levels';
import { receiversOf } from '../../../domain/targets';
import { EXAMPLE_DIR, EXAMPLE_ENV, EXAMPLE_PATHS, examplePlan } from '../../helpers/example-plan';
import { dondoc } from '../cli/run';

const { config, warnings, index } = examplePlan();
const GRASSROOTS = ['an-phu', 'tan-hoa', 'dong-thanh', 'tay-son', 'hon-ngoc'];
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the two-tier example', () => {
  it('says it is an example, in every file', () => {
    for (const file of [EXAMPLE_PATHS.plan, EXAMPLE_PATHS.directory, path.join(EXAMPLE_DIR, 'ke-hoach-vi-du.txt')]) {
      expect(readFileSync(file, 'utf8').slice(0, 200), file).toMatch(/EXAMPLE|VÍ DỤ/);
    }
    expect(config.plan.title).toContain('(ví dụ)');
    for (const body of config.directory.bodies) for (const c of body.contacts) expect(c.email, body.id).toMatch(/@example\.vn$/);
    expect(warnings.map((w) => w.code)).toEqual(['placeholder-contacts']);
  });

  it('has a province over its grassroots units: xã, phường and đặc khu, in the words of the plan', () => {
    expect(config.directory.levels.map((l) => l.id)).toEqual(['province', 'commune']);
    expect(scopePhrase(config.directory)).toBe('tỉnh và các xã, phường, đặc khu');
    expect(levelPhrase(config.directory, 'province')).toBe('cấp tỉnh');
    expect(levelPhrase(config.directory, 'commune')).toBe('cấp cơ sở');
    expect(levelPhrase(config.directory, 'all')).toBe('các cấp');
    expect(config.directory.units.filter((u) => u.level === 'commune').map((u) => u.name)).toEqual([
      'xã An Phú', 'xã Tân Hòa', 'phường Đông Thành', 'phường Tây Sơn', 'đặc khu Hòn Ngọc',
    ]);
  });

  it('fans "các cấp" out to the province and every grassroots unit, and "cơ sở" to the grassroots units only', () => {
    expect(index.targets('chair-working-session').map((t) => t.unit)).toEqual(['tinh', ...GRASSROOTS]);
    const registration = index.targets('creative-activity-registration');
    expect(registration.map((t) => t.unit)).toEqual(GRASSROOTS);
    // "đảng ủy cùng cấp": each unit's own Party committee, which leads its Front, is where the model is registered.
    expect(registration.find((t) => t.unit === 'hon-ngoc')).toMatchObject({ owners: ['mttq-hon-ngoc'], participants: [] });
    const hongNgoc = index.units.get('hon-ngoc')!;
    expect(receiversOf(index.obligation('creative-activity-registration'), hongNgoc, index.config.directory).map((b) => b.id)).toEqual(['dang-uy-hon-ngoc']);
    expect(index.bodies.get('dang-uy-hon-ngoc')).toMatchObject({ name: 'Đảng ủy đặc khu Hòn Ngọc', partyRole: 'leading-committee' });
    expect(index.bodies.get('mttq-dong-thanh')?.supervisors).toEqual(['dang-uy-dong-thanh', 'ban-tgdv']);
  });

  it('is issued by the provincial Standing Committee, monitored by its commission, reported to it', () => {
    expect(config.plan.source.issuedBy).toBe('btv-tinh-uy');
    expect(index.bodies.get(config.plan.monitor)?.name).toBe('Ban Tuyên giáo và Dân vận Tỉnh ủy Ví Dụ');
    expect(receiversOf(index.obligation('annual-implementation-report'), index.units.get('tinh')!, config.directory).map((b) => b.id)).toEqual(['btv-tinh-uy']);
    expect(index.bodies.get('btv-tinh-uy')?.partyRole).toBe('leadership');
  });

  it.skipIf(!existsSync(path.join(EXAMPLE_DIR, 'ke-hoach-vi-du.txt')))('quotes its own plan text', () => {
    const text = squash(readFileSync(path.join(EXAMPLE_DIR, 'ke-hoach-vi-du.txt'), 'utf8'));
    for (const o of config.plan.obligations) expect(text, o.id).toContain(squash(o.clause.text));
  });
});

describe('dondoc validate and preview on the example', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('validate accepts the example files', async () => {
    const { code, stdout } = await dondoc('validate', EXAMPLE_PATHS.plan, EXAMPLE_PATHS.directory);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^OK: 6 đơn vị, 31 cơ quan, 5 nhiệm vụ/);
  });

  it('preview, with DONDOC_PLAN and DONDOC_DIRECTORY, lists the occurrences of a ward and a special zone', async () => {
    for (const [key, value] of Object.entries(EXAMPLE_ENV)) vi.stubEnv(key, value);
    const { code, stdout } = await dondoc('preview', '--from', '2026-03-01', '--to', '2026-03-31', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as PreviewOccurrenceJson[];
    expect(rows).toHaveLength(18); // 6 invitations, 6 working sessions, 5 registrations, 1 briefing
    expect(new Set(rows.map((r) => r.unit))).toEqual(new Set(['tinh', ...GRASSROOTS]));
    // The reception day is the 20th (a Friday in March 2026); the invitations are due two working days before.
    const reception = rows.find((r) => r.id === 'occ/citizen-reception-invite/tay-son/2026-03')!;
    expect(reception).toMatchObject({ due: '2026-03-18', unitName: 'phường Tây Sơn', owners: ['ubnd-tay-son'], participants: ['mttq-tay-son'] });
    const escalation = rows.find((r) => r.id === 'occ/creative-activity-registration/hon-ngoc/2026')!.steps.find((s) => s.kind === 'escalation')!;
    expect(escalation.to).toEqual(['mttq-hon-ngoc', 'dang-uy-hon-ngoc']);
  });
});
