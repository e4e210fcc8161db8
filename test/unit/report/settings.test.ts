/**
 * The plan's `annualReport:` block (subject, signer, Nơi nhận): read into the plan with the
 * schema's defaults, and bad values refused at their file:line:col with the field named.
 */
import { describe, expect, test } from 'vitest';
import { formatIssue } from '../../../config/errors';
import { loadConfig } from '../../../config/load';
import { annualReportOf } from '../../../config/schema/plan';
import { issuesOf, loadMini, miniText } from '../config/helpers';

const withBlock = (block: string) => `${miniText('plan')}\n${block}`;

describe('the annualReport block of the plan', () => {
  test('the shipped plan: head of the commission signs; Nơi nhận upward (b/c) first, then the Standing Committee members and the organisations', () => {
    const settings = annualReportOf(loadConfig().config.plan);
    expect(settings.signer).toEqual({ signs: 'head' });
    expect(settings.recipients).toEqual([
      { name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' },
      { name: 'Thường trực Huyện ủy', purpose: 'b/c' },
      { name: 'Các đồng chí Ủy viên Ban Thường vụ Huyện ủy' },
      { name: 'Ủy ban MTTQ và các tổ chức chính trị - xã hội huyện' },
    ]);
    expect(settings.archive).toBe('Văn phòng Ban');
    expect(settings.subject).toMatch(/^Kết quả thực hiện Kết luận số 115-KL\/TU .*, năm \{year\}$/);
  });

  test('a plan without the block gets the defaults; a partial block fills the rest', () => {
    expect(annualReportOf(loadMini().config.plan)).toEqual({ signer: { signs: 'head' }, recipients: [], archive: 'Văn phòng Ban' });
    const partial = loadMini({ plan: withBlock('annualReport:\n  signer: { signs: deputy, name: Lê Văn D }\n') }).config.plan;
    expect(annualReportOf(partial)).toEqual({ signer: { signs: 'deputy', name: 'Lê Văn D' }, recipients: [], archive: 'Văn phòng Ban' });
  });

  test('bad values are refused at their line and column, naming the field and what was expected', () => {
    const plan = withBlock(
      [
        'annualReport:',
        '  subject: Kết quả năm {nam}',
        '  signer: { signs: T/M }',
        '  recipients:',
        '    - { name: "- Thường trực Huyện ủy (b/c),", purpose: b/c }',
        '    - { name: Ban Dân vận Tỉnh ủy, purpose: "(b/c)" }',
        '    - { ten: Ai đó }',
        '',
      ].join('\n'),
    );
    // The block starts on the line after the blank one that follows the mini plan.
    const line = (n: number) => miniText('plan').split('\n').length + 1 + n;
    const lines = issuesOf(() => loadMini({ plan })).map(formatIssue);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(1)}:\\d+: annualReport\\.subject: expected the subject to contain \\{year\\}`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(1)}:\\d+: annualReport\\.subject: expected no placeholder other than \\{year\\}, found "\\{nam\\}"`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(2)}:\\d+: annualReport\\.signer\\.signs: .*head.*deputy`)));
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(4)}:\\d+: annualReport\\.recipients\\[0\\]\\.name: expected a plain name \\(the dash and the final comma are added when printed\\)`)),
    );
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(5)}:\\d+: annualReport\\.recipients\\[1\\]\\.purpose: expected the purpose without brackets`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(6)}:\\d+: annualReport\\.recipients\\[2\\]\\.name: missing required key "name"`)));
  });
});
