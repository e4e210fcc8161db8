/**
 * Plans written for these tests in the administrative style, by other issuers (Ban Dân vận,
 * Ban Tuyên giáo, the Front's standing board) and with other recurrences (monthly on a day,
 * half-yearly on two days or at the end of June and December, quarterly, annual), read as
 * text, as a PDF with a text layer and as a Word file (scripts/make-draft-fixtures.ts makes
 * the PDF and the DOCX from test/fixtures/drafting/src/).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DueRule } from '../../../domain/model';
import type { DraftSummary } from '../../../drafting/draft';
import { draft, FIXTURES, loadDraft, normalised } from './helpers';

interface Expected {
  ref: string;
  kind: string;
  schedules: Array<[string, DueRule]>;
  owner: unknown[];
  participants?: unknown[];
  ownerMode?: 'each';
  resolution?: unknown;
}

interface Case {
  file: string;
  /** The text the document was made from: every quote must be in it. */
  text: string;
  plan: Partial<DraftSummary['plan']>;
  /** source.document as the draft writes it: type, number, date line, issuer. */
  document: string;
  duties: Expected[];
  review: Array<[string, RegExp]>;
}

const END: DueRule = { rule: 'end-of-period' };
const on = (date: string): DueRule => ({ rule: 'date', date, adjust: 'previous' });
const DISTRICT_ORGANISATIONS = ['ldld-huyen', 'hnd-huyen', 'hccb-huyen', 'hlhpn-huyen', 'huyen-doan'].map((body) => ({ body }));
/** The body text of a source: the lines after the two-column heading. */
const sourceBody = (name: string) => readFileSync(path.join(FIXTURES, 'src', name), 'utf8').split('\n').filter((l) => !l.includes(' | ')).join('\n');

const CASES: Case[] = [
  {
    file: 'dan-van-2024.txt',
    text: readFileSync(path.join(FIXTURES, 'dan-van-2024.txt'), 'utf8'),
    plan: { issuedBy: 'ban-dan-van', date: '2024-01-15', to: '2024-12-31', monitor: 'ban-dan-van' },
    document: 'Kế hoạch số 05-KH/BDVHU, ngày 15 tháng 01 năm 2024, của Ban Dân vận Huyện ủy Lục Ngạn',
    duties: [
      { ref: 'II.1 ¶1', kind: 'document', schedules: [['once', on('2024-03-31')]], owner: [{ body: 'ban-dan-van' }] },
      {
        ref: 'II.1 ¶2',
        kind: 'report',
        schedules: [['half-yearly', { rule: 'day-of-half', h1: { month: 6, day: 15 }, h2: { month: 12, day: 15 }, adjust: 'previous' }]],
        owner: [{ body: 'ban-dan-van' }],
        participants: [{ body: 'tt-huyen-uy' }],
      },
      {
        ref: 'II.2 ¶1',
        kind: 'meeting',
        schedules: [['monthly', { rule: 'day-of-month', day: 25, adjust: 'previous' }]],
        owner: [{ body: 'ban-dan-van' }],
        participants: [{ body: 'mttq-huyen' }, ...DISTRICT_ORGANISATIONS],
      },
      {
        ref: 'II.2 ¶2',
        kind: 'report',
        schedules: [['quarterly', END]],
        // The communes have no trade union of their own.
        owner: [{ kinds: ['mttq', 'hnd', 'hccb', 'hlhpn', 'doan-tn'], level: 'commune' }],
        participants: [{ kinds: ['dang-uy'], level: 'commune' }],
      },
      { ref: 'II.3 ¶1', kind: 'meeting', schedules: [['annual', END]], owner: [{ kinds: ['ubnd'], level: 'commune' }] },
      {
        ref: 'II.3 ¶2',
        kind: 'indicator',
        schedules: [['annual', END]],
        owner: [{ body: 'mttq-huyen' }],
        resolution: { type: 'indicator', label: 'Tỷ lệ khu dân cư được công nhận đạt chuẩn văn hóa', unit: '%', comparison: '>=', target: 85 },
      },
      {
        ref: 'II.3 ¶3',
        kind: 'indicator',
        schedules: [['annual', END]],
        owner: [{ body: 'ubnd-huyen' }],
        resolution: { type: 'indicator', label: 'Tỷ lệ hộ nghèo', unit: '%', comparison: '<=', target: 3 },
      },
      {
        ref: 'III.2',
        kind: 'report',
        schedules: [['once', on('2024-12-10')]],
        owner: [{ body: 'mttq-huyen' }, ...DISTRICT_ORGANISATIONS],
        participants: [{ body: 'ban-dan-van' }],
      },
    ],
    review: [
      ['II.2 ¶3', /^kỳ “Hằng tuần” chưa được hỗ trợ/],
      ['II.3 ¶4', /^có “định kỳ” nhưng không nói bao lâu một lần$/],
      ['III.3', /^cơ quan chủ trì “Ban Chỉ huy Quân sự huyện” không có trong danh bạ$/],
      ['III.4', /^cơ quan chủ trì “Văn phòng Huyện ủy” không có trong danh bạ$/],
    ],
  },
  {
    file: 'tuyen-giao-2024.pdf',
    text: sourceBody('tuyen-giao-2024.txt'),
    plan: { issuedBy: 'ban-tuyen-giao', date: '2024-02-05', to: '2025-12-31', monitor: 'ban-tuyen-giao' },
    document: 'Kế hoạch số 12-KH/BTGHU, ngày 05 tháng 02 năm 2024, của Ban Tuyên giáo Huyện ủy Lục Ngạn',
    duties: [
      { ref: 'II.2 ¶1', kind: 'document', schedules: [['once', on('2024-03-31')]], owner: [{ body: 'ban-tuyen-giao' }] },
      { ref: 'II.2 ¶2', kind: 'meeting', schedules: [['quarterly', END]], owner: [{ body: 'ban-tuyen-giao' }] },
      { ref: 'II.2 ¶3', kind: 'event', schedules: [['annual', { rule: 'day-of-year', month: 11, day: 18, adjust: 'previous' }]], owner: [{ kinds: ['mttq'], level: 'commune' }] },
      { ref: 'III.1', kind: 'report', schedules: [['half-yearly', END]], owner: [{ kinds: ['dang-uy'], level: 'commune' }], participants: [{ body: 'ban-tuyen-giao' }] },
      { ref: 'III.2', kind: 'document', schedules: [['once', on('2024-06-30')]], owner: [{ body: 'mttq-huyen' }], participants: DISTRICT_ORGANISATIONS },
      {
        ref: 'III.3',
        kind: 'report',
        schedules: [['annual', { rule: 'day-of-year', month: 12, day: 20, adjust: 'previous' }]],
        owner: [{ body: 'ban-tuyen-giao' }],
        participants: [{ body: 'btv-huyen-uy' }],
      },
    ],
    review: [],
  },
  {
    file: 'mat-tran-2025.docx',
    text: sourceBody('mat-tran-2025.txt'),
    plan: { issuedBy: 'mttq-huyen', date: '2025-01-10', to: '2025-12-31', monitor: 'mttq-huyen' },
    document: 'Kế hoạch số 03/KH-MTTQ-BTT, ngày 10 tháng 01 năm 2025, của Ủy ban MTTQ huyện Lục Ngạn',
    duties: [
      { ref: 'II.1.a', kind: 'document', schedules: [['once', on('2025-06-30')]], owner: [{ body: 'mttq-huyen' }] },
      {
        ref: 'II.1.b',
        kind: 'report',
        schedules: [['half-yearly', { rule: 'day-of-half', h1: { month: 6, day: 20 }, h2: { month: 11, day: 20 }, adjust: 'previous' }]],
        owner: [{ kinds: ['mttq'], level: 'commune' }],
      },
      { ref: 'II.1.c', kind: 'meeting', schedules: [['quarterly', END]], owner: [{ body: 'mttq-huyen' }] },
      {
        ref: 'II.2 ¶1',
        kind: 'indicator',
        schedules: [['annual', END]],
        owner: [{ body: 'mttq-huyen' }],
        resolution: { type: 'indicator', label: 'Tỷ lệ kiến nghị sau giám sát được cơ quan có thẩm quyền trả lời', unit: '%', comparison: '>=', target: 100 },
      },
      { ref: 'III.1', kind: 'document', schedules: [['once', on('2025-02-28')]], owner: DISTRICT_ORGANISATIONS, participants: [{ body: 'mttq-huyen' }], ownerMode: 'each' },
      { ref: 'III.2', kind: 'document', schedules: [['annual', { rule: 'day-of-year', month: 7, day: 31, adjust: 'previous' }]], owner: [{ body: 'ubnd-huyen' }] },
    ],
    review: [],
  },
];

describe.each(CASES)('$file', (c) => {
  let summary: DraftSummary;
  beforeAll(async () => {
    summary = await draft(path.join(FIXTURES, c.file));
  });

  it('finds the duties with their clause, kind, schedules, owner and participants', () => {
    const found = summary.duties.map((d) => ({
      ref: d.ref,
      kind: d.kind,
      schedules: d.schedules.map((s) => [s.recurrence, s.due]),
      owner: d.owner,
      ...(d.participants.length > 0 ? { participants: d.participants } : {}),
      ...(d.ownerMode === 'each' ? { ownerMode: 'each' } : {}),
      ...(d.resolution.type === 'indicator' ? { resolution: d.resolution } : {}),
    }));
    expect(found).toEqual(c.duties);
  });

  it('lists what it could not turn into an obligation, with the reason', () => {
    expect(summary.review.map((r) => r.ref)).toEqual(c.review.map(([ref]) => ref));
    summary.review.forEach((r, i) => expect(r.reason).toMatch(c.review[i]![1]));
  });

  it('quotes the document exactly', () => {
    const text = normalised(c.text);
    for (const d of summary.duties) expect(text.includes(d.quote), d.quote).toBe(true);
    for (const r of summary.review) expect(text.includes(r.quote), r.quote).toBe(true);
  });

  it('reads the issuer, the date, the term and who monitors the plan', () => {
    expect(summary.plan).toMatchObject(c.plan);
    expect(loadDraft(summary.yaml).plan.source.document).toBe(c.document);
  });

  it('writes a plan file the loader accepts', () => {
    const plan = loadDraft(summary.yaml).plan;
    expect(plan.obligations).toHaveLength(c.duties.length);
    expect(plan.period).toEqual({ from: c.plan.date, to: c.plan.to });
  });
});
