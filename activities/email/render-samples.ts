/**
 * Renders one sample of each email (and one invite) from the shipped plan into docs/emails/,
 * so a reviewer can read them without running anything:
 *
 *   npx tsx activities/email/render-samples.ts
 *
 * test/unit/email/samples.test.ts fails when the committed samples are out of date.
 * The links in the samples are signed with a published sample secret: they verify nowhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../config/load';
import { PlanIndex } from '../../domain/occurrences';
import { specOf, type OccurrenceSpec } from '../../domain/spec';
import type { StepKind } from '../../domain/timeline';
import { composeEmail, type Letter } from './compose';
import { buildInvite, type Person } from './invite';

export const SAMPLES_DIR = path.resolve(__dirname, '../../docs/emails');
export const SAMPLE_SECRET = 'sample-secret-for-docs-only-never-use-it';
const PUBLIC_URL = 'http://localhost:8080';

interface Sample {
  letter: Letter;
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
  // District, meeting: the first reminder to the owner, with the invite.
  { letter: 'reminder', obligation: 'quarterly-briefing', unit: 'huyen', id: 'huyen/2024-Q3', from: '2024-09-01', to: '2024-09-30', step: 'reminder', offset: -5, recipient: 'tt-huyen-uy' },
  // Commune, meeting that may be waived: the due-day notice to the owner.
  { letter: 'due', obligation: 'citizen-reception-invite', unit: 'bien-son', id: 'bien-son/2024-07', from: '2024-07-01', to: '2024-07-31', step: 'due', offset: 0, recipient: 'ubnd-bien-son' },
  // Commune, registration with evidence: the first overdue notice to the owner.
  { letter: 'overdue', obligation: 'creative-activity-registration', unit: 'bien-son', id: 'bien-son/2024/mttq', from: '2024-01-01', to: '2024-12-31', step: 'overdue', offset: 1, recipient: 'mttq-bien-son' },
  // The same, three working days late: the escalation to the commune's Party committee.
  { letter: 'escalation', obligation: 'creative-activity-registration', unit: 'bien-son', id: 'bien-son/2024/mttq', from: '2024-01-01', to: '2024-12-31', step: 'escalation', offset: 3, recipient: 'dang-uy-bien-son' },
];

function specFor(index: PlanIndex, s: Sample): OccurrenceSpec {
  const id = `occ/${s.obligation}/${s.id}`;
  const occ = index.occurrencesBetween(s.from, s.to, { obligation: s.obligation, unit: s.unit }).find((o) => o.id === id);
  if (!occ) throw new Error(`sample ${s.letter}: no occurrence ${id} in the shipped plan`);
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
    if (!step) throw new Error(`sample ${s.letter}: ${occurrence.id} has no ${s.step} step at ${s.offset}`);
    const body = index.bodies.get(s.recipient);
    if (!body || !step.to.includes(body.id)) throw new Error(`sample ${s.letter}: ${s.recipient} is not a recipient of that step`);
    const email = composeEmail({ occurrence, step, body, contact: body.contacts[0]!, index, links: { secret: SAMPLE_SECRET, publicUrl: PUBLIC_URL } });
    if (email.letter !== s.letter) throw new Error(`sample ${s.letter}: got the ${email.letter} letter`);
    files.set(`${s.letter}.txt`, `Subject: ${email.subject}\n\n${email.text}`);
    files.set(`${s.letter}.html`, email.html);
    rows.push(`| ${s.letter} | [html](${s.letter}.html) · [text](${s.letter}.txt) | \`${occurrence.id}\`, step ${step.index} (${step.kind}, ${step.offset >= 0 ? '+' : ''}${step.offset}) | ${body.name} | ${email.subject} |`);
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
      rows.push(`| invite | [invite.ics](invite.ics) | \`${occurrence.id}\` (attached to the reminder above) | | |`);
    }
  }
  files.set(
    'README.md',
    [
      '# Sample emails',
      '',
      'One email of each kind, rendered from the shipped plan and directory (placeholder',
      'addresses) by `npx tsx activities/email/render-samples.ts`; do not edit by hand, the',
      'unit tests fail when these files fall behind the templates in `activities/email/templates/`.',
      `The action links are signed with a sample secret and work nowhere.`,
      '',
      '| kind | files | occurrence and step | to | subject |',
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
