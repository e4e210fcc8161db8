/**
 * One email for one recipient of one step, on behalf of the plan's monitor (Ban Dân vận):
 * the letter follows the step (reminder, due, overdue, escalation), the register follows the
 * recipient's relation to the task (domain/relation.ts: owner, leadership, leading committee,
 * administrative superior, participant, other, or the monitor itself). The words are in
 * ./templates/wording.yaml, the layout in ./templates/notice.{txt,html}, labels, dates and
 * citations in vocabulary/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Body, Contact, ObligationKind, Resolution } from '../../domain/model';
import type { PlanIndex } from '../../domain/occurrences';
import { recurrenceOfKey } from '../../domain/periods';
import { relationContext, relationOf, supervisesOwner, type Relation } from '../../domain/relation';
import type { Step } from '../../domain/timeline';
import { actionUrl, linkExpiry, signLink, type LinkAction } from '../../platform/links';
import {
  FIELD_LABELS,
  RESOLUTION_LABELS,
  STATUS_LABELS,
  basisVi,
  formatVi,
  formatViLong,
  joinVi,
  meetingWhen,
  occurrencePeriodLabel,
  planCitationOf,
  quoteVi,
  targetVi,
} from '../../vocabulary';
import type { Spec } from './occurrence-info';
import { renderSnippet, TemplateSet } from './template';

export const TEMPLATES_DIR = path.join(__dirname, 'templates');

export type Letter = 'reminder' | 'due' | 'overdue' | 'escalation';
/** What the recipient can do: owners report (links, attachments), participants attend (invite). */
export type RecipientRole = 'owner' | 'participant' | 'observer';
/** The kind of notice, by its subject's tag. */
export type Tag = 'reminder' | 'due' | 'overdue' | 'escalation' | 'report';

export interface LinkSettings {
  secret: string;
  /** DONDOC_PUBLIC_URL. */
  publicUrl: string;
  /** Days after the due date the links keep working (default 60). */
  ttlDays?: number;
}

export interface ComposeInput {
  occurrence: Spec;
  step: Step;
  body: Body;
  contact: Contact;
  index: PlanIndex;
  links: LinkSettings;
  /** One sentence about what comes with the letter (an attachment), before its closing. */
  note?: string;
}

export interface ActionLink {
  action: LinkAction;
  label: string;
  url: string;
}

export interface ComposedEmail {
  letter: Letter;
  role: RecipientRole;
  /** The register the letter is written in. */
  relation: Relation;
  tag: Tag;
  subject: string;
  text: string;
  html: string;
  actions: ActionLink[];
  /** True when a meeting invite belongs with this email (an attendee, before the meeting). */
  invite: boolean;
}

type Snippets = string[];
/** reminder/due/overdue (owners), own* (leadership or the monitor as owner), reminder/due/escalation (the others). */
type Paragraphs = Partial<Record<'reminder' | 'due' | 'overdue' | 'escalation' | 'ownReminder' | 'ownDue' | 'ownOverdue', Snippets>>;

interface Wording {
  subject: string;
  tags: Record<Tag, string>;
  tails: Record<'reminder' | 'due' | 'overdue' | 'escalation', string>;
  internalBanner: string;
  accents: Record<string, string>;
  greeting: string;
  internalGreeting: string;
  informed: string;
  paragraphs: Record<Relation, Paragraphs>;
  asksHeading: string;
  internalAsksHeading: string;
  ownerTodo: Record<ObligationKind, string>;
  ownerTodoLate: Record<ObligationKind, string>;
  ownerReport: Record<Resolution['type'], string>;
  participantTodo: { meeting: string; invitation: string; other: string };
  monitorTodoLate: Snippets;
  actionsIntro: string;
  leadershipActionsIntro: string;
  closing: { default: string; leadership: string };
  footer: string;
  internalFooter: string;
}

let templates: TemplateSet | undefined;
let wording: Wording | undefined;

function load(): { templates: TemplateSet; wording: Wording } {
  templates ??= new TemplateSet(TEMPLATES_DIR);
  wording ??= parseYaml(fs.readFileSync(path.join(TEMPLATES_DIR, 'wording.yaml'), 'utf8')) as Wording;
  return { templates, wording };
}

/** The letter a step kind gets; an owner named in an escalation step gets the overdue letter. */
export function letterFor(kind: Step['kind'], role: RecipientRole): Letter {
  if (kind === 'close') throw new RangeError('the close step sends nothing');
  if (kind === 'escalation') return role === 'owner' ? 'overdue' : 'escalation';
  return kind;
}

export function roleOf(spec: Pick<Spec, 'owners' | 'participants'>, bodyId: string): RecipientRole {
  if (spec.owners.includes(bodyId)) return 'owner';
  if (spec.participants.includes(bodyId)) return 'participant';
  return 'observer';
}

/** The actions an owner can take from an email, by the obligation's resolution. */
export function actionsFor(spec: Pick<Spec, 'resolution'>): LinkAction[] {
  switch (spec.resolution.type) {
    case 'indicator':
      return ['record'];
    case 'waivable':
      return ['complete', 'waive'];
    default:
      return ['complete'];
  }
}

/** `Giao ban` + ` quý III/2024`; a one-off duty has no period in its name. */
export function subjectTitle(spec: Pick<Spec, 'shortTitle' | 'period'>): string {
  return recurrenceOfKey(spec.period) === 'once' ? spec.shortTitle : `${spec.shortTitle} ${occurrencePeriodLabel(spec)}`;
}

/**
 * The tag of a notice (its subject's first word): leadership is always reported to; an owner
 * gets reminded, told it is due, told it is late; once late, whoever is to urge the owner gets
 * "Đôn đốc", anyone else "Quá hạn".
 */
export function tagFor(letter: Letter, relation: Relation): Tag {
  if (relation === 'leadership') return 'report';
  if (letter !== 'escalation') return letter;
  return relation === 'leading-committee' || relation === 'administrative-superior' || relation === 'monitor' ? 'escalation' : 'overdue';
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

type Phase = 'reminder' | 'due' | 'late';

const phaseOf = (letter: Letter): Phase => (letter === 'reminder' || letter === 'due' ? letter : 'late');

/** Which paragraphs of the register: the owner's own, or about another body's task. */
function paragraphKey(relation: Relation, own: boolean, phase: Phase): keyof Paragraphs {
  if (relation === 'owner') return phase === 'late' ? 'overdue' : phase;
  if (own && (relation === 'leadership' || relation === 'monitor')) return phase === 'reminder' ? 'ownReminder' : phase === 'due' ? 'ownDue' : 'ownOverdue';
  return phase === 'late' ? 'escalation' : phase;
}

export function composeEmail(input: ComposeInput): ComposedEmail {
  const { templates: t, wording: w } = load();
  const { occurrence: spec, step, body, contact, index } = input;
  const ctx = relationContext(index);
  const role = roleOf(spec, body.id);
  const relation = relationOf(body, spec, step, ctx);
  const own = role === 'owner';
  const letter = letterFor(step.kind, role);
  const phase = phaseOf(letter);
  const tag = tagFor(letter, relation);
  const internal = relation === 'monitor';
  // A meeting the owner holds, or the event an invitation is for (the chair's reception day).
  const isMeeting = spec.meeting !== undefined;
  const names = (ids: readonly string[]) => joinVi(ids.map((id) => index.bodyName(id)));
  const ownerNames = names(spec.owners);

  // Action links: for the owners, while there is something to report.
  const expiry = linkExpiry(spec.due, input.links.ttlDays);
  const actions: ActionLink[] = own
    ? actionsFor(spec).map((action) => ({
        action,
        label: RESOLUTION_LABELS[action],
        url: actionUrl(input.links.publicUrl, signLink({ occurrence: spec.id, action, body: body.id, expiresAtMs: expiry.expiresAtMs }, input.links.secret)),
      }))
    : [];

  // Who else this step tells that the task is late: leadership is reported to, others urged.
  const others = step.kind === 'escalation' ? step.to.filter((id) => !spec.owners.includes(id) && id !== ctx.monitor && id !== body.id) : [];
  const isLeadership = (id: string) => index.bodies.get(id)?.partyRole === 'leadership';
  const r = spec.resolution;
  const targetText = r.type === 'indicator' && r.target !== undefined ? targetVi(r.comparison, r.target, r.unit) : '';
  const monitorName = index.bodyName(ctx.monitor);
  const period = recurrenceOfKey(spec.period) === 'once' ? '' : occurrencePeriodLabel(spec);
  const meeting = spec.meeting ? { when: meetingWhen(spec.meeting.startAtMs, spec.meeting.minutes) } : false;
  const participantNames = names(spec.participants);

  const view: Record<string, unknown> = {
    occurrenceId: spec.id,
    trackingLabel: FIELD_LABELS.trackingId,
    monitor: { name: monitorName },
    recipient: {
      bodyName: body.name,
      contactName: contact.name,
      contactRole: contact.role,
      personal: !contact.placeholder && contact.name !== body.name,
    },
    task: { title: oneLine(spec.title), subjectTitle: oneLine(subjectTitle(spec)), period, unitName: spec.unitName, ownerNames, participantNames },
    due: { date: formatVi(spec.due), long: formatViLong(spec.due) },
    meeting,
    daysBefore: Math.max(0, -step.offset),
    daysLate: Math.max(0, step.offset),
    lateBodies: ownerNames,
    lateIsLeadership: spec.owners.every(isLeadership),
    lateIsMonitor: spec.owners.includes(ctx.monitor),
    leadsOwner: supervisesOwner(body.id, spec, ctx),
    informed: { urged: names(others.filter((id) => !isLeadership(id))), reported: names(others.filter(isLeadership)) },
    resolution: { ...r, targetText },
    actionLabels: RESOLUTION_LABELS,
    linksValidUntil: formatViLong(expiry.lastDay),
  };
  const say = (snippet: string, where: string) => oneLine(renderSnippet(snippet, view, `wording.yaml ${where}`));
  const sayAll = (snippets: readonly string[], where: string) => snippets.map((s, i) => say(s, `${where}[${i}]`)).filter((s) => s !== '');
  view.tag = w.tags[tag];
  view.tail = say(w.tails[phase === 'late' ? (own ? 'overdue' : 'escalation') : phase], 'tails');
  view.informedSentence = say(w.informed, 'informed');

  const key = paragraphKey(relation, own, phase);
  const paragraphs = w.paragraphs[relation][key];
  if (!paragraphs) throw new Error(`wording.yaml: no paragraphs.${relation}.${key} (step ${step.kind}, ${spec.id} to ${body.id})`);

  // What the one who acts is asked to do; nothing is asked of leadership or of a committee.
  const asks: string[] = [];
  if (own && relation !== 'leadership') {
    asks.push((phase === 'late' ? w.ownerTodoLate : w.ownerTodo)[spec.kind] ?? '', w.ownerReport[r.type] ?? '');
  } else if (internal) {
    if (phase === 'late') asks.push(...w.monitorTodoLate);
  } else if (relation === 'participant' && phase !== 'late') {
    asks.push(spec.kind === 'invitation' ? w.participantTodo.invitation : isMeeting ? w.participantTodo.meeting : w.participantTodo.other);
  }

  const details: { label: string; value: string; strong?: boolean }[] = [
    { label: FIELD_LABELS.task, value: oneLine(spec.title), strong: true },
    ...(period ? [{ label: FIELD_LABELS.period, value: period }] : []),
    { label: FIELD_LABELS.unit, value: spec.unitName },
    { label: FIELD_LABELS.owner, value: ownerNames },
    ...(participantNames ? [{ label: FIELD_LABELS.participants, value: participantNames }] : []),
    { label: FIELD_LABELS.due, value: formatViLong(spec.due), strong: true },
    ...(meeting ? [{ label: spec.kind === 'invitation' ? FIELD_LABELS.event : FIELD_LABELS.meeting, value: meeting.when }] : []),
    ...(targetText ? [{ label: FIELD_LABELS.target, value: targetText }] : []),
    { label: FIELD_LABELS.status, value: phase === 'late' ? STATUS_LABELS.overdue : STATUS_LABELS.open },
  ];

  const subject = say(w.subject, 'subject');
  const letterView = {
    ...view,
    subject,
    banner: internal ? w.internalBanner : w.tags[tag],
    accent: w.accents[w.tags[tag]] ?? '#1d4ed8',
    greeting: say(internal ? w.internalGreeting : w.greeting, 'greeting'),
    paragraphs: sayAll(paragraphs, `paragraphs.${relation}.${key}`),
    details,
    basis: { label: FIELD_LABELS.basis, ref: basisVi(spec.clauseRef, planCitationOf(index)), quote: quoteVi(oneLine(spec.clauseText)) },
    asks: asks.length ? { heading: internal ? w.internalAsksHeading : w.asksHeading, items: sayAll(asks, 'asks') } : false,
    actions: actions.length ? { intro: relation === 'leadership' ? say(w.leadershipActionsIntro, 'leadershipActionsIntro') : say(w.actionsIntro, 'actionsIntro'), items: actions } : false,
    note: input.note ? oneLine(input.note) : '',
    closing: internal ? '' : say(relation === 'leadership' ? w.closing.leadership : w.closing.default, 'closing'),
    signature: internal ? '' : monitorName.toLocaleUpperCase('vi'),
    footer: say(internal ? w.internalFooter : w.footer, 'footer'),
  };
  return {
    letter,
    role,
    relation,
    tag,
    subject,
    text: t.render('notice', 'txt', letterView),
    html: t.render('notice', 'html', letterView),
    actions,
    invite: isMeeting && role !== 'observer' && phase !== 'late',
  };
}
