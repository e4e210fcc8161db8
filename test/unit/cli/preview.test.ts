import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcome } from '../../../cli/output';
import {
  previewJson,
  previewText,
  runPreview,
  type PreviewOccurrenceJson,
} from '../../../cli/commands/preview';
import { ConfigError, formatIssue } from '../../../config/errors';
import { loadConfig } from '../../../config/load';
import { PlanIndex } from '../../../domain/occurrences';
import { dondoc } from './run';

const ROOT = path.resolve(__dirname, '../../..');
const BAD = path.join(ROOT, 'test/fixtures/bad-config');
const loaded = loadConfig();
const index = PlanIndex.fromConfig(loaded.config);
const bodyIds = new Set(loaded.config.directory.bodies.map((b) => b.id));
const ISO_VN = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/;

describe('dondoc preview --json', () => {
  it('lists the occurrences due in the range with their steps', async () => {
    const { code, stdout, stderr } = await dondoc('preview', '--from', '2024-09-01', '--to', '2024-09-30', '--unit', 'huyen', '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const rows = JSON.parse(stdout) as PreviewOccurrenceJson[];
    expect(rows.map((r) => r.id)).toEqual([
      'occ/citizen-reception-invite/huyen/2024-09',
      'occ/chair-working-session/huyen/2024-Q3',
      'occ/quarterly-briefing/huyen/2024-Q3',
    ]);
    for (const row of rows) {
      for (const key of ['id', 'obligation', 'title', 'unit', 'period', 'due', 'owners', 'participants', 'steps']) expect(row).toHaveProperty(key);
      expect(row.unit).toBe('huyen');
      expect(row.due).toMatch(/^2024-09-\d\d$/);
      for (const step of row.steps) {
        expect(Object.keys(step)).toEqual(['at', 'kind', 'to']);
        expect(step.at).toMatch(ISO_VN);
        expect(['reminder', 'due', 'overdue', 'escalation', 'close']).toContain(step.kind);
        for (const id of step.to) expect(bodyIds.has(id), id).toBe(true);
      }
    }
    const briefing = rows[2]!;
    expect(briefing).toMatchObject({
      obligation: 'quarterly-briefing',
      title: 'Giao ban hằng quý của Thường trực Huyện ủy với Ủy ban MTTQ và các tổ chức chính trị - xã hội huyện',
      unit: 'huyen',
      unitName: 'huyện Lục Ngạn',
      period: '2024-Q3',
      periodLabel: 'quý III/2024',
      due: '2024-09-30',
      dueAt: '2024-09-30T08:00:00+07:00',
      owners: ['tt-huyen-uy'],
      participants: ['mttq-huyen', 'ldld-huyen', 'hnd-huyen', 'hccb-huyen', 'hlhpn-huyen', 'huyen-doan'],
    });
    // Thường trực's giao ban is prepared, not chased: one note to it and to Ban Dân vận.
    expect(briefing.steps[0]).toEqual({ at: '2024-09-16T07:15:12+07:00', kind: 'reminder', to: ['tt-huyen-uy', 'ban-dan-van'] });
    expect(briefing.steps.at(-1)).toEqual({ at: '2024-10-28T07:15:12+07:00', kind: 'close', to: [] });
    expect(rows[1]).toMatchObject({ schedule: 'quarterly', owners: ['ubnd-huyen'] });
  });

  it('is the JSON of every occurrence PlanIndex finds for the filters', async () => {
    const { stdout } = await dondoc('preview', '--from', '2024-12-01', '--to', '2024-12-31', '--obligation', 'chair-working-session', '--json');
    const expected = previewJson(index, index.occurrencesBetween('2024-12-01', '2024-12-31', { obligation: 'chair-working-session' }));
    expect(JSON.parse(stdout)).toEqual(expected);
    // The district and its 29 communes of 2024, each with a Q4 and an annual session.
    expect(expected).toHaveLength(60);
    expect(new Set(expected.map((o) => o.id)).size).toBe(60);
  });

  it('lists the three duties of II.2 the first version of the plan missed, in a commune and the district', async () => {
    const { code, stdout } = await dondoc('preview', '--from', '2024-01-01', '--to', '2024-12-31', '--unit', 'bien-son', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as PreviewOccurrenceJson[];
    const of = (obligation: string) => rows.filter((r) => r.obligation === obligation).map((r) => [r.id, r.due, r.owners]);
    // II.2 ¶1: each organisation its own coordination programmes, before 31/3 (a Sunday in 2024).
    expect(of('coordination-programmes')).toEqual(
      ['doan-tn', 'hccb', 'hlhpn', 'hnd', 'mttq'].map((k) => [`occ/coordination-programmes/bien-son/2024/${k}`, '2024-03-29', [`${k}-bien-son`]]),
    );
    // II.2 ¶2: the People's Committee proposes tasks for the Front to take part in.
    expect(of('participation-proposals')).toEqual([['occ/participation-proposals/bien-son/2024', '2024-02-28', ['ubnd-bien-son']]]);
    // II.2 ¶3: funding and means of work, with the next year's budget.
    expect(of('working-conditions')).toEqual([['occ/working-conditions/bien-son/2024', '2024-12-31', ['ubnd-bien-son']]]);
    const district = previewJson(index, index.occurrencesBetween('2024-01-01', '2024-12-31', { unit: 'huyen' })).map((r) => r.obligation);
    for (const id of ['coordination-programmes', 'participation-proposals', 'working-conditions']) expect(district, id).toContain(id);
  });

  it('prints [] for a range with nothing due', async () => {
    const { code, stdout } = await dondoc('preview', '--from', '2030-01-01', '--to', '2030-12-31', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });
});

describe('dondoc preview (text)', () => {
  it('is a Vietnamese calendar grouped by due date, steps indented under each occurrence', async () => {
    const { code, stdout } = await dondoc('preview', '--from', '2024-09-01', '--to', '2024-09-30', '--unit', 'huyen');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Lịch đến hạn từ 01/9/2024 đến 30/9/2024: 3 lần thực hiện (đơn vị: huyện Lục Ngạn)');
    expect(lines.filter((l) => /^\S/.test(l)).slice(1)).toEqual(['Thứ Năm, ngày 12/9/2024', 'Thứ Hai, ngày 30/9/2024']);
    const day = lines.indexOf('Thứ Hai, ngày 30/9/2024');
    expect(lines[day - 1]).toBe('');
    const briefing = lines.indexOf(
      '  Giao ban hằng quý của Thường trực Huyện ủy với Ủy ban MTTQ và các tổ chức chính trị - xã hội huyện — huyện Lục Ngạn — quý III/2024 — hạn 08:00',
    );
    expect(briefing).toBeGreaterThan(day);
    // Thường trực Huyện ủy owns the briefing: prepared with it, recorded by Ban Dân vận, never chased.
    expect(lines.slice(briefing + 1, briefing + 4)).toEqual([
      '    07:15, thứ Hai, ngày 16/9/2024  nhắc trước hạn → tt-huyen-uy, ban-dan-van',
      '    07:15, thứ Hai, ngày 30/9/2024  đến hạn → ban-dan-van',
      '    07:15, thứ Hai, ngày 28/10/2024  kết thúc theo dõi',
    ]);
    expect(stdout).toContain('  Mời lãnh đạo Ủy ban MTTQ và các tổ chức chính trị - xã hội dự buổi tiếp công dân của Chủ tịch UBND cùng cấp — huyện Lục Ngạn — tháng 9/2024 — hạn 08:00\n');
    expect(stdout).toBe(stdout.normalize('NFC'));
    expect(stdout).not.toMatch(/reminder|escalation|overdue|Thu Hai|Chu nhat/);
    expect(stdout.endsWith('\n')).toBe(true);
    const query = { from: '2024-09-01', to: '2024-09-30', unit: 'huyen' };
    expect(stdout).toBe(previewText(index, index.occurrencesBetween(query.from, query.to, { unit: 'huyen' }), query));
  });

  it('names the owner body of obligations each organisation carries on its own', async () => {
    const { stdout } = await dondoc('preview', '--from', '2024-03-29', '--to', '2024-03-29', '--unit', 'bien-son', '--obligation', 'creative-activity-registration');
    expect(stdout).toContain('Thứ Sáu, ngày 29/3/2024\n');
    expect(stdout).toContain(
      '  Đăng ký với cấp ủy cùng cấp ít nhất 01 hoạt động sáng tạo, nổi bật trong năm — xã Biên Sơn — năm 2024 — chủ trì: Ủy ban MTTQ xã Biên Sơn — hạn 08:00\n',
    );
    expect(stdout.split('\n')[0]).toBe(
      'Lịch đến hạn từ 29/3/2024 đến 29/3/2024: 5 lần thực hiện (đơn vị: xã Biên Sơn; nhiệm vụ: creative-activity-registration)',
    );
    // Below Party leadership an escalation urges: the owner and the commune's Party committee.
    expect(stdout).toContain('    07:22, thứ Tư, ngày 03/4/2024  đôn đốc → mttq-bien-son, dang-uy-bien-son\n');
  });

  it('says so when nothing falls due', async () => {
    const { code, stdout } = await dondoc('preview', '--from', '2025-07-01', '--to', '2025-12-31', '--unit', 'huyen');
    expect(code).toBe(0);
    expect(stdout).toBe('Không có lần thực hiện nào đến hạn từ 01/7/2025 đến 31/12/2025 (đơn vị: huyện Lục Ngạn).\n');
  });

  it('lists a full year of the whole district (its time: bench/cli-start.ts)', () => {
    const printed = runPreview({ from: '2024-01-01', to: '2024-12-31' }, () => loaded);
    expect(printed.code).toBe(0);
    expect(String(printed.out).split('\n')[0]).toMatch(/^Lịch đến hạn từ 01\/01\/2024 đến 31\/12\/2024: \d{3} lần thực hiện$/);
  });
});

describe('dondoc preview: wrong arguments', () => {
  async function fails(args: string[], line: string): Promise<void> {
    const { code, stdout, stderr } = await dondoc('preview', ...args);
    expect(code, args.join(' ')).toBe(2);
    expect(stdout, args.join(' ')).toBe('');
    expect(stderr, args.join(' ')).toBe(`dondoc preview: ${line}\n`);
  }

  it('rejects bad or missing dates and a reversed range', async () => {
    await fails(['--from', '2024-02-30', '--to', '2024-03-31'], '--from "2024-02-30" không phải là ngày hợp lệ (dạng YYYY-MM-DD, ví dụ 2024-09-30)');
    await fails(['--from', '2024-01-01', '--to', '31/12/2024'], '--to "31/12/2024" không phải là ngày hợp lệ (dạng YYYY-MM-DD, ví dụ 2024-09-30)');
    await fails(['--from', '2024-9-1', '--to', '2024-12-31'], '--from "2024-9-1" không phải là ngày hợp lệ (dạng YYYY-MM-DD, ví dụ 2024-09-30)');
    await fails(['--to', '2024-12-31'], 'thiếu --from (dạng YYYY-MM-DD, ví dụ 2024-09-30)');
    await fails(['--from', '2024-01-01'], 'thiếu --to (dạng YYYY-MM-DD, ví dụ 2024-09-30)');
    await fails(['--from', '2024-12-31', '--to', '2024-01-01'], '--from 2024-12-31 sau --to 2024-01-01: ngày đầu phải trước hoặc bằng ngày cuối');
  });

  it('rejects unknown ids, naming the closest known one', async () => {
    const range = ['--from', '2024-01-01', '--to', '2024-12-31'];
    await fails([...range, '--unit', 'bien-sn'], 'không có đơn vị "bien-sn" (--unit); có phải "bien-son"?');
    await fails([...range, '--unit', 'Biên Sơn'], 'không có đơn vị "Biên Sơn" (--unit); có phải "bien-son"?');
    await fails([...range, '--unit', 'luc-ngan'], 'không có đơn vị "luc-ngan" (--unit); có phải "huyen"?');
    await fails([...range, '--obligation', 'quartely-briefing'], 'không có nhiệm vụ "quartely-briefing" (--obligation); có phải "quarterly-briefing"?');
    await fails([...range, '--obligation', 'great-unity'], 'không có nhiệm vụ "great-unity" (--obligation); có phải "great-unity-day"?');
  });

  it('reports every issue of a configuration that does not load, exit 2', async () => {
    const load = () => loadConfig({ plan: path.join(BAD, 'plan-several-errors.yaml'), directory: path.join(BAD, 'dir-bad-email.yaml') });
    let issues: readonly string[] = [];
    try {
      load();
    } catch (e) {
      issues = (e as ConfigError).issues.map(formatIssue);
    }
    expect(issues.length).toBeGreaterThan(2);
    const printed = await outcome('preview', () => runPreview({ from: '2024-01-01', to: '2024-12-31' }, load));
    expect(printed.code).toBe(2);
    expect(printed.out).toBe('');
    expect(printed.err).toBe(`${issues.join('\n')}\nCấu hình không hợp lệ: ${issues.length} lỗi.\n`);
  });
});

describe('bin/dondoc.js', () => {
  it('runs preview end to end and exits with its code', () => {
    const bin = path.join(ROOT, 'bin/dondoc.js');
    const ok = spawnSync(process.execPath, [bin, 'preview', '--from', '2024-01-01', '--to', '2024-12-31', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(ok.status).toBe(0);
    const rows = JSON.parse(ok.stdout) as PreviewOccurrenceJson[];
    expect(rows.length).toBeGreaterThan(600);
    expect(new Set(rows.map((r) => r.unit)).size).toBe(30);
    const bad = spawnSync(process.execPath, [bin, 'preview', '--from', '2024-01-01', '--to', '2024-12-31', '--unit', 'nowhere'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
