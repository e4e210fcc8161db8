/**
 * `dondoc draft` as a user runs it: where the draft and the summary go, `--json`,
 * `--reference`, and bad input — an empty file, a text that is no plan, a scanned PDF, a
 * damaged Word file, an unknown format, a missing file: one line each, exit 2.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runValidate } from '../../../cli/commands/validate';
import { dondoc } from '../cli/run';
import { FIXTURES, ROOT } from './helpers';

const fixture = (name: string) => path.relative(process.cwd(), path.join(FIXTURES, name));
const SHIPPED = fixture('ke-hoach-115-KL-TU-luc-ngan-2021.txt');

describe('dondoc draft with bad input', () => {
  it.each([
    ['empty.txt', 'tệp rỗng, không có nội dung'],
    ['not-a-plan.txt', 'không nhận ra văn bản kế hoạch (không có tên loại văn bản như “KẾ HOẠCH”, không có mục I., II.) và không tìm thấy nhiệm vụ nào'],
    ['scan.pdf', 'tệp PDF không có lớp chữ (bản quét, 2 trang): cần nhận dạng chữ (OCR) trước, hoặc dùng bản DOCX hay PDF xuất từ Word'],
    ['broken.docx', 'không đọc được tệp DOCX: tệp hỏng hoặc không phải tài liệu Word'],
    ['no-such-plan.docx', 'không có tệp này'],
    ['src', 'tệp không có phần mở rộng: dùng tệp .docx, .pdf (có lớp chữ) hoặc .txt'],
  ])('%s: one line saying what is wrong, exit 2', async (name, message) => {
    const file = fixture(name);
    const { code, stdout, stderr } = await dondoc('draft', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr.startsWith(`dondoc draft: ${file}: ${message}`), stderr).toBe(true);
  });

  it('a file in another format says which formats it reads', async () => {
    const { code, stderr } = await dondoc('draft', 'README.md');
    expect(code).toBe(2);
    expect(stderr).toBe('dondoc draft: README.md: định dạng .md chưa đọc được: dùng tệp .docx, .pdf (có lớp chữ) hoặc .txt\n');
  });

  it('a directory that does not load: every issue at file:line:col, exit 2', async () => {
    const bad = path.relative(process.cwd(), path.join(ROOT, 'test/fixtures/bad-config/dir-bad-id.yaml'));
    const { code, stdout, stderr } = await dondoc('draft', SHIPPED, '--directory', bad);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${bad.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
    // As every command says it (cli/output.ts): the issues, then how many.
    expect(lines[lines.length - 1]).toBe(`Cấu hình không hợp lệ: ${lines.length - 1} lỗi.`);
  });
});

describe('dondoc draft', () => {
  it('with --out writes the draft there, prints the summary, and the draft validates', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'dondoc-draft-')), 'plan.yaml');
    const { code, stdout, stderr } = await dondoc('draft', SHIPPED, '--out', out, '--reference', 'config/plan.yaml');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Dự thảo kế hoạch từ .*ke-hoach-115-KL-TU-luc-ngan-2021\.txt \(văn bản thuần\): \d+ nhiệm vụ, 0 đoạn cần xem xét\.$/m);
    expect(stdout).toContain(`Đã ghi ${out}.`);
    expect(stdout).toMatch(/thời gian: 31\/8\/2021 đến 31\/12\/2025\./);
    expect(stdout).toMatch(/Đối chiếu với config\/plan\.yaml: tìm thấy (\d+)\/\1 nhiệm vụ \(100%\)/);
    // Each obligation with its confidence and what to check.
    expect(stdout).toMatch(/^ {3}1\. \[0,\d\d\] II\.1 ¶2 — cuộc họp, hằng quý — tt-huyen-uy$/m);
    expect(stdout).toContain('· cơ quan chủ trì không được nêu trong câu: lấy theo “Cấp ủy đảng các cấp” (đoạn trước cùng mục)');

    const validated = runValidate([out]);
    expect(validated.code).toBe(0);
    expect(validated.out).toMatch(/^OK: .* \d+ nhiệm vụ/);
    expect(readFileSync(out, 'utf8')).toMatch(/^# DỰ THẢO kế hoạch cho dondoc/);
  });

  it('without --out prints the draft on stdout and the summary on stderr', async () => {
    const { code, stdout, stderr } = await dondoc('draft', fixture('dan-van-2024.txt'));
    expect(code).toBe(0);
    const plan = parse(stdout) as { obligations: Array<{ id: string }>; source: { issuedBy: string } };
    expect(plan.source.issuedBy).toBe('ban-dan-van');
    expect(plan.obligations).toHaveLength(8);
    expect(stderr).toMatch(/^Dự thảo kế hoạch từ .*dan-van-2024\.txt \(văn bản thuần\): 8 nhiệm vụ, 4 đoạn cần xem xét\./);
    expect(stderr).toContain('Cần xem xét (chưa thành nhiệm vụ):');
    // The review section is in the file too, as comments the schema never sees.
    expect(stdout).toContain('# III.3: cơ quan chủ trì “Ban Chỉ huy Quân sự huyện” không có trong danh bạ');
  });

  it('--json: obligations with confidence and checks, the review, and the draft', async () => {
    const { code, stdout } = await dondoc('draft', fixture('tuyen-giao-2024.pdf'), '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { duties: Array<{ id: string; confidence: number; checks: string[]; quote: string }>; review: unknown[]; yaml: string; plan: { issuedBy: string } };
    expect(json.plan.issuedBy).toBe('ban-tuyen-giao');
    expect(json.duties).toHaveLength(6);
    for (const d of json.duties) {
      expect(d.confidence).toBeGreaterThan(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
      expect(Array.isArray(d.checks)).toBe(true);
    }
    expect(json.duties.find((d) => d.id === 'ii-2-2-lam-viec')?.checks).toContain('cuộc họp không nêu thành phần tham dự: bổ sung participants');
    expect(json.review).toEqual([]);
    expect((parse(json.yaml) as { obligations: unknown[] }).obligations).toHaveLength(6);
  });
});
