/**
 * "Did you mean …": every command that takes a unit or an obligation refuses one the plan
 * does not have with one line naming the closest it has, exit 2, before any server is asked.
 */
import { describe, expect, it } from 'vitest';
import { closestId } from '../../../cli/suggest';
import { loadConfig } from '../../../config/load';
import { PlanIndex } from '../../../domain/occurrences';
import { dondoc } from './run';

const index = PlanIndex.fromConfig(loadConfig().config);

describe('closestId', () => {
  it('compares without case or diacritics, and against other names', () => {
    const units = [...index.units.values()].map((u) => ({ id: u.id, names: [u.name] }));
    expect(closestId('BIEN-SON', units)).toBe('bien-son');
    expect(closestId('xã Đèo Gia', units)).toBe('deo-gia');
    expect(closestId('thị trấn Chũ', units)).toBe('chu');
    expect(closestId('anything', [])).toBeUndefined();
  });
});

describe('an unknown unit or obligation, in every command that takes one', () => {
  const unit = (value: string, hint: string) => `không có đơn vị ${JSON.stringify(value)} (--unit); có phải ${JSON.stringify(hint)}?`;
  const obligation = (value: string, hint: string, option?: string) =>
    `không có nhiệm vụ ${JSON.stringify(value)}${option ? ` (${option})` : ''}; có phải ${JSON.stringify(hint)}?`;
  const cases: Array<[string[], string]> = [
    [['preview', '--from', '2024-01-01', '--to', '2024-12-31', '--unit', 'bien-sn'], unit('bien-sn', 'bien-son')],
    [['simulate', '--from', '2024-01-01', '--unit', 'Biên Sơn'], unit('Biên Sơn', 'bien-son')],
    [['simulate', '--from', '2024-01-01', '--obligation', 'quartely-briefing'], obligation('quartely-briefing', 'quarterly-briefing', '--obligation')],
    [['report', '--year', '2024', '--unit', 'luc-ngan'], unit('luc-ngan', 'huyen')],
    [['drill', 'quartely-briefing', '--unit', 'huyen'], obligation('quartely-briefing', 'quarterly-briefing')],
    [['drill', 'quarterly-briefing', '--unit', 'huyện Lục Ngạn'], unit('huyện Lục Ngạn', 'huyen')],
    [['status', '--unit', 'bien-sn'], unit('bien-sn', 'bien-son')],
    [['status', '--obligation', 'great-unity'], obligation('great-unity', 'great-unity-day', '--obligation')],
    [['pause', 'quartely-briefing', '--unit', 'huyen'], obligation('quartely-briefing', 'quarterly-briefing')],
    [['resume', 'creative-activity-registration', '--unit', 'chuu/mttq'], unit('chuu', 'chu')],
  ];
  it.each(cases)('dondoc %j', async (args, message) => {
    const run = await dondoc(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`dondoc ${args[0]}: ${message}\n`);
  });
});
