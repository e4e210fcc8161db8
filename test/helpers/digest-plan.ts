/**
 * The morning of the digest tests: three obligations of one commune (the proposals of
 * participation, the working conditions, the chair's working session, a meeting) whose
 * reminder goes to the owner and the participants one step before the due instant; opened
 * together as drills, their reminders fall at the same instant, so the commune's People's
 * Committee has three notices that morning and each organisation two.
 */
import type { Ladder } from '../../domain/model';

export const DIGEST_LADDER: Ladder = {
  id: 'digest-test',
  measure: 'working-days',
  sendAt: '07:30',
  reminders: [{ before: 1, to: ['owner', 'participants'] }],
  onDue: { to: ['owner'] },
  escalations: [],
  closeAfter: 120,
};

export const DIGEST_OBLIGATIONS = ['participation-proposals', 'working-conditions', 'chair-working-session'];
