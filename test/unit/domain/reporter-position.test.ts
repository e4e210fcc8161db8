/**
 * The reporter's post (Chức vụ) in the resolution Updates: optional, text, at most
 * INPUT_LIMITS.position characters, refused in Vietnamese otherwise (domain/resolution.ts).
 */
import { describe, expect, test } from 'vitest';
import { INPUT_LIMITS } from '../../../domain/input-limits';
import { refusalOf, type Action } from '../../../domain/resolution';
import { refusalMessage } from '../../../vocabulary';

const AT = Date.parse('2024-09-23T02:00:00Z');
const CASES: [Action, { resolution: Parameters<typeof refusalOf>[1]['resolution']; due: string }, Record<string, unknown>][] = [
  ['complete', { resolution: { type: 'done' }, due: '2024-09-30' }, { by: 'Nguyễn Văn A' }],
  ['waive', { resolution: { type: 'waivable' }, due: '2024-09-30' }, { by: 'Nguyễn Văn A', reason: 'Không tổ chức' }],
  ['record', { resolution: { type: 'indicator', label: 'Tỷ lệ', unit: '%', comparison: '>=' }, due: '2024-09-30' }, { by: 'Nguyễn Văn A', value: 60 }],
];

describe.each(CASES)('%s: the post', (action, occ, req) => {
  test('absent, empty or within the limit: accepted', () => {
    expect(refusalOf(action, occ, req, AT)).toBeUndefined();
    expect(refusalOf(action, occ, { ...req, position: '' }, AT)).toBeUndefined();
    expect(refusalOf(action, occ, { ...req, position: 'x'.repeat(INPUT_LIMITS.position) }, AT)).toBeUndefined();
  });
  test('over the limit or not text: refused, naming the field in Vietnamese', () => {
    const long = refusalOf(action, occ, { ...req, position: 'x'.repeat(INPUT_LIMITS.position + 1) }, AT);
    expect(long).toEqual({ code: 'too-long', field: 'position', limit: INPUT_LIMITS.position });
    expect(refusalMessage(action, long!)).toBe(`Chức vụ của người báo cáo dài quá ${INPUT_LIMITS.position} ký tự.`);
    const notText = refusalOf(action, occ, { ...req, position: 42 }, AT);
    expect(refusalMessage(action, notText!)).toBe('Chức vụ của người báo cáo phải là văn bản.');
  });
});
