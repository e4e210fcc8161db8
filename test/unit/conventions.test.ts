/**
 * What officials read follows writing.md's conventions (test/helpers/conventions.ts): every
 * sample email, every notice of every shipped obligation to every recipient, and what the
 * CLI prints without a server (preview over the plan's whole term, the calendars of its
 * years, --help of every command), and the annual report (district and a commune, its text as
 * the DOCX and PDF carry it). The web pages are checked in test/unit/web/server.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { composeEmail } from '../../activities/email/compose';
import { loadConfig } from '../../config/load';
import { PlanIndex } from '../../domain/occurrences';
import { specOf } from '../../domain/spec';
import { buildReport } from '../../reporting';
import { reportDocument } from '../../reporting/document';
import { renderMarkdown } from '../../reporting/render/text';
import { renderSamples } from '../../scripts/render-samples';
import { END_OF_2024, syntheticYear } from './report/fixtures';
import { conventionProblems, conventionReport } from '../helpers/conventions';
import { dondoc } from './cli/run';

const index = PlanIndex.fromConfig(loadConfig().config);
const LINKS = { secret: 'test-secret-0123456789-abcdefghijklmnop', publicUrl: 'https://dondoc.lucngan.test' };

describe('the checker', () => {
  test('finds each kind of departure, and nothing in text that follows the conventions', () => {
    const bad = [
      'báo cáo vượt cấp',
      'ghi «không phát sinh»',
      'hạn 30/09/2024',
      'hạn 5/7/2024',
      'hạn 15/1/2025',
      'tháng 07/2024',
      'tháng 1/2025',
      'đạt 87.5%',
      'đạt 55 %',
      'hạn Thứ Hai, ngày 30/9/2024',
    ];
    for (const text of bad) expect(conventionProblems(text), text).toHaveLength(1);
    const good = 'Thứ Hai, ngày 30/9/2024: hạn thứ Hai, ngày 05/02/2025, tháng 7/2024, tháng 01/2025, “không phát sinh”, 87,5%, 100%, Chủ nhật, ngày 09/7/2021, 15/12/2024';
    expect(conventionProblems(good)).toEqual([]);
  });
});

describe('the annual report', () => {
  test('of the district and of a commune, for 2024', async () => {
    const texts: [string, string][] = [];
    for (const unit of [undefined, 'bien-son']) {
      const { source } = syntheticYear({ unit, asOfMs: END_OF_2024 });
      const report = await buildReport(index, { year: 2024, asOfMs: END_OF_2024, ...(unit ? { unit } : {}) }, source);
      texts.push([`báo cáo ${unit ?? 'huyen'}`, renderMarkdown(reportDocument(index, report))]);
    }
    expect(texts.every(([, text]) => text.includes('BÁO CÁO') && text.length > 2000)).toBe(true);
    expect(conventionReport(texts)).toEqual([]);
  });
});

describe('emails', () => {
  test('the sample of every register', () => {
    const samples = renderSamples();
    expect(samples.size).toBeGreaterThan(10);
    expect(conventionReport(samples)).toEqual([]);
  });

  test('every notice of every shipped obligation (its first occurrence and those of 2024), to every recipient, in the district and a commune', () => {
    const texts: [string, string][] = [];
    const { from, to } = index.config.plan.period;
    for (const obligation of index.config.plan.obligations) {
      for (const unit of ['huyen', 'bien-son']) {
        const all = index.occurrencesBetween(from, to, { obligation: obligation.id, unit });
        for (const occ of all.filter((o, i) => i === 0 || o.due.startsWith('2024-'))) {
          const { steps, ...occurrence } = specOf(index, occ);
          for (const step of steps.filter((s) => s.kind !== 'close')) {
            for (const to of step.to) {
              const body = index.bodies.get(to)!;
              const email = composeEmail({ occurrence, step, body, contact: body.contacts[0]!, index, links: LINKS });
              const name = `${occ.id} #${step.index} → ${to}`;
              texts.push([`${name} (subject)`, email.subject], [`${name} (text)`, email.text], [`${name} (html)`, email.html]);
            }
          }
        }
      }
    }
    const composed = new Set(texts.map(([name]) => name.split(' ')[0]!.split('/')[1]));
    expect([...composed].sort()).toEqual(index.config.plan.obligations.map((o) => o.id).sort());
    expect(conventionReport(texts)).toEqual([]);
  });
});

describe('the CLI', () => {
  test('preview of the whole term, the calendars of its years, and every --help', async () => {
    const { from, to } = index.config.plan.period;
    const runs: [string, string][] = [];
    const preview = await dondoc('preview', '--from', from, '--to', to);
    expect(preview.code).toBe(0);
    runs.push(['preview', preview.stdout]);
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)) + 1; year++) {
      const holidays = await dondoc('holidays', '--year', String(year));
      expect(holidays.code).toBe(0);
      runs.push([`holidays ${year}`, holidays.stdout]);
    }
    const help = await dondoc('--help');
    runs.push(['--help', help.stdout]);
    for (const command of [...help.stdout.matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help')) {
      const h = await dondoc(command, '--help');
      runs.push([`${command} --help`, h.stdout]);
    }
    expect(runs.length).toBeGreaterThan(10);
    expect(preview.stdout).toMatch(/đôn đốc/);
    expect(conventionReport(runs)).toEqual([]);
  });
});
