import { describe, expect, test } from 'vitest';
import type { StatusRow } from '../../../client/status';
import { occurrenceText, statusText } from '../../../cli/commands/status';
import type { OccurrenceState } from '../../../workflows/messages';
import { SESSION } from '../email/fixtures';

const row = (id: string, skippedNotices: number): StatusRow => ({
  id,
  obligation: 'quarterly-briefing',
  unit: 'huyen',
  period: '2024-Q3',
  owners: ['tt-huyen-uy'],
  status: 'overdue',
  due: '2024-09-30',
  resolvedAt: null,
  summary: `Giao ban — ${id}`,
  skippedNotices,
  handedOver: null,
});

describe('dondoc status: what the monitor learns after a catch-up', () => {
  test('the notices not sent are counted under their occurrence and in a total line', () => {
    const out = statusText([row('occ/a', 3), row('occ/b', 0), row('occ/c', 2)]);
    expect(out).toEqual([
      '30/9/2024  quá hạn, chưa hoàn thành    occ/a',
      '            Giao ban — occ/a',
      '            Không gửi bù 3 thông báo bị lỡ (đã có thông báo mới hơn, hoặc đã quá hạn, lời nhắc không còn đúng).',
      '30/9/2024  quá hạn, chưa hoàn thành    occ/b',
      '            Giao ban — occ/b',
      '30/9/2024  quá hạn, chưa hoàn thành    occ/c',
      '            Giao ban — occ/c',
      '            Không gửi bù 2 thông báo bị lỡ (đã có thông báo mới hơn, hoặc đã quá hạn, lời nhắc không còn đúng).',
      '3 lần thực hiện.',
      'Không gửi bù 5 thông báo bị lỡ ở 2 lần thực hiện: sau thời gian gián đoạn, mỗi nơi nhận chỉ nhận thông báo mới nhất còn đúng; từng bước và lý do xem tại trang /o/<mã theo dõi>.',
    ]);
  });

  test('without a catch-up, no line about it', () => {
    expect(statusText([row('occ/a', 0)]).join('\n')).not.toContain('Không gửi bù');
  });

  test('an occurrence handed over says from whom and to whom, under its summary', () => {
    const handed: StatusRow = { ...row('occ/b', 0), unit: 'tt-bien-dong', handedOver: { from: 'bien-dong', fromName: 'xã Biển Động', to: 'tt-bien-dong', toName: 'thị trấn Biển Động', on: '2025-01-01' } };
    expect(statusText([row('occ/a', 0), handed])).toEqual([
      '30/9/2024  quá hạn, chưa hoàn thành    occ/a',
      '            Giao ban — occ/a',
      '30/9/2024  quá hạn, chưa hoàn thành    occ/b',
      '            Giao ban — occ/b',
      '            Xã Biển Động chuyển giao cho thị trấn Biển Động từ ngày 01/01/2025.',
      '2 lần thực hiện.',
    ]);
  });
});

describe('dondoc status OCCURRENCE: one occurrence in detail', () => {
  const spec = SESSION();
  const { steps, ...rest } = spec;
  const state = (resolution?: OccurrenceState['resolution']): OccurrenceState => ({
    spec: rest,
    status: resolution ? 'done-on-time' : 'open',
    statusLabel: '',
    final: !!resolution,
    extensions: [],
    skippedNotices: 0,
    steps: steps.map((s) => ({ ...s, state: 'pending' as const })),
    ...(resolution ? { resolution } : {}),
  });

  test('the result names who reported and in what post', () => {
    const out = occurrenceText(state({ action: 'complete', by: 'Nguyễn Văn A', position: 'Phó Chủ tịch UBND huyện', atMs: Date.UTC(2024, 8, 27, 2, 15), note: 'Đã họp.' }));
    expect(out).toContain('Tình hình thực hiện: hoàn thành đúng hạn');
    expect(out).toContain('Thời hạn: 30/9/2024');
    expect(out).toContain('Kết quả: Báo cáo đã hoàn thành — đồng chí Nguyễn Văn A, Phó Chủ tịch UBND huyện, 09:15, thứ Sáu, ngày 27/9/2024');
    expect(out).toContain('Ghi chú: Đã họp.');
  });

  test('a result without a post shows the name as given; an open one has no result line', () => {
    expect(occurrenceText(state({ action: 'complete', by: 'ubnd-huyen', atMs: Date.UTC(2024, 8, 27, 2, 15) }))).toContain(
      'Kết quả: Báo cáo đã hoàn thành — ubnd-huyen, 09:15, thứ Sáu, ngày 27/9/2024',
    );
    expect(occurrenceText(state()).some((l) => l.startsWith('Kết quả'))).toBe(false);
  });
});
