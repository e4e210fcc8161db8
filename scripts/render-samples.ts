/**
 * Renders one sample email per register (and one invite) from the shipped plan into
 * docs/emails/, so a reviewer can read them without running anything:
 *
 *   npx tsx scripts/render-samples.ts
 *
 * test/unit/email/samples.test.ts fails when the committed samples are out of date.
 * The links in the samples are signed with a published sample secret: they verify nowhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { composeCalendarChange, composeDigest, composeEmail, type Letter } from '../activities/email/compose';
import { buildInvite, type InviteInput, type Person } from '../activities/email/invite';
import { localDateOfInstant } from '../domain/calendar/local-date';
import { meetingAfterExtension } from '../domain/meetings';
import { loadConfig } from '../config/load';
import type { Relation } from '../domain/relation';
import { PlanIndex } from '../domain/occurrences';
import { specOf, type OccurrenceSpec } from '../domain/spec';
import type { StepKind } from '../domain/timeline';

export const SAMPLES_DIR = path.resolve(__dirname, '../docs/emails');
export const SAMPLE_SECRET = 'sample-secret-for-docs-only-never-use-it';
const PUBLIC_URL = 'http://localhost:8080';

interface Sample {
  /** The file name: `owner-reminder` → owner-reminder.txt and .html. */
  name: string;
  /** What it shows, for the README. */
  what: string;
  letter: Letter;
  relation: Relation;
  obligation: string;
  unit: string;
  /** Occurrence id suffix after `occ/<obligation>/`. */
  id: string;
  /** The due date lies in [from, to]. */
  from: string;
  to: string;
  step: StepKind;
  offset: number;
  recipient: string;
}

const SAMPLES: Sample[] = [
  // Commune, meeting: the first reminder to the owner, with the invite.
  { name: 'owner-reminder', what: 'nhắc việc cơ quan chủ trì (kèm lịch họp)', letter: 'reminder', relation: 'owner', obligation: 'chair-working-session', unit: 'bien-son', id: 'bien-son/2024-Q3', from: '2024-07-01', to: '2024-09-30', step: 'reminder', offset: -5, recipient: 'ubnd-bien-son' },
  // District, indicator with a target: the due-day notice to the owner.
  { name: 'owner-due', what: 'đến hạn, cơ quan chủ trì (số liệu, chỉ tiêu)', letter: 'due', relation: 'owner', obligation: 'veterans-chair-indicator', unit: 'huyen', id: 'huyen/2024', from: '2024-01-01', to: '2024-12-31', step: 'due', offset: 0, recipient: 'hccb-huyen' },
  // Commune, registration with evidence: the first overdue notice to the owner.
  { name: 'owner-overdue', what: 'quá hạn, cơ quan chủ trì', letter: 'overdue', relation: 'owner', obligation: 'creative-activity-registration', unit: 'bien-son', id: 'bien-son/2024/mttq', from: '2024-01-01', to: '2024-12-31', step: 'overdue', offset: 1, recipient: 'mttq-bien-son' },
  // The same, three working days late: to the commune's Party committee, which leads the Front.
  { name: 'leading-committee-escalation', what: 'đôn đốc qua cấp ủy trực tiếp lãnh đạo', letter: 'escalation', relation: 'leading-committee', obligation: 'creative-activity-registration', unit: 'bien-son', id: 'bien-son/2024/mttq', from: '2024-01-01', to: '2024-12-31', step: 'escalation', offset: 3, recipient: 'dang-uy-bien-son' },
  // A district organisation seven working days late: the report to Thường trực Huyện ủy.
  { name: 'leadership-report', what: 'báo cáo Thường trực Huyện ủy', letter: 'escalation', relation: 'leadership', obligation: 'creative-activity-registration', unit: 'huyen', id: 'huyen/2024/hnd', from: '2024-01-01', to: '2024-12-31', step: 'escalation', offset: 7, recipient: 'tt-huyen-uy' },
  // Leadership owns the task: the time proposed and its opinion asked, with the tentative calendar entry; never chased.
  { name: 'leadership-owner', what: 'dự kiến lịch giao ban, kính báo cáo Thường trực Huyện ủy (kèm lịch dự kiến)', letter: 'reminder', relation: 'leadership', obligation: 'quarterly-briefing', unit: 'huyen', id: 'huyen/2024-Q3', from: '2024-09-01', to: '2024-09-30', step: 'reminder', offset: -10, recipient: 'tt-huyen-uy' },
  // The same giao ban: Ban Dân vận prepares it and records what happened (its note has the link).
  { name: 'monitor-prepare', what: 'thông tin nội bộ: chuẩn bị giao ban, cập nhật kết quả', letter: 'reminder', relation: 'monitor', obligation: 'quarterly-briefing', unit: 'huyen', id: 'huyen/2024-Q3', from: '2024-09-01', to: '2024-09-30', step: 'reminder', offset: -10, recipient: 'ban-dan-van' },
  // The same district organisation three working days late: Ban Dân vận, its supervisor 1, gets an internal note.
  { name: 'monitor-note', what: 'thông tin nội bộ gửi Ban Dân vận', letter: 'escalation', relation: 'monitor', obligation: 'creative-activity-registration', unit: 'huyen', id: 'huyen/2024/hnd', from: '2024-01-01', to: '2024-12-31', step: 'escalation', offset: 3, recipient: 'ban-dan-van' },
];

/**
 * The morning digest: the three notices Ủy ban MTTQ xã Biên Sơn has on 22/3/2024, in the
 * registers of its two relations to them — asked as the owner of its registration and of its
 * coordination programmes, told as a participant of the chair's working session (with its
 * tentative calendar entry).
 */
const DIGEST_SAMPLE = {
  recipient: 'mttq-bien-son',
  morning: '2024-03-22',
  notices: [
    { obligation: 'creative-activity-registration', unit: 'bien-son', id: 'bien-son/2024/mttq', from: '2024-01-01', to: '2024-12-31', step: 'reminder', offset: -5 },
    { obligation: 'coordination-programmes', unit: 'bien-son', id: 'bien-son/2024/mttq', from: '2024-01-01', to: '2024-12-31', step: 'reminder', offset: -5 },
    { obligation: 'chair-working-session', unit: 'bien-son', id: 'bien-son/2024-Q1', from: '2024-01-01', to: '2024-03-31', step: 'reminder', offset: -5 },
  ] as Omit<Sample, 'name' | 'what' | 'letter' | 'relation' | 'recipient'>[],
};

function specFor(index: PlanIndex, s: Pick<Sample, 'obligation' | 'unit' | 'id' | 'from' | 'to'> & { name?: string }): OccurrenceSpec {
  const id = `occ/${s.obligation}/${s.id}`;
  const occ = index.occurrencesBetween(s.from, s.to, { obligation: s.obligation, unit: s.unit }).find((o) => o.id === id);
  if (!occ) throw new Error(`sample ${s.name}: no occurrence ${id} in the shipped plan`);
  return specOf(index, occ);
}

/** The sample files, name → content. */
export function renderSamples(): Map<string, string> {
  const { config } = loadConfig();
  const index = PlanIndex.fromConfig(config);
  const files = new Map<string, string>();
  const rows: string[] = [];
  for (const s of SAMPLES) {
    const { steps, ...occurrence } = specFor(index, s);
    const step = steps.find((st) => st.kind === s.step && st.offset === s.offset);
    if (!step) throw new Error(`sample ${s.name}: ${occurrence.id} has no ${s.step} step at ${s.offset}`);
    const body = index.bodies.get(s.recipient);
    if (!body || !step.to.includes(body.id)) throw new Error(`sample ${s.name}: ${s.recipient} is not a recipient of that step`);
    const email = composeEmail({ occurrence, step, body, contact: body.contacts[0]!, index, links: { secret: SAMPLE_SECRET, publicUrl: PUBLIC_URL } });
    if (email.letter !== s.letter || email.relation !== s.relation) throw new Error(`sample ${s.name}: got the ${email.letter} letter to ${email.relation}`);
    files.set(`${s.name}.txt`, `Subject: ${email.subject}\n\n${email.text}`);
    files.set(`${s.name}.html`, email.html);
    rows.push(`| ${s.what} | [html](${s.name}.html) · [text](${s.name}.txt) | \`${occurrence.id}\`, step ${step.index} (${step.kind}, ${step.offset >= 0 ? '+' : ''}${step.offset}) | ${body.name} | ${email.subject} |`);
    if (email.invite && !files.has('invite.ics')) {
      const contacts = (ids: string[], role: 'owner' | 'participant') =>
        ids.flatMap((id) => (index.bodies.get(id)?.contacts ?? []).map((c): Person & { role: typeof role } => ({ name: index.bodies.get(id)!.name, email: c.email, role })));
      const monitor = index.bodies.get(config.plan.monitor)!;
      files.set(
        'invite.ics',
        buildInvite({
          occurrence,
          index,
          organizer: { name: monitor.name, email: monitor.contacts[0]!.email },
          attendees: [...contacts(occurrence.owners, 'owner'), ...contacts(occurrence.participants, 'participant')],
          stampMs: step.atMs,
        }),
      );
      rows.push(`| lịch họp | [invite.ics](invite.ics) | \`${occurrence.id}\` (attached to the reminder above) | | |`);
    }
  }
  // The morning digest.
  const monitor = index.bodies.get(config.plan.monitor)!;
  const recipient = index.bodies.get(DIGEST_SAMPLE.recipient)!;
  const digest = composeDigest({
    morning: DIGEST_SAMPLE.morning,
    items: DIGEST_SAMPLE.notices.map((n) => {
      const { steps, ...occurrence } = specFor(index, n);
      const step = steps.find((st) => st.kind === n.step && st.offset === n.offset);
      if (!step || !step.to.includes(recipient.id) || localDateOfInstant(step.atMs) !== DIGEST_SAMPLE.morning) {
        throw new Error(`digest sample: ${occurrence.id} has no ${n.step} at ${n.offset} to ${recipient.id} on ${DIGEST_SAMPLE.morning}`);
      }
      return { occurrence, step, body: recipient, contact: recipient.contacts[0]!, index, links: { secret: SAMPLE_SECRET, publicUrl: PUBLIC_URL } };
    }),
  });
  files.set('digest.txt', `Subject: ${digest.subject}\n\n${digest.text}`);
  files.set('digest.html', digest.html);
  rows.push(`| thư tổng hợp buổi sáng (nhiều nhiệm vụ, mỗi nhiệm vụ theo quan hệ của người nhận) | [html](digest.html) · [text](digest.txt) | three notices of ${DIGEST_SAMPLE.morning} | ${recipient.name} | ${digest.subject} |`);

  // The meeting of invite.ics cancelled (waived, closed or handed over), and moved by an extension.
  const first = SAMPLES[0]!;
  const { steps, ...meeting } = specFor(index, first);
  const contacts = (ids: string[], role: 'owner' | 'participant') =>
    ids.flatMap((id) => (index.bodies.get(id)?.contacts ?? []).map((c): Person & { role: typeof role } => ({ name: index.bodies.get(id)!.name, email: c.email, role })));
  const invite = (occurrence: typeof meeting, more: Pick<InviteInput, 'method' | 'sequence' | 'stampMs'>) =>
    buildInvite({ occurrence, index, organizer: { name: monitor.name, email: monitor.contacts[0]!.email }, attendees: [...contacts(occurrence.owners, 'owner'), ...contacts(occurrence.participants, 'participant')], ...more });
  const stampMs = steps[1]!.atMs;
  files.set('cancel.ics', invite(meeting, { method: 'CANCEL', sequence: 1, stampMs }));
  const movedDueAtMs = meeting.dueAtMs + 7 * 86_400_000;
  const moved = { ...meeting, due: localDateOfInstant(movedDueAtMs), dueAtMs: movedDueAtMs, meeting: meetingAfterExtension(meeting.meeting, movedDueAtMs) };
  files.set('update.ics', invite(moved, { method: 'REQUEST', sequence: 1, stampMs }));
  const owner = index.bodies.get(first.recipient)!;
  const letterTo = { index, body: owner, contact: owner.contacts[0]!, address: owner.contacts[0]!.email };
  const cancelLetter = composeCalendarChange({ occurrence: meeting, method: 'CANCEL', ...letterTo });
  rows.push(`| lịch họp hủy (không phát sinh, dừng theo dõi, bàn giao) | [cancel.ics](cancel.ics) | \`${meeting.id}\`: METHOD:CANCEL, the same UID, SEQUENCE 1 | | ${cancelLetter.subject} |`);
  const updateLetter = composeCalendarChange({ occurrence: moved, method: 'REQUEST', ...letterTo });
  rows.push(`| lịch họp đổi (gia hạn) | [update.ics](update.ics) | \`${meeting.id}\` extended by a week: METHOD:REQUEST, the same UID, SEQUENCE 1 | | ${updateLetter.subject} |`);

  files.set(
    'README.md',
    [
      '# Sample emails',
      '',
      'One email per register — every notice goes out on behalf of Ban Dân vận Huyện ủy, in the',
      "register of the recipient's relation to it (`domain/relation.ts`) — rendered from the",
      'shipped plan and directory (placeholder addresses) by `npx tsx scripts/render-samples.ts`;',
      'do not edit by hand, the unit tests fail when these files fall behind the templates in',
      '`activities/email/templates/`. The action links are signed with a sample secret and work nowhere.',
      '',
      'Two or more notices to one address on one morning go as one digest (`digest.*`): each notice',
      'keeps its status line, the paragraphs of its own register, its due date and its own links,',
      'most urgent first. A meeting that is cancelled or moved sends its invitees `cancel.ics` or',
      '`update.ics` (the same UID, the occurrence\'s next SEQUENCE) with a short letter.',
      '',
      '| register | files | occurrence and step | to | subject |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  return files;
}

if (require.main === module) {
  fs.mkdirSync(SAMPLES_DIR, { recursive: true });
  for (const [name, content] of renderSamples()) {
    fs.writeFileSync(path.join(SAMPLES_DIR, name), content);
    console.log(`wrote ${path.relative(process.cwd(), path.join(SAMPLES_DIR, name))}`);
  }
}
