/**
 * A document's date line (vocabulary/document.ts): the date spelled out with the leading
 * zeros of a numeric date — days 1–9 and months 1–2 only. The digits come from `formatVi`:
 * the first test passes once `formatVi` writes 30/9/2024 and 05/02/2025 (the vocabulary's
 * date rule, changed on another branch).
 */
import { describe, expect, test } from 'vitest';
import { documentDateVi, placeDateLineVi } from '../../../vocabulary/document';

describe("a document's date line", () => {
  test('a leading zero for days 1–9 and months 1–2 only', () => {
    expect(documentDateVi('2024-09-30')).toBe('ngày 30 tháng 9 năm 2024');
    expect(documentDateVi('2025-02-05')).toBe('ngày 05 tháng 02 năm 2025');
    expect(documentDateVi('2021-07-09')).toBe('ngày 09 tháng 7 năm 2021');
    expect(documentDateVi('2024-12-15')).toBe('ngày 15 tháng 12 năm 2024');
    expect(documentDateVi('2025-01-01')).toBe('ngày 01 tháng 01 năm 2025');
    expect(documentDateVi('2024-10-10')).toBe('ngày 10 tháng 10 năm 2024');
  });

  test("a draft leaves the day blank; the place comes first", () => {
    expect(placeDateLineVi('Lục Ngạn', '2024-12-15')).toBe('Lục Ngạn, ngày 15 tháng 12 năm 2024');
    expect(placeDateLineVi('Lục Ngạn', '2024-12-09', { blankDay: true })).toBe('Lục Ngạn, ngày \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 tháng 12 năm 2024');
    expect(placeDateLineVi('', '2024-12-09')).toBe(documentDateVi('2024-12-09'));
  });
});
