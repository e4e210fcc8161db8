/**
 * The shipped plan's text (Kế hoạch thực hiện Kết luận 115-KL/TU) drafted against the
 * shipped directory, and compared with config/plan.yaml, written by hand from the same text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load';
import type { DraftSummary } from '../../../drafting/draft';
import { draft, loadDraft, normalised, SHARED_TEXT, SHIPPED_TEXT } from './helpers';

const reference = { plan: loadConfig().config.plan, file: 'config/plan.yaml' };

/** The obligations of config/plan.yaml when the drafter was written (the plan may gain more). */
const KNOWN = [
  'quarterly-briefing', 'chair-working-session', 'citizen-reception-invite', 'coordination-regulation', 'district-regulation-review',
  'creative-activity-registration', 'implementation-plans', 'media-publicity', 'annual-implementation-report', 'great-unity-day',
  'veterans-chair-indicator', 'union-membership-indicator', 'youth-membership-indicator',
];

let summary: DraftSummary;
beforeAll(async () => {
  summary = await draft(SHIPPED_TEXT, reference);
});

describe('the draft of the shipped plan', () => {
  it.skipIf(!existsSync(SHARED_TEXT))('reads the same text as ../shared/plan/', () => {
    expect(readFileSync(SHIPPED_TEXT, 'utf8')).toBe(readFileSync(SHARED_TEXT, 'utf8'));
  });

  it('finds every obligation of config/plan.yaml', () => {
    const recall = summary.recall!;
    expect(recall.missing).toEqual([]);
    expect(recall.found).toBe(reference.plan.obligations.length);
    expect(recall.recall).toBe(1);
  });

  it('finds each with the kind, recurrences and owner kinds of config/plan.yaml', () => {
    const byId = new Map(summary.recall!.matches.map((m) => [m.id, m]));
    for (const id of KNOWN) {
      if (!reference.plan.obligations.some((o) => o.id === id)) continue; // renamed or removed since
      expect(byId.get(id)?.differences, id).toEqual([]);
    }
  });

  it('cites the clauses config/plan.yaml cites, where they are numbered', () => {
    const draftRef = new Map(summary.duties.map((d) => [d.id, d.ref]));
    for (const m of summary.recall!.matches) {
      const ref = reference.plan.obligations.find((o) => o.id === m.id)!.clause.ref;
      if (/^[IVX]+\.\d+(?: ¶\d+)?$/.test(ref)) expect(draftRef.get(m.draft), m.id).toBe(ref);
    }
  });

  it('also finds the three duties of II.2 that obligations.md says the first plan file missed', () => {
    const found = (ref: string, start: string) => summary.duties.filter((d) => d.ref === ref && d.quote.startsWith(start));
    expect(found('II.2 ¶1', 'Ủy ban MTTQ, các tổ chức chính trị- xã hội chủ động phối hợp').map((d) => d.kind)).toEqual(['document']);
    expect(found('II.2 ¶2', 'UBND các cấp đề xuất nhiệm vụ và phương án').map((d) => d.ownerKinds)).toEqual([['ubnd']]);
    expect(found('II.2 ¶3', 'Bố trí, bảo đảm kinh phí').map((d) => d.schedules.map((x) => x.recurrence))).toEqual([['annual']]);
    // Whatever config/plan.yaml lacks is reported as extra, and nothing is left for review.
    expect(summary.recall!.extra).toHaveLength(summary.duties.length - summary.recall!.found);
    expect(summary.review).toEqual([]);
  });

  it('quotes the document exactly: every quote is in the text, whitespace normalised', () => {
    const text = normalised(readFileSync(SHIPPED_TEXT, 'utf8'));
    for (const duty of summary.duties) expect(text.includes(duty.quote), duty.quote).toBe(true);
  });

  it('keeps the document’s structure: its numbered parts and items, in order', () => {
    expect(summary.structure.headings.map((h) => h.ref)).toEqual(['I', 'I.1', 'I.2', 'I.3', 'II', 'II.1', 'II.2', 'II.3', 'IV', 'IV.1', 'IV.2', 'IV.3', 'IV.4']);
    expect(summary.structure.headings.find((h) => h.ref === 'II.3')!.text).toBe('3. Đổi mới nội dung, phương thức hoạt động của Ủy ban MTTQ, các tổ chức chính trị - xã hội');
    // Lines wrapped at the margin are paragraphs again: two in II.1, four in II.2, nine in II.3.
    const refs = summary.duties.map((d) => d.ref);
    expect(refs).toContain('II.2 ¶4');
    expect(refs).toContain('II.3 ¶9');
  });

  it('reads the heading: number left blank, the month without a day, the issuer, the term, the monitor', () => {
    expect(summary.source).toMatchObject({ number: '…-KH/HU', place: 'Lục Ngạn', docType: 'KẾ HOẠCH' });
    expect(summary.plan).toMatchObject({ issuedBy: 'btv-huyen-uy', date: '2021-08-31', from: '2021-08-31', to: '2025-12-31', monitor: 'ban-dan-van' });
    expect(summary.plan.title).toMatch(/^Kế hoạch thực hiện Kết luận số 115-KL\/TU ngày 09\/7\/2021 .* giai đoạn 2021-2025$/);
    expect(summary.notes.join('\n')).toMatch(/để trống ngày ban hành/);
    expect(loadDraft(summary.yaml).plan.source.document).toBe('Kế hoạch số …-KH/HU, tháng 8 năm 2021, của Ban Thường vụ Huyện ủy Lục Ngạn');
  });

  it('is accepted by the loader with the shipped directory and calendar, quotes and all', () => {
    const plan = loadDraft(summary.yaml).plan;
    expect(plan.obligations.map((o) => o.id)).toEqual(summary.duties.map((d) => d.id));
    expect(plan.obligations.map((o) => o.clause.text)).toEqual(summary.duties.map((d) => d.quote));
  });

  it('says where the due date is a proposal, and why', () => {
    const byRef = (ref: string, start: string) => summary.duties.find((d) => d.ref === ref && d.quote.startsWith(start))!;
    expect(byRef('IV.2', 'Ủy ban MTTQ').schedules).toEqual([{ recurrence: 'once', due: { rule: 'date', date: '2021-09-30', adjust: 'previous' } }]);
    expect(byRef('IV.2', 'Ủy ban MTTQ').dueNote).toBeUndefined();
    expect(byRef('II.2 ¶4', 'HĐND').dueNote).toBe('Kế hoạch yêu cầu “khẩn trương” nhưng không nêu hạn; hạn 31/12/2021 (hết quý sau quý ban hành Kế hoạch) là đề xuất.');
    expect(byRef('II.3 ¶4', 'Mặt trận').schedules[0]!.due).toEqual({ rule: 'day-of-year', month: 11, day: 18, adjust: 'previous' });
  });
});
