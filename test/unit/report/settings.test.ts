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

/** The mini plan with a yearly report of the monitor, owed to the district's Front committee. */
const withReport = (block = '') =>
  [
    miniText('plan').trimEnd(),
    '  - id: yearly-report',
    '    title: Báo cáo kết quả thực hiện hằng năm',
    '    clause: { ref: IV.4, text: "Hằng năm báo cáo kết quả với Ủy ban MTTQ huyện." }',
    '    kind: report',
    '    owner: ban-dan-van',
    '    receivers: [mttq-huyen]',
    '    ladder: drill', // the monitor's own duty: a ladder that writes to no one else
    '    schedules:',
    '      - recurrence: annual',
    '        due: { rule: day-of-year, month: 12, day: 15 }',
    block,
  ].join('\n');

describe('the annualReport block of the plan', () => {
  test('the shipped plan: head of the commission signs; Nơi nhận upward (b/c) first, then the Standing Committee members and the organisations', () => {
    const { plan, directory } = loadConfig().config;
    const settings = annualReportOf(plan, directory);
    expect(settings.signer).toEqual({ signs: 'head' });
    expect(settings.recipients).toEqual([
      { name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' },
      { name: 'Thường trực Huyện ủy', purpose: 'b/c' },
      { name: 'Các đồng chí Ủy viên Ban Thường vụ Huyện ủy', body: 'btv-huyen-uy', purpose: 'b/c' },
      { name: 'Ủy ban MTTQ và các tổ chức chính trị - xã hội huyện' },
    ]);
    expect(settings.archive).toBe('Văn phòng Ban');
    expect(settings.subject).toBe('Kết quả thực hiện {plan}, năm {year}');
  });

  test('a plan without the block gets the defaults; a partial block fills the rest', () => {
    const mini = loadMini().config;
    expect(annualReportOf(mini.plan, mini.directory)).toEqual({ signer: { signs: 'head' }, recipients: [], archive: 'Văn phòng Ban' });
    const partial = loadMini({ plan: withBlock('annualReport:\n  signer: { signs: deputy, name: Lê Văn D }\n') }).config;
    expect(annualReportOf(partial.plan, partial.directory)).toEqual({ signer: { signs: 'deputy', name: 'Lê Văn D' }, recipients: [], archive: 'Văn phòng Ban' });
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
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(1)}:\\d+: annualReport\\.subject: expected no placeholder other than \\{year\\} and \\{plan\\}, found "\\{nam\\}"`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(2)}:\\d+: annualReport\\.signer\\.signs: .*head.*deputy`)));
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(4)}:\\d+: annualReport\\.recipients\\[0\\]\\.name: expected a plain name \\(the dash and the final comma are added when printed\\)`)),
    );
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(5)}:\\d+: annualReport\\.recipients\\[1\\]\\.purpose: expected the purpose without brackets`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${line(6)}:\\d+: annualReport\\.recipients\\[2\\]\\.name: missing required key "name"`)));
  });

  test("Nơi nhận and the monitor report's receivers: derived from them when the plan lists none; a list that leaves one out, or names an unknown body, is refused", () => {
    const derived = loadMini({ plan: withReport() }).config;
    expect(annualReportOf(derived.plan, derived.directory).recipients).toEqual([{ name: 'Ủy ban MTTQ huyện Thử Nghiệm', body: 'mttq-huyen' }]);

    const listed = loadMini({ plan: withReport('annualReport:\n  recipients:\n    - { name: Thường trực Huyện ủy, purpose: b/c }\n    - { name: Các đồng chí trong Ban Thường trực Ủy ban MTTQ huyện, body: mttq-huyen }\n') }).config;
    expect(annualReportOf(listed.plan, listed.directory).recipients).toEqual([
      { name: 'Thường trực Huyện ủy', purpose: 'b/c' },
      { name: 'Các đồng chí trong Ban Thường trực Ủy ban MTTQ huyện', body: 'mttq-huyen' },
    ]);

    const plan = withReport('annualReport:\n  recipients:\n    - { name: Thường trực Huyện ủy, purpose: b/c }\n    - { name: Ai đó, body: khong-co }\n');
    const at = (n: number) => plan.split('\n').indexOf('annualReport:') + 1 + n;
    const lines = issuesOf(() => loadMini({ plan })).map(formatIssue);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^test/plan\\.yaml:${at(1)}:\\d+: annualReport\\.recipients: Nơi nhận leaves out "mttq-huyen", a receiver of the monitor's report "yearly-report": add a line for it with body: mttq-huyen$`)),
    );
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^test/plan\\.yaml:${at(3)}:\\d+: annualReport\\.recipients\\[1\\]\\.body: unknown body "khong-co"`)));
  });
});
