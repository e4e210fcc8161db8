import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay, toInstantMs } from '../../../domain/calendar/local-date';
import { isoInstant } from '../../../domain/timeline';
import { STEP_KIND_LABELS, formatInstantVi, formatViLong, stepKindLabel } from '../../../vocabulary';
import { timeOfInstant } from '../../../domain/calendar/local-date';

describe('Vietnamese formatting helpers', () => {
  it('names every step kind in Vietnamese', () => {
    expect(STEP_KIND_LABELS).toEqual({
      reminder: 'nhắc trước hạn',
      due: 'đến hạn',
      overdue: 'quá hạn',
      escalation: 'đôn đốc',
      close: 'kết thúc theo dõi',
    });
    expect(stepKindLabel('escalation')).toBe('đôn đốc');
    expect(stepKindLabel('escalation', 'report')).toBe('báo cáo');
    for (const label of Object.values(STEP_KIND_LABELS)) expect(label).toBe(label.normalize('NFC'));
  });

  it('writes an instant in Vietnam time, time first', () => {
    expect(formatInstantVi(toInstantMs('2024-09-23', '07:30'))).toBe('07:30, thứ Hai, ngày 23/9/2024');
    expect(formatInstantVi(Date.parse('2026-09-29T17:00:00Z'))).toBe('00:00, thứ Tư, ngày 30/9/2026');
    expect(formatInstantVi(Date.parse('2026-09-30T16:59:00Z'))).toBe('23:59, thứ Tư, ngày 30/9/2026');
    expect(timeOfInstant(Date.parse('1969-12-31T17:00:00Z'))).toBe('00:00');
  });

  it('round-trips any local date and time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2199-12-31') }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, h, m) => {
          const date = fromEpochDay(day);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const ms = toInstantMs(date, time);
          expect(formatInstantVi(ms)).toBe(`${time}, ${formatViLong(date)}`);
          expect(isoInstant(ms).slice(11, 16)).toBe(timeOfInstant(ms));
        },
      ),
    );
  });
});
