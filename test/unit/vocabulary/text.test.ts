/** Numbers, rates, targets, quotations, the plan's citation and the labels shared by every surface. */
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../config/load';
import { PlanIndex } from '../../../domain/occurrences';
import {
  FIELD_LABELS,
  STEP_KIND_LABELS,
  basisVi,
  clauseRefVi,
  closedReason,
  formatNumberVi,
  formatRate,
  reporterVi,
  resolutionLineVi,
  joinVi,
  planCitationOf,
  planCitationVi,
  planCitationGaps,
  planShortCitationVi,
  quoteVi,
  statusLabel,
  statusWithReason,
  stepKindLabel,
  targetVi,
  bodyNameIn,
  convenerVi,
  inSentenceVi,
  placeOfUnit,
} from '../../../vocabulary';
import { conventionProblems } from '../../helpers/conventions';

describe('numbers', () => {
  test('decimal comma, a dot between thousands, the digits as given', () => {
    expect(formatNumberVi(12.5)).toBe('12,5');
    expect(formatNumberVi(55)).toBe('55');
    expect(formatNumberVi(1234)).toBe('1.234');
    expect(formatNumberVi(1234567.25)).toBe('1.234.567,25');
    expect(formatNumberVi(-3.75)).toBe('-3,75');
    expect(formatNumberVi(0)).toBe('0');
    // A fixed number of decimals, for figures that line up: confidence, seconds.
    expect(formatNumberVi(0.8, 2)).toBe('0,80');
    expect(formatNumberVi(12, 1)).toBe('12,0');
    expect(formatNumberVi(1234.5, 1)).toBe('1.234,5');
  });

  test('rates: one decimal only where it is not zero, decimal comma, no space before %', () => {
    expect(formatRate(0.875)).toBe('87,5%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0.5)).toBe('50%');
    expect(formatRate(6 / 7)).toBe('85,7%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(0.9166)).toBe('91,7%');
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(null)).toBe('—');
  });

  test("a target keeps the plan's words", () => {
    expect(targetVi('>=', 55, '%')).toBe('từ 55% trở lên');
    expect(targetVi('<=', 12.5, '%')).toBe('không quá 12,5%');
    expect(targetVi('>=', 3, 'người')).toBe('từ 3 người trở lên');
  });
});

describe('text pieces', () => {
  test('quotations, lists and clause references', () => {
    expect(quoteVi('không phát sinh')).toBe('“không phát sinh”');
    expect(joinVi([])).toBe('');
    expect(joinVi(['A'])).toBe('A');
    expect(joinVi(['A', 'B'])).toBe('A và B');
    expect(joinVi(['A', 'B', 'C'])).toBe('A, B và C');
    expect(clauseRefVi('II.1 ¶2')).toBe('mục II.1, đoạn 2');
    expect(clauseRefVi('II.3 (Hội CCB)')).toBe('mục II.3 (nội dung về Hội Cựu chiến binh)');
    expect(clauseRefVi('II.3 (Công đoàn)')).toBe('mục II.3 (nội dung về Công đoàn)');
  });

  test('a plan whose copy leaves the number and the day blank is cited without them, never "số …"; its month after the issuer', () => {
    const index = PlanIndex.fromConfig(loadConfig().config);
    const citation = planCitationOf(index);
    expect(citation).toBe(
      'Kế hoạch của Ban Thường vụ Huyện ủy Lục Ngạn (tháng 8/2021) thực hiện Kết luận số 115-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang',
    );
    expect(citation).not.toMatch(/số …|…-KH/);
    expect(planCitationGaps(index.config.plan.source)).toEqual(['number', 'signedOn']);
    expect(basisVi('II.1 ¶2', citation)).toBe(`mục II.1, đoạn 2 ${citation}`);
    expect(planShortCitationVi(index.config.plan.source, 'Ban Thường vụ Huyện ủy')).toBe('Kế hoạch của Ban Thường vụ Huyện ủy (tháng 8/2021)');
  });

  test('once the number and the day are filled in, the citation carries them, without commas', () => {
    const source = { type: 'Kế hoạch', number: '12-KH/HU', signedOn: '2021-08-20', subject: 'thực hiện Kết luận số 115-KL/TU', issuedBy: 'btv', date: '2021-08-20' };
    expect(planCitationVi(source, 'Ban Thường vụ Huyện ủy Lục Ngạn')).toBe('Kế hoạch số 12-KH/HU ngày 20/8/2021 của Ban Thường vụ Huyện ủy Lục Ngạn thực hiện Kết luận số 115-KL/TU');
    expect(planShortCitationVi(source, 'Ban Thường vụ Huyện ủy')).toBe('Kế hoạch số 12-KH/HU ngày 20/8/2021 của Ban Thường vụ Huyện ủy');
    expect(planCitationGaps(source)).toEqual([]);
    // A number without the day: the month stays.
    expect(planCitationVi({ ...source, signedOn: undefined }, 'Ban Thường vụ Huyện ủy Lục Ngạn')).toBe('Kế hoạch số 12-KH/HU của Ban Thường vụ Huyện ủy Lục Ngạn (tháng 8/2021) thực hiện Kết luận số 115-KL/TU');
    expect(planCitationGaps({ ...source, signedOn: undefined })).toEqual(['signedOn']);
    // A citation written out whole that keeps a draft's blank number lacks it.
    expect(planCitationGaps({ document: 'Kế hoạch số …-KH/HU, tháng 8 năm 2021', issuedBy: 'btv', date: '2021-08-31' })).toEqual(['number']);
    // A source that leaves out the issuer or the date gets them from the plan's data.
    expect(planCitationVi({ document: 'Kế hoạch số 12-KH/TU', issuedBy: 'btv', date: '2025-03-05' }, 'Ban Thường vụ Tỉnh ủy Bắc Ninh')).toBe(
      'Kế hoạch số 12-KH/TU ngày 05/3/2025 của Ban Thường vụ Tỉnh ủy Bắc Ninh',
    );
    expect(planCitationVi({ document: 'Kế hoạch số 12-KH/TU ngày 05/3/2025', issuedBy: 'btv', date: '2025-03-05' }, 'Ban Thường vụ Tỉnh ủy Bắc Ninh')).toBe(
      'Kế hoạch số 12-KH/TU ngày 05/3/2025 của Ban Thường vụ Tỉnh ủy Bắc Ninh',
    );
  });
});

describe('labels', () => {
  test('one label per thing, in the words every surface shows', () => {
    expect(FIELD_LABELS).toMatchObject({
      unit: 'Địa bàn',
      owner: 'Cơ quan, đơn vị chủ trì',
      participants: 'Cơ quan, đơn vị phối hợp',
      due: 'Thời hạn',
      status: 'Tình hình thực hiện',
      trackingId: 'Mã theo dõi',
      basis: 'Căn cứ',
    });
    for (const label of [...Object.values(FIELD_LABELS), ...Object.values(STEP_KIND_LABELS)]) expect(label).toBe(label.normalize('NFC'));
  });

  test('an escalation is "đôn đốc", or "báo cáo" to Party leadership; never "vượt cấp"', () => {
    expect(stepKindLabel('escalation', 'urge')).toBe('đôn đốc');
    expect(stepKindLabel('escalation', 'report')).toBe('báo cáo');
    expect(stepKindLabel('escalation', 'both')).toBe('đôn đốc, báo cáo');
    expect(stepKindLabel('reminder', 'report')).toBe('nhắc trước hạn');
    for (const label of Object.values(STEP_KIND_LABELS)) expect(conventionProblems(label)).toEqual([]);
  });

  test('a stopped occurrence says why beside the generic status', () => {
    expect(statusLabel('closed')).toBe('kết thúc theo dõi');
    const reason = 'chuyển về thị xã Chũ từ ngày 01/01/2025 (Nghị quyết 1191/NQ-UBTVQH15)';
    expect(statusWithReason('closed', reason)).toBe(`kết thúc theo dõi (${reason})`);
    expect(statusWithReason('closed', undefined)).toBe('kết thúc theo dõi');
    expect(statusWithReason('overdue', reason)).toBe('quá hạn, chưa hoàn thành');
    expect(closedReason({ unitName: 'xã Kiên Lao', unitEnd: { way: 'transferred', on: '2025-01-01', reason } })).toBe(reason);
    expect(closedReason({ unitName: 'huyện Lục Ngạn', unitEnd: { way: 'abolished', on: '2025-07-01' } })).toBe('huyện Lục Ngạn kết thúc hoạt động từ ngày 01/7/2025');
    expect(closedReason({ unitName: 'xã Biển Động', unitEnd: { way: 'handover', on: '2025-01-01', successor: 'tt-bien-dong', successorName: 'thị trấn Biển Động' } })).toBe(
      'xã Biển Động chuyển giao cho thị trấn Biển Động từ ngày 01/01/2025',
    );
    expect(closedReason({ unitName: 'xã Biên Sơn' })).toBeUndefined();
  });
});

describe('names inside a sentence', () => {
  const index = PlanIndex.fromConfig(loadConfig().config);

  test('without the place the reader cannot mistake: its own unit, or the district, alone at its level', () => {
    expect(bodyNameIn(index, 'mttq-bien-son', 'bien-son')).toBe('Ủy ban MTTQ xã');
    expect(bodyNameIn(index, 'ban-dan-van', 'bien-son')).toBe('Ban Dân vận Huyện ủy');
    expect(bodyNameIn(index, 'tt-huyen-uy', 'huyen')).toBe('Thường trực Huyện ủy');
    expect(bodyNameIn(index, 'huyen-doan', 'huyen')).toBe('Huyện đoàn');
    // The district reads a commune's bodies in full: it has thirty.
    expect(bodyNameIn(index, 'mttq-bien-son', 'huyen')).toBe('Ủy ban MTTQ xã Biên Sơn');
    expect(bodyNameIn(index, 'mttq-bien-son', 'cam-son')).toBe('Ủy ban MTTQ xã Biên Sơn');
    expect(placeOfUnit('thị trấn Chũ')).toBe('Chũ');
  });

  test('who convenes: the office that issues the owner’s invitations, or the owner', () => {
    expect(convenerVi(index, ['tt-huyen-uy'])).toBe('Văn phòng Huyện ủy');
    expect(convenerVi(index, ['ubnd-bien-son'])).toBe('Ủy ban nhân dân xã Biên Sơn');
    expect(convenerVi(index, ['ubnd-bien-son'], 'bien-son')).toBe('Ủy ban nhân dân xã');
  });

  test('a title inside a sentence starts in lower case, unless it starts with an abbreviation, an office or a body', () => {
    expect(inSentenceVi('Giao ban quý III/2024')).toBe('giao ban quý III/2024');
    expect(inSentenceVi('UBND đề xuất nhiệm vụ')).toBe('UBND đề xuất nhiệm vụ');
    expect(inSentenceVi('Chủ tịch UBND làm việc định kỳ')).toBe('Chủ tịch UBND làm việc định kỳ');
    expect(inSentenceVi('Thường trực Huyện ủy giao ban')).toBe('Thường trực Huyện ủy giao ban');
    expect(inSentenceVi('Chủ trì buổi làm việc')).toBe('chủ trì buổi làm việc');
    expect(inSentenceVi('Tỷ lệ thanh niên')).toBe('tỷ lệ thanh niên');
  });
});

describe('reporterVi: who reported, and in what post', () => {
  test('with a post: “đồng chí <name>, <post>”, once even when the name already says đồng chí', () => {
    expect(reporterVi({ by: 'Nguyễn Văn A', position: 'Phó Chủ tịch Ủy ban MTTQ xã' })).toBe('đồng chí Nguyễn Văn A, Phó Chủ tịch Ủy ban MTTQ xã');
    expect(reporterVi({ by: 'Đồng chí Nguyễn Văn A', position: ' Chủ tịch ' })).toBe('Đồng chí Nguyễn Văn A, Chủ tịch');
  });
  test('without a post (or a blank one), `by` as given: it may name a body', () => {
    expect(reporterVi({ by: 'Văn phòng Ban' })).toBe('Văn phòng Ban');
    expect(reporterVi({ by: 'Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)', position: '  ' })).toBe('Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)');
  });
  test("a post that names the link's body, or the start of its name, takes its whole name: the body is not said twice", () => {
    const lan = 'Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)'; // as the pages record `by`: the name and the link's body
    const full = 'đồng chí Hoàng Thị Lan, Phó Chủ tịch Ủy ban MTTQ xã Biên Sơn';
    expect(reporterVi({ by: lan, position: 'Phó Chủ tịch Ủy ban MTTQ xã' })).toBe(full);
    expect(reporterVi({ by: lan, position: 'Phó Chủ tịch  Ủy ban MTTQ xã Biên Sơn ' })).toBe(full);
    expect(reporterVi({ by: lan, position: 'Phó Chủ tịch Ủy ban MTTQ' })).toBe(full);
    expect(reporterVi({ by: lan, position: 'Phó Chủ tịch Ủy ban MTTQ xã'.normalize('NFD') })).toBe(full); // typed decomposed
    expect(reporterVi({ by: 'Trần Văn B (Huyện đoàn Lục Ngạn)', position: 'Bí thư Huyện đoàn' })).toBe('đồng chí Trần Văn B, Bí thư Huyện đoàn Lục Ngạn');
    expect(reporterVi({ by: 'Trần Văn B (Ban Dân vận Huyện ủy Lục Ngạn)', position: 'Trưởng Ban Dân vận Huyện ủy' })).toBe('đồng chí Trần Văn B, Trưởng Ban Dân vận Huyện ủy Lục Ngạn');
    expect(reporterVi({ by: 'Trần Văn B (Ủy ban nhân dân thị trấn Biển Động)', position: 'Chủ tịch Ủy ban nhân dân thị trấn' })).toBe(
      'đồng chí Trần Văn B, Chủ tịch Ủy ban nhân dân thị trấn Biển Động',
    );
  });
  test('a post that does not name the body (or names another, or less than its kind): the body stays beside the name', () => {
    const lan = 'Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)';
    expect(reporterVi({ by: lan, position: 'Chủ tịch' })).toBe('đồng chí Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn), Chủ tịch');
    expect(reporterVi({ by: lan, position: 'Chủ tịch Ủy ban' })).toBe('đồng chí Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn), Chủ tịch Ủy ban');
    expect(reporterVi({ by: lan, position: 'Chủ tịch Hội Nông dân xã' })).toBe('đồng chí Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn), Chủ tịch Hội Nông dân xã');
  });
  test('a result in one line names the action, the reporter with the post, and when', () => {
    expect(resolutionLineVi({ action: 'complete', by: 'Nguyễn Văn A', position: 'Chủ tịch UBND huyện', atMs: Date.UTC(2024, 8, 30, 2, 15) })).toBe(
      'Báo cáo đã hoàn thành — đồng chí Nguyễn Văn A, Chủ tịch UBND huyện, 09:15, thứ Hai, ngày 30/9/2024',
    );
  });
});
