/**
 * Who a recipient is to Ban Dân vận and to the task, on the shipped directory: the relation
 * that sets the register of every notice.
 */
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../config/load';
import { PlanIndex } from '../../../domain/occurrences';
import { escalationAudience, relationContext, relationOf, type Relation } from '../../../domain/relation';
import type { StepKind } from '../../../domain/timeline';
import { ADMINISTRATIVE_LINE, withSupervisors } from '../../helpers/directory';
import { stepLabel } from '../../../vocabulary';

const shipped = loadConfig().config;
const index = PlanIndex.fromConfig(shipped);
const ctx = relationContext(index);

function relation(recipient: string, task: { owners: string[]; participants?: string[] }, kind: StepKind = 'escalation', at = index): Relation {
  return relationOf(at.bodies.get(recipient)!, { owners: task.owners, participants: task.participants ?? [] }, { kind }, relationContext(at));
}

describe('the relation of a recipient', () => {
  test('owners, participants and anyone else', () => {
    expect(relation('mttq-bien-son', { owners: ['mttq-bien-son'] }, 'reminder')).toBe('owner');
    expect(relation('mttq-huyen', { owners: ['tt-huyen-uy'], participants: ['mttq-huyen'] }, 'reminder')).toBe('participant');
    expect(relation('hnd-huyen', { owners: ['tt-huyen-uy'] }, 'reminder')).toBe('other');
  });

  test('Party leadership is leadership, even when it owns the task or takes part in it', () => {
    expect(relation('tt-huyen-uy', { owners: ['tt-huyen-uy'] }, 'reminder')).toBe('leadership');
    expect(relation('tt-huyen-uy', { owners: ['hnd-huyen'] })).toBe('leadership');
    expect(relation('btv-huyen-uy', { owners: ['hnd-huyen'], participants: ['btv-huyen-uy'] }, 'reminder')).toBe('leadership');
  });

  test('Ban Dân vận is itself, as owner of the annual report and as supervisor 1 of the district organisations', () => {
    expect(relation('ban-dan-van', { owners: ['ban-dan-van'] }, 'reminder')).toBe('monitor');
    expect(index.bodies.get('hnd-huyen')!.supervisors[0]).toBe('ban-dan-van');
    expect(relation('ban-dan-van', { owners: ['hnd-huyen'] })).toBe('monitor');
  });

  test("a commune's Party committee leads its Front and organisations; as owner it is an owner", () => {
    expect(relation('dang-uy-bien-son', { owners: ['mttq-bien-son'] })).toBe('leading-committee');
    expect(relation('dang-uy-bien-son', { owners: ['mttq-bien-son'], participants: ['dang-uy-bien-son'] }, 'reminder')).toBe('leading-committee');
    expect(relation('dang-uy-bien-son', { owners: ['dang-uy-bien-son'] }, 'reminder')).toBe('owner');
  });

  test('a supervisor on an administrative line is the administrative superior, in an escalation only', () => {
    const admin = PlanIndex.fromConfig(withSupervisors(shipped, ADMINISTRATIVE_LINE));
    expect(relation('ubnd-huyen', { owners: ['ubnd-bien-son'] }, 'escalation', admin)).toBe('administrative-superior');
    expect(relation('ubnd-huyen', { owners: ['ubnd-bien-son'] }, 'reminder', admin)).toBe('other');
    expect(relation('ubnd-huyen', { owners: ['ubnd-bien-son'], participants: ['ubnd-huyen'] }, 'reminder', admin)).toBe('participant');
  });
});

describe('what an escalation step is', () => {
  test('urging below leadership, reporting to it, or both; the sender itself does not count', () => {
    expect(escalationAudience(['mttq-bien-son', 'dang-uy-bien-son', 'ban-dan-van'], ctx)).toBe('urge');
    expect(escalationAudience(['hnd-huyen', 'ban-dan-van'], ctx)).toBe('urge');
    expect(escalationAudience(['hnd-huyen', 'ban-dan-van', 'tt-huyen-uy'], ctx)).toBe('both');
    expect(escalationAudience(['tt-huyen-uy', 'btv-huyen-uy'], ctx)).toBe('report');
    expect(escalationAudience(['ban-dan-van', 'tt-huyen-uy'], ctx)).toBe('report');
  });

  test('and so its name on every surface', () => {
    expect(stepLabel({ kind: 'escalation', to: ['tt-huyen-uy', 'btv-huyen-uy'] }, ctx)).toBe('báo cáo');
    expect(stepLabel({ kind: 'escalation', to: ['hnd-huyen', 'ban-dan-van', 'tt-huyen-uy'] }, ctx)).toBe('đôn đốc, báo cáo');
    expect(stepLabel({ kind: 'escalation', to: ['mttq-bien-son', 'dang-uy-bien-son'] }, ctx)).toBe('đôn đốc');
    expect(stepLabel({ kind: 'due', to: ['tt-huyen-uy'] }, ctx)).toBe('đến hạn');
  });
});
