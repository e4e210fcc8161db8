/**
 * One email for one recipient of one step: picks the letter (reminder, due, overdue,
 * escalation), builds the view from the occurrence and the plan, and renders the subject,
 * the plain text and the HTML from the template files in ./templates.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Body, Contact } from '../../domain/model';
import type { PlanIndex } from '../../domain/occurrences';
import type { Step } from '../../domain/timeline';
import { actionUrl, linkExpiry, signLink, type LinkAction } from '../../platform/links';
import type { Spec } from './occurrence-info';
import { recurrenceOfKey } from '../../domain/periods';
import { renderString, TemplateSet } from './template';
import { STATUS_LABELS, clauseRefVi, formatViLong, joinVi, meetingWhen, occurrencePeriodLabel, stepKindLabel } from '../../vocabulary';

export const TEMPLATES_DIR = path.join(__dirname, 'templates');

export type Letter = 'reminder' | 'due' | 'overdue' | 'escalation';
export type RecipientRole = 'owner' | 'participant' | 'observer';

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
}

export interface ActionLink {
  action: LinkAction;
  label: string;
  url: string;
}

export interface ComposedEmail {
  letter: Letter;
  role: RecipientRole;
  subject: string;
  text: string;
  html: string;
  actions: ActionLink[];
  /** True when a meeting invite belongs with this email (an attendee, before the meeting). */
  invite: boolean;
}

interface Wording {
  subjects: Record<Letter, string>;
  ownerTodo: Record<string, string>;
  ownerTodoLate: Record<string, string>;
  ownerReport: Record<string, string>;
  participantTodo: { meeting: string; invitation: string; other: string };
  observerTodo: string;
  escalationTodo: string[];
  actions: Record<LinkAction, string>;
  targets: Record<string, string>;
  levels: Record<string, string>;
  monitorRole: string;
  look: Record<Letter, { banner: string; accent: string }>;
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

export function roleOf(spec: Spec, bodyId: string): RecipientRole {
  if (spec.owners.includes(bodyId)) return 'owner';
  if (spec.participants.includes(bodyId)) return 'participant';
  return 'observer';
}

/** The actions an owner can take from an email, by the obligation's resolution. */
export function actionsFor(spec: Spec): LinkAction[] {
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
export function subjectTitle(spec: Spec): string {
  return recurrenceOfKey(spec.period) === 'once' ? spec.shortTitle : `${spec.shortTitle} ${occurrencePeriodLabel(spec)}`;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

export function composeEmail(input: ComposeInput): ComposedEmail {
  const { templates: t, wording: w } = load();
  const { occurrence: spec, step, body, contact, index } = input;
  const role = roleOf(spec, body.id);
  const letter = letterFor(step.kind, role);
  const monitorId = index.config.plan.monitor;
  const meeting = spec.meeting;
  const isMeeting = meeting !== undefined;
  const inviteBelongs = isMeeting && role !== 'observer' && (letter === 'reminder' || letter === 'due');
  const ownerNames = joinVi(spec.owners.map((id) => index.bodyName(id)));

  // Action links: for the owners, while there is something to report.
  const expiry = linkExpiry(spec.due, input.links.ttlDays);
  const actions: ActionLink[] =
    role === 'owner'
      ? actionsFor(spec).map((action) => ({
          action,
          label: w.actions[action],
          url: actionUrl(
            input.links.publicUrl,
            signLink({ occurrence: spec.id, action, body: body.id, expiresAtMs: expiry.expiresAtMs }, input.links.secret),
          ),
        }))
      : [];

  // Who the recipient of an escalation is to the late body: the nearest level it holds in an owner's chain.
  const levels = spec.owners
    .map((owner) => (index.bodies.get(owner)?.supervisors ?? []).indexOf(body.id) + 1)
    .filter((level) => level > 0);
  const relation = levels.length ? (w.levels[String(Math.min(...levels))] ?? '') : body.id === monitorId ? w.monitorRole : '';

  const r = spec.resolution;
  const view: Record<string, unknown> = {
    letter,
    look: w.look[letter],
    stepLabel: stepKindLabel(step.kind),
    stepNumber: step.index + 1,
    occurrenceId: spec.id,
    isOwner: role === 'owner',
    isParticipant: role === 'participant',
    isObserver: role === 'observer',
    recipientIsMonitor: body.id === monitorId,
    recipient: {
      bodyName: body.name,
      contactName: contact.name,
      contactRole: contact.role,
      personal: !contact.placeholder && contact.name !== body.name,
    },
    task: {
      title: oneLine(spec.title),
      subjectTitle: oneLine(subjectTitle(spec)),
      period: recurrenceOfKey(spec.period) === 'once' ? '' : occurrencePeriodLabel(spec),
      unitName: spec.unitName,
      ownerNames,
      participantNames: joinVi(spec.participants.map((id) => index.bodyName(id))),
    },
    due: { long: formatViLong(spec.due) },
    meeting: meeting ? { when: meetingWhen(meeting.startAtMs, meeting.minutes) } : false,
    daysBefore: Math.max(0, -step.offset),
    daysLate: Math.max(0, step.offset),
    lateBodies: ownerNames,
    relation,
    informedNames: role === 'owner' && step.kind === 'escalation' ? joinVi(step.to.filter((id) => !spec.owners.includes(id)).map((id) => index.bodyName(id))) : '',
    statusLabel: letter === 'reminder' || letter === 'due' ? STATUS_LABELS.open : STATUS_LABELS.overdue,
    clause: { ref: clauseRefVi(spec.clauseRef), text: oneLine(spec.clauseText), planTitle: oneLine(index.config.plan.title) },
    resolution: {
      ...r,
      targetText: r.type === 'indicator' && r.target !== undefined ? renderString(w.targets[r.comparison] ?? '', { target: r.target, unit: r.unit }) : '',
    },
    monitorName: index.bodyName(monitorId),
    monitorRole: w.monitorRole,
    hasActions: actions.length > 0,
    actions,
    linksValidUntil: formatViLong(expiry.lastDay),
  };

  const todo: string[] = [];
  if (letter === 'escalation') {
    todo.push(...w.escalationTodo);
  } else if (role === 'owner') {
    const late = letter === 'overdue';
    todo.push((late ? w.ownerTodoLate : w.ownerTodo)[spec.kind] ?? '');
    todo.push(w.ownerReport[r.type] ?? '');
  } else if (role === 'participant') {
    todo.push(spec.kind === 'invitation' ? w.participantTodo.invitation : isMeeting ? w.participantTodo.meeting : w.participantTodo.other);
  } else {
    todo.push(w.observerTodo);
  }
  view.todo = todo.map((s) => oneLine(renderString(s, view))).filter((s) => s !== '');

  const subject = oneLine(renderString(w.subjects[letter], view));
  view.subject = subject;
  return {
    letter,
    role,
    subject,
    text: t.render(letter, 'txt', view),
    html: t.render(letter, 'html', view),
    actions,
    invite: inviteBelongs,
  };
}
