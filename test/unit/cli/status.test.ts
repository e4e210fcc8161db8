import { describe, expect, test } from 'vitest';
import type { StatusRow } from '../../../client/status';
import { statusText } from '../../../cli/commands/status';

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
