/**
 * What the Temporal UI shows of an occurrence names its bodies as the directory does (the same
 * names as the emails, the pages and the report), read in the occurrence's own unit.
 */
import { describe, expect, it } from 'vitest';
import { specOf } from '../../../domain/spec';
import { noticeSummary, occurrenceStartDetails } from '../../../vocabulary';
import { plannerStartOptions } from '../../../workflows/start-options';
import { index } from '../domain/shipped';

const occ = index.occurrencesBetween('2024-01-01', '2024-01-31', { obligation: 'citizen-reception-invite', unit: 'bien-son' })[0]!;
const spec = specOf(index, occ);
const lastNotice = spec.steps.filter((s) => s.to.length > 0).at(-1)!;

describe('bodies in the console', () => {
  it("the spec carries the directory's name of every body it names", () => {
    for (const id of [...spec.owners, ...spec.participants, ...lastNotice.to]) expect(spec.bodyNames?.[id], id).toBe(index.bodyName(id));
  });

  it("the start details name the owners and participants, without the commune's place that the details give once", () => {
    const details = occurrenceStartDetails(spec);
    expect(details).toContain('**Địa bàn:** xã Biên Sơn');
    expect(details).toContain('**Chủ trì:** Ủy ban nhân dân xã  \n');
    expect(details).toContain('**Phối hợp:** Ủy ban MTTQ xã, Hội Nông dân xã, Hội Cựu chiến binh xã, Hội Liên hiệp Phụ nữ xã, Đoàn Thanh niên xã');
    expect(details).not.toMatch(/ubnd-|mttq-/);
  });

  it("a notice's summary names its recipients; a body of another unit keeps its place", () => {
    expect(lastNotice.kind).toBe('escalation');
    expect(noticeSummary(spec, lastNotice, lastNotice.to)).toBe(
      `Gửi “đôn đốc” (bước ${lastNotice.index + 1}) tới Ủy ban nhân dân xã, Đảng ủy xã, Ban Dân vận Huyện ủy Lục Ngạn`,
    );
  });

  it('a spec made before it carried names: the ids, as before', () => {
    const { bodyNames: _names, ...older } = spec;
    expect(noticeSummary(older, lastNotice, lastNotice.to)).toBe(`Gửi “đôn đốc” (bước ${lastNotice.index + 1}) tới ${lastNotice.to.join(', ')}`);
    expect(occurrenceStartDetails(older)).toContain(`**Chủ trì:** ${spec.owners.join(', ')}`);
  });
});

describe('planners in the console', () => {
  const summaryOf = (obligation: string, target: string) => plannerStartOptions(index, { plan: 'p', obligation, target }, { taskQueue: 'q' }).staticSummary;

  it("a planner of one owner names the owner's body, read in its unit", () => {
    expect(summaryOf('creative-activity-registration', 'bien-son/mttq')).toBe('Lập lịch: Đăng ký hoạt động sáng tạo — xã Biên Sơn (Ủy ban MTTQ xã)');
    expect(summaryOf('creative-activity-registration', 'huyen/hnd')).toBe('Lập lịch: Đăng ký hoạt động sáng tạo — huyện Lục Ngạn (Hội Nông dân huyện)');
  });

  it('a planner of a whole unit names the unit only', () => {
    expect(summaryOf('quarterly-briefing', 'huyen')).toMatch(/^Lập lịch: .+ — huyện Lục Ngạn$/);
  });
});
