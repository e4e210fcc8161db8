/**
 * The drafter's rules one by one, on small plans written for each: the words that look
 * alike ("mới quy chế" is not "mỗi quý", "theo quy định" is not "theo quý", "mời" is not
 * "mỗi"), levels in lists, bodies outside the directory, deadlines, and text folding.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DraftSummary } from '../../../drafting/draft';
import { ActorResolver } from '../../../drafting/actors';
import { loadConfig } from '../../../config/load';
import { fold, sentenceSpans } from '../../../drafting/text';
import { draft, ladders, ROOT } from './helpers';
import { draftPlan } from '../../../drafting/draft';
import { loadDirectory } from '../../../drafting/inputs';
import type { Directory } from '../../../domain/model';

const DIR = mkdtempSync(path.join(tmpdir(), 'dondoc-rules-'));
let n = 0;

/** Drafts a plan of Ban Dân vận dated 15/01/2024 for 2024–2025 whose part II is `tasks`. */
async function plan(...tasks: string[]): Promise<DraftSummary> {
  return planFor(undefined, ...tasks);
}

/** The same, with the bodies and level words of another directory. */
async function planFor(directory: Directory | undefined, ...tasks: string[]): Promise<DraftSummary> {
  const file = path.join(DIR, `plan-${(n += 1)}.txt`);
  const text = [
    'HUYỆN ỦY LỤC NGẠN', 'BAN DÂN VẬN', 'Số 01-KH/BDVHU', 'Lục Ngạn, ngày 15 tháng 01 năm 2024',
    'KẾ HOẠCH', 'thực hiện công tác dân vận giai đoạn 2024-2025',
    'I. MỤC ĐÍCH, YÊU CẦU', 'Hằng năm tổ chức tốt các phong trào thi đua.',
    'II. NHIỆM VỤ', '1. Nhiệm vụ cụ thể', ...tasks,
  ].join('\n');
  writeFileSync(file, text);
  return directory ? draftPlan({ file, shownAs: path.basename(file), directory, ladders }) : draft(file);
}

const schedulesOf = (d: DraftSummary) => d.duties.map((x) => x.schedules.map((s) => s.recurrence));

describe('words that look alike once their marks are gone', () => {
  it('"ban hành mới quy chế" and "theo quy định" say nothing about quarters', async () => {
    const d = await plan('UBND huyện ban hành mới quy chế phối hợp với Ủy ban MTTQ huyện theo quy định, xong trước ngày 30/6/2024.');
    expect(schedulesOf(d)).toEqual([['once']]);
    expect(d.duties[0]!.schedules[0]!.due).toEqual({ rule: 'date', date: '2024-06-30', adjust: 'previous' });
  });

  it('"6 tháng một lần" is half-yearly and not also monthly; "trong 6 tháng" is a span, not a period', async () => {
    const d = await plan(
      'Ủy ban MTTQ huyện báo cáo kết quả với Ban Dân vận Huyện ủy 6 tháng một lần.',
      'Hội Nông dân huyện xây dựng đề án phát triển hợp tác xã trong 6 tháng, xong trước ngày 31/7/2024.',
    );
    expect(schedulesOf(d)).toEqual([['half-yearly'], ['once']]);
  });

  it('"mời" invites the Front; "mỗi" gives each organisation its own occurrence', async () => {
    const d = await plan(
      'Hằng tháng, Chủ tịch UBND huyện mời lãnh đạo Ủy ban MTTQ huyện dự họp giao ban.',
      'Hằng năm, mỗi tổ chức chính trị - xã hội huyện đăng ký với Ban Thường vụ Huyện ủy ít nhất 01 mô hình dân vận khéo.',
    );
    expect(d.duties[0]).toMatchObject({ owner: [{ body: 'ubnd-huyen' }], participants: [{ body: 'mttq-huyen' }], ownerMode: 'joint' });
    expect(d.duties[1]).toMatchObject({ kind: 'registration', ownerMode: 'each', participants: [{ body: 'btv-huyen-uy' }] });
    expect(d.duties[1]!.resolution).toEqual({ type: 'evidence', evidenceLabel: 'Tên mô hình dân vận khéo đã đăng ký' });
  });
});

describe('who', () => {
  it('a level word after a list applies to every body of it', async () => {
    const d = await plan('HĐND, UBND huyện rà soát, sửa đổi quy chế làm việc trong quý II/2024.');
    expect(d.duties[0]!.owner).toEqual([{ body: 'hdnd-huyen' }, { body: 'ubnd-huyen' }]);
    expect(d.duties[0]!.schedules[0]!.due).toEqual({ rule: 'date', date: '2024-06-30', adjust: 'previous' });
  });

  it("level words are the directory's: in the two-tier example, “tỉnh” is the province and “các xã, phường, đặc khu” its grassroots units", async () => {
    const example = loadDirectory(path.join(ROOT, 'config/examples/tinh-vi-du/directory.yaml'));
    const d = await planFor(
      example,
      'Hội Nông dân, Hội Cựu chiến binh tỉnh rà soát, sửa đổi quy chế làm việc trong quý II/2024.',
      'Định kỳ hằng quý, chủ tịch UBND các xã, phường, đặc khu làm việc với lãnh đạo Ủy ban MTTQ cùng cấp.',
    );
    expect(d.duties[0]!.owner).toEqual([{ body: 'hnd-tinh' }, { body: 'hccb-tinh' }]);
    expect(d.duties[1]).toMatchObject({ owner: [{ kinds: ['ubnd'], level: 'commune' }], participants: [{ kinds: ['mttq'], level: 'commune' }] });
    // The shipped directory knows no phường: “huyện” is its top level.
    const shipped = await plan('HĐND, UBND huyện rà soát, sửa đổi quy chế làm việc trong quý II/2024.');
    expect(shipped.duties[0]!.owner).toEqual([{ body: 'hdnd-huyen' }, { body: 'ubnd-huyen' }]);
  });

  it('"các cấp" is every level, "cùng cấp" the owner’s level', async () => {
    const d = await plan('Định kỳ hằng quý, chủ tịch UBND các cấp làm việc với lãnh đạo Hội Nông dân cùng cấp.');
    expect(d.duties[0]).toMatchObject({ owner: [{ kinds: ['ubnd'], level: 'all' }], participants: [{ kinds: ['hnd'], level: 'all' }] });
    expect(schedulesOf(d)).toEqual([['quarterly']]);
  });

  it('the province is not the district: a duty of Ban Thường vụ Tỉnh ủy goes to review', async () => {
    const d = await plan('Ban Thường vụ Tỉnh ủy ban hành quy chế phối hợp mới trước ngày 30/6/2024.', 'Ban Dân vận Huyện ủy ban hành hướng dẫn trước ngày 31/7/2024.');
    expect(d.duties.map((x) => x.owner)).toEqual([[{ body: 'ban-dan-van' }]]);
    expect(d.review.map((r) => r.reason)).toEqual(['cơ quan chủ trì “Ban Thường vụ Tỉnh ủy” không thuộc danh bạ (cơ quan cấp trên hoặc bên ngoài)']);
    expect(new ActorResolver(loadConfig().config.directory).mentions('Ban Thường vụ Tỉnh ủy').map((m) => m.term.key)).toEqual(['ngoai']);
  });

  it('a sentence without a subject takes the last one of its paragraph, and says so', async () => {
    const d = await plan('Ủy ban MTTQ huyện chủ động phối hợp với các cơ quan. Hằng quý tổ chức hội nghị đối thoại với đoàn viên, hội viên.');
    expect(d.duties[0]).toMatchObject({ kind: 'meeting', owner: [{ body: 'mttq-huyen' }] });
    expect(d.duties[0]!.checks[0]).toBe('cơ quan chủ trì không được nêu trong câu: lấy theo “Ủy ban MTTQ huyện” (câu trước trong đoạn)');
    expect(d.duties[0]!.confidence).toBeLessThan(0.8);
  });
});

describe('by when', () => {
  it('"trước năm 2025" ends with 2024; "trong tháng 10/2024" with October', async () => {
    const d = await plan(
      'Ban Dân vận Huyện ủy ban hành hướng dẫn thực hiện trước năm 2025.',
      'Ủy ban MTTQ huyện xây dựng chương trình phối hợp trong tháng 10/2024.',
    );
    expect(d.duties.map((x) => x.schedules[0]!.due)).toEqual([
      { rule: 'date', date: '2024-12-31', adjust: 'previous' },
      { rule: 'date', date: '2024-10-31', adjust: 'previous' },
    ]);
  });

  it('a deadline before the plan was issued moves to its date, and the note says so', async () => {
    const d = await plan('Ban Dân vận Huyện ủy xây dựng kế hoạch kiểm tra xong trước ngày 31/12/2023.');
    expect(d.duties[0]!.schedules[0]!.due).toEqual({ rule: 'date', date: '2024-01-15', adjust: 'previous' });
    expect(d.duties[0]!.dueNote).toBe('Hạn 31/12/2023 trước ngày ban hành Kế hoạch, nên đặt bằng ngày ban hành.');
  });

  it('one half-year day given: the other is six months on, as a proposal', async () => {
    const d = await plan('Định kỳ 6 tháng, Ban Dân vận Huyện ủy sơ kết và báo cáo Thường trực Huyện ủy trước ngày 10/6.');
    expect(d.duties[0]!.schedules[0]!.due).toEqual({ rule: 'day-of-half', h1: { month: 6, day: 10 }, h2: { month: 12, day: 10 }, adjust: 'previous' });
    expect(d.duties[0]!.dueNote).toMatch(/6 tháng cuối năm lấy ngày 10\/12 \(đề xuất\)/);
  });
});

describe('text', () => {
  it('folding keeps every offset: "Uỷ ban" and "Ủy ban" fold alike', () => {
    const text = 'Uỷ ban MTTQ và Ủy ban nhân dân, hằng năm, hàng quý; Đảng ủy';
    expect(fold(text)).toHaveLength(text.length);
    expect(fold('Uỷ ban')).toBe(fold('Ủy ban'));
    expect(fold(text)).toBe('uy ban mttq va uy ban nhan dan, hang nam, hang quy; dang uy');
  });

  it('a sentence ends at a full stop before a capital, not inside a number or a quote', () => {
    const text = 'Kết luận số 115-KL/TU ngày 09/7/2021 của Tỉnh ủy. Hằng quý báo cáo "Dân vận khéo". Xong./.';
    expect(sentenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Kết luận số 115-KL/TU ngày 09/7/2021 của Tỉnh ủy.',
      'Hằng quý báo cáo "Dân vận khéo".',
      'Xong./.',
    ]);
  });
});
