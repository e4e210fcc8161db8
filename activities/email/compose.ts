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
import { oversightOf, relationContext, relationOf, reportsResult, type Oversight, type Relation } from '../../domain/relation';
import { occurrenceReceivers } from '../../domain/targets';
import { localDateOfInstant } from '../../domain/calendar/local-date';
import type { Step } from '../../domain/timeline';
import { actionUrl, linkExpiry, signLink, type LinkAction } from '../../platform/links';
import {
  FIELD_LABELS,
  RESOLUTION_LABELS,
  STATUS_LABELS,
  basisVi,
  bodyNameIn,
  clauseRefVi,
  convenerVi,
  formatVi,
  formatViLong,
  inSentenceVi,
  measureWordsVi,
  joinVi,
  meetingHours,
  meetingWhen,
  occurrencePeriodLabel,
  placeOfUnit,
  planCitationOf,
  planShortCitationVi,
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
export type Tag = 'reminder' | 'due' | 'overdue' | 'escalation' | 'report' | 'note';

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
/**
 * reminder/due/overdue (owners), reminder/due/escalation (the others), own* (the monitor's own
 * duty), prepare* (a duty Party leadership owns: to leadership, and to the monitor).
 */
type ParagraphKey = 'reminder' | 'due' | 'overdue' | 'escalation' | 'ownReminder' | 'ownDue' | 'ownOverdue' | 'prepare' | 'prepareDue' | 'prepareLate';
type Paragraphs = Partial<Record<ParagraphKey, Snippets>>;
type Register = 'default' | 'leadership';

interface Wording {
  subject: string;
  prepareSubject: string;
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
  monitorTodoOwn: Snippets;
  monitorTodoOwnLate: Snippets;
  monitorTodoPrepare: Snippets;
  monitorTodoLate: Snippets;
  actionsIntro: string;
  internalActionsIntro: string;
  closing: Record<Register, string>;
  footer: Record<Register, string>;
  internalFooter: string;
  digest: {
    subject: string;
    phases: Record<Phase, string>;
    intro: Record<Register | 'monitor', Snippets>;
    footer: Record<Register, string>;
    internalFooter: string;
  };
  calendar: {
    meetingWord: string;
    eventWord: string;
    cancel: CalendarWords;
    update: CalendarWords;
  };
}

interface CalendarWords {
  tag: string;
  subject: string;
  default: Snippets;
  leadership: Snippets;
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
 * The tag of a notice (its subject's first word): leadership is always reported to; Ban Dân
 * vận's own notes are "Theo dõi"; an owner gets reminded, told it is due, told it is late;
 * once late, whoever is to urge the owner gets "Đôn đốc", anyone else "Quá hạn".
 */
export function tagFor(letter: Letter, relation: Relation): Tag {
  if (relation === 'leadership') return 'report';
  if (relation === 'monitor') return 'note';
  if (letter !== 'escalation') return letter;
  return relation === 'leading-committee' || relation === 'administrative-superior' ? 'escalation' : 'overdue';
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

type Phase = 'reminder' | 'due' | 'late';

const phaseOf = (letter: Letter): Phase => (letter === 'reminder' || letter === 'due' ? letter : 'late');

/**
 * Which paragraphs of the register: the owner's; a duty Party leadership owns, to leadership
 * or to the monitor that prepares it; the monitor's own duty; or another body's task.
 */
function paragraphKey(relation: Relation, own: boolean, phase: Phase, oversight: Oversight): ParagraphKey {
  const by = (keys: [ParagraphKey, ParagraphKey, ParagraphKey]) => keys[phase === 'reminder' ? 0 : phase === 'due' ? 1 : 2];
  if (oversight === 'prepared' && (relation === 'monitor' || (relation === 'leadership' && own))) return by(['prepare', 'prepareDue', 'prepareLate']);
  if (relation === 'owner') return by(['reminder', 'due', 'overdue']);
  if (own && relation === 'monitor') return by(['ownReminder', 'ownDue', 'ownOverdue']);
  return by(['reminder', 'due', 'escalation']);
}

/** A notice composed but not rendered: what it is, and the view its templates take. */
interface NoticeParts extends Omit<ComposedEmail, 'text' | 'html'> {
  phase: Phase;
  daysLate: number;
  view: Record<string, unknown>;
}

export function composeEmail(input: ComposeInput): ComposedEmail {
  const { templates: t } = load();
  const { view, ...parts } = noticeParts(input);
  const { phase: _phase, daysLate: _late, ...email } = parts;
  return { ...email, text: t.render('notice', 'txt', view), html: t.render('notice', 'html', view) };
}


function noticeParts(input: ComposeInput): NoticeParts {
  const { wording: w } = load();
  const { occurrence: spec, step, body, contact, index } = input;
  const ctx = relationContext(index);
  const role = roleOf(spec, body.id);
  const relation = relationOf(body, spec, step, ctx);
  const oversight = oversightOf(spec.owners, ctx);
  const own = role === 'owner';
  const letter = letterFor(step.kind, role);
  const phase = phaseOf(letter);
  const tag = tagFor(letter, relation);
  const internal = relation === 'monitor';
  const leadership = relation === 'leadership';
  const prepared = oversight === 'prepared';
  // A meeting the owner holds, or the event an invitation is for (the chair's reception day).
  const isMeeting = spec.meeting !== undefined;
  // Names: in full where the letter addresses and details; in sentences as the reader names them.
  const names = (ids: readonly string[]) => joinVi(ids.map((id) => index.bodyName(id)));
  const inSentence = (ids: readonly string[]) => joinVi(ids.map((id) => bodyNameIn(index, id, body.unit)));
  const ownerNames = names(spec.owners);
  const receivers = occurrenceReceivers(index, spec);

  // Action links: for whoever reports the result, while there is something to report.
  const expiry = linkExpiry(spec.due, input.links.ttlDays);
  const actions: ActionLink[] = reportsResult(body.id, spec.owners, ctx)
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
  const meeting = spec.meeting
    ? { when: meetingWhen(spec.meeting.startAtMs, spec.meeting.minutes), day: formatViLong(localDateOfInstant(spec.meeting.startAtMs)) }
    : false;
  const participantNames = names(spec.participants);
  const { source } = index.config.plan;

  const view: Record<string, unknown> = {
    occurrenceId: spec.id,
    trackingLabel: FIELD_LABELS.trackingId,
    monitor: { name: monitorName, short: bodyNameIn(index, ctx.monitor, body.unit) },
    recipient: {
      bodyName: body.name,
      short: bodyNameIn(index, body.id, body.unit),
      contactName: contact.name,
      contactRole: contact.role,
      personal: !contact.placeholder && contact.name !== body.name,
    },
    task: {
      title: oneLine(spec.title),
      subjectTitle: oneLine(subjectTitle(spec)),
      inSentence: inSentenceVi(oneLine(subjectTitle(spec))),
      kindWord: inSentenceVi(spec.shortTitle),
      period,
      unitName: spec.unitName,
      ownerNames,
      owners: inSentence(spec.owners),
      participants: inSentence(spec.participants),
      participantNames,
    },
    plan: { short: planShortCitationVi(source, bodyNameIn(index, source.issuedBy, body.unit)) },
    clause: clauseRefVi(spec.clauseRef),
    // Who convenes: the owners, or the office that issues their invitations (Văn phòng Huyện ủy).
    office: convenerVi(index, spec.owners, body.unit),
    registrar: { names: inSentence(receivers), isRecipient: receivers.includes(body.id) },
    indicator: spec.kind === 'indicator',
    invitation: spec.kind === 'invitation',
    due: { date: formatVi(spec.due), long: formatViLong(spec.due) },
    meeting,
    daysBefore: Math.max(0, -step.offset),
    daysLate: Math.max(0, step.offset),
    lateBodies: inSentence(spec.owners),
    informed: { urged: inSentence(others.filter((id) => !isLeadership(id))), reported: inSentence(others.filter(isLeadership)) },
    resolution: {
      ...r,
      targetText,
      ...(r.type === 'indicator' ? { labelInSentence: inSentenceVi(r.label), measure: measureWordsVi(r.unit) } : {}),
      ...(r.type === 'evidence' ? { evidenceInSentence: inSentenceVi(r.evidenceLabel) } : {}),
    },
    actionLabels: RESOLUTION_LABELS,
    linksValidUntil: formatViLong(expiry.lastDay),
  };
  const say = (snippet: string, where: string) => oneLine(renderSnippet(snippet, view, `wording.yaml ${where}`));
  const sayAll = (snippets: readonly string[], where: string) => snippets.map((s, i) => say(s, `${where}[${i}]`)).filter((s) => s !== '');
  view.tag = w.tags[tag];
  view.tail = say(w.tails[phase === 'late' ? (own ? 'overdue' : 'escalation') : phase], 'tails');
  view.informedSentence = say(w.informed, 'informed');

  const key = paragraphKey(relation, own, phase, oversight);
  const paragraphs = w.paragraphs[relation][key];
  if (!paragraphs) throw new Error(`wording.yaml: no paragraphs.${relation}.${key} (step ${step.kind}, ${spec.id} to ${body.id})`);

  // What the one who acts is asked to do; nothing is asked of leadership or of a committee.
  const asks: string[] = [];
  if (own && !leadership && !internal) {
    asks.push((phase === 'late' ? w.ownerTodoLate : w.ownerTodo)[spec.kind] ?? '', w.ownerReport[r.type] ?? '');
  } else if (internal) {
    if (prepared) asks.push(...w.monitorTodoPrepare);
    else if (own) asks.push(...(phase === 'late' ? w.monitorTodoOwnLate : w.monitorTodoOwn));
    else if (phase === 'late') asks.push(...w.monitorTodoLate);
  } else if (relation === 'participant' && phase !== 'late') {
    asks.push(spec.kind === 'invitation' ? w.participantTodo.invitation : isMeeting ? w.participantTodo.meeting : w.participantTodo.other);
  }

  // The details: the territory only where the owners' names do not say it already; a duty
  // leadership owns has a time proposed, not a deadline, and no progress to track.
  const register: Register = leadership ? 'leadership' : 'default';
  const showsUnit = !spec.owners.every((id) => index.bodyName(id).includes(placeOfUnit(spec.unitName)));
  const meetsAtDue = spec.meeting !== undefined && spec.kind === 'meeting' && localDateOfInstant(spec.meeting.startAtMs) === spec.due;
  const dueValue = meetsAtDue ? `${formatViLong(spec.due)}; họp dự kiến ${meetingHours(spec.meeting!.startAtMs, spec.meeting!.minutes)}` : formatViLong(spec.due);
  const details: { label: string; value: string; strong?: boolean }[] = [
    { label: FIELD_LABELS.task, value: oneLine(spec.title), strong: true },
    ...(period ? [{ label: FIELD_LABELS.period, value: period }] : []),
    ...(showsUnit ? [{ label: FIELD_LABELS.unit, value: spec.unitName }] : []),
    { label: prepared ? FIELD_LABELS.presides : FIELD_LABELS.owner, value: ownerNames },
    ...(participantNames ? [{ label: FIELD_LABELS.participants, value: participantNames }] : []),
    ...(receivers.length ? [{ label: spec.kind === 'registration' ? FIELD_LABELS.registrar : FIELD_LABELS.receivers, value: names(receivers) }] : []),
    ...(prepared && meeting
      ? [{ label: FIELD_LABELS.meeting, value: meeting.when, strong: true }]
      : [
          { label: FIELD_LABELS.due, value: dueValue, strong: true },
          ...(meeting && !meetsAtDue ? [{ label: spec.kind === 'invitation' ? FIELD_LABELS.event : FIELD_LABELS.meeting, value: meeting.when }] : []),
        ]),
    ...(targetText ? [{ label: FIELD_LABELS.target, value: targetText }] : []),
    ...(prepared ? [] : [{ label: FIELD_LABELS.status, value: phase === 'late' ? STATUS_LABELS.overdue : STATUS_LABELS.open }]),
  ];

  const subject = say(prepared && leadership && own && phase === 'reminder' ? w.prepareSubject : w.subject, 'subject');
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
    actions: actions.length ? { intro: say(internal ? w.internalActionsIntro : w.actionsIntro, 'actionsIntro'), items: actions } : false,
    note: input.note ? oneLine(input.note) : '',
    closing: internal ? '' : say(w.closing[register], 'closing'),
    signature: internal ? '' : monitorName.toLocaleUpperCase('vi'),
    footer: say(internal ? w.internalFooter : w.footer[register], 'footer'),
  };
  return {
    letter,
    role,
    relation,
    tag,
    subject,
    actions,
    invite: carriesInvite(spec, role, phase),
    phase,
    daysLate: Math.max(0, step.offset),
    view: letterView,
  };
}

/** A meeting's invite goes to its owners and participants while there is a meeting to come to. */
function carriesInvite(spec: Pick<Spec, 'meeting'>, role: RecipientRole, phase: Phase): boolean {
  return spec.meeting !== undefined && role !== 'observer' && phase !== 'late';
}

// ─── The morning digest ───────────────────────────────────────────────────────

export interface DigestInput {
  /** The notices, each for the same body and contact (the first body at the address). */
  items: ComposeInput[];
  /** The morning, `YYYY-MM-DD`. */
  morning: string;
}

export interface ComposedDigest {
  subject: string;
  text: string;
  html: string;
  /** The items as the letter lists them, most urgent first (indexes into the input). */
  order: number[];
  /** Per input item: its notice's parts (the invite, the role, the links). */
  notices: Omit<ComposedEmail, 'text' | 'html'>[];
}

/** Most urgent first: reports to leadership, then late, due today, reminders; the latest first, then the nearest due date. */
const TAG_RANK: Record<Tag, number> = { report: 0, escalation: 1, overdue: 1, note: 1, due: 2, reminder: 3 };
const PHASE_RANK: Record<Phase, number> = { late: 0, due: 1, reminder: 2 };

/**
 * One email for several notices to one address on one morning: each notice as its own
 * section (its status line, the paragraphs of its register, the details with its due date,
 * its own links), most urgent first, under one greeting and one closing. The register of
 * the letter as a whole is the recipient's (leadership: a report; Ban Dân vận: internal).
 */
export function composeDigest(input: DigestInput): ComposedDigest {
  const { templates: t, wording: w } = load();
  if (input.items.length < 2) throw new RangeError('a digest has at least two notices (one goes as it is)');
  const parts = input.items.map(noticeParts);
  const order = parts
    .map((p, i) => ({ p, i, due: input.items[i]!.occurrence.due, id: input.items[i]!.occurrence.id }))
    .sort((a, b) => TAG_RANK[a.p.tag] - TAG_RANK[b.p.tag] || PHASE_RANK[a.p.phase] - PHASE_RANK[b.p.phase] || b.p.daysLate - a.p.daysLate || a.due.localeCompare(b.due) || a.id.localeCompare(b.id))
    .map((x) => x.i);
  const first = parts[order[0]!]!;
  const relation: Relation = first.relation === 'monitor' || first.relation === 'leadership' ? first.relation : 'owner';
  const register = relation === 'owner' ? 'default' : relation;
  const counts = (['late', 'due', 'reminder'] as const)
    .map((phase) => ({ phase, n: parts.filter((p) => p.phase === phase).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${w.digest.phases[c.phase]}`);
  const firstView = first.view as { monitor: unknown; recipient: unknown; greeting: string; closing: string; signature: string; accent: string; banner: string };
  const view: Record<string, unknown> = {
    monitor: firstView.monitor,
    recipient: firstView.recipient,
    count: input.items.length,
    date: formatVi(input.morning),
    breakdown: joinVi(counts),
    tag: w.tags[first.tag],
    trackingLabel: FIELD_LABELS.trackingId,
    occurrenceIds: order.map((i) => input.items[i]!.occurrence.id).join(', '),
  };
  const say = (snippet: string, where: string) => oneLine(renderSnippet(snippet, view, `wording.yaml digest.${where}`));
  const subject = say(w.digest.subject, 'subject');
  const digestView = {
    subject,
    banner: firstView.banner,
    accent: firstView.accent,
    greeting: firstView.greeting,
    intro: w.digest.intro[register].map((snippet, i) => say(snippet, `intro.${register}[${i}]`)).filter((x) => x !== ''),
    items: order.map((i, n) => ({ ...parts[i]!.view, number: n + 1 })),
    closing: firstView.closing,
    signature: firstView.signature,
    footer: say(relation === 'monitor' ? w.digest.internalFooter : w.digest.footer[register === 'leadership' ? 'leadership' : 'default'], 'footer'),
  };
  return {
    subject,
    text: t.render('digest', 'txt', digestView),
    html: t.render('digest', 'html', digestView),
    order,
    notices: parts.map(({ view: _v, phase: _p, daysLate: _d, ...notice }) => notice),
  };
}

// ─── A meeting cancelled or moved ────────────────────────────────────────────

export interface CalendarChangeInput {
  occurrence: Spec;
  method: 'CANCEL' | 'REQUEST';
  index: PlanIndex;
  /** The body now at the address, when the directory still has one there. */
  body?: Body;
  contact?: Contact;
  address: string;
}

/**
 * The letter that carries a cancellation (METHOD:CANCEL) or an updated invite (REQUEST) to
 * someone who received the meeting's invite: what changed, the meeting's details, in the
 * recipient's register (leadership: "kính báo cáo"). The notice layout, without links.
 */
export function composeCalendarChange(input: CalendarChangeInput): { subject: string; text: string; html: string } {
  const { templates: t, wording: w } = load();
  const { occurrence: spec, index } = input;
  const ctx = relationContext(index);
  const monitorName = index.bodyName(ctx.monitor);
  const meeting = spec.meeting!;
  const leadership = input.body?.partyRole === 'leadership';
  const register: Register = leadership ? 'leadership' : 'default';
  const words = w.calendar[input.method === 'CANCEL' ? 'cancel' : 'update'];
  const readerUnit = input.body?.unit;
  const view: Record<string, unknown> = {
    monitor: { name: monitorName, short: bodyNameIn(index, ctx.monitor, readerUnit) },
    recipient: {
      bodyName: input.body?.name ?? input.address,
      short: input.body ? bodyNameIn(index, input.body.id, readerUnit) : input.address,
      contactName: input.contact?.name ?? '',
      contactRole: input.contact?.role ?? '',
      personal: input.contact !== undefined && !input.contact.placeholder && input.contact.name !== input.body?.name,
    },
    task: { title: oneLine(spec.title), subjectTitle: oneLine(subjectTitle(spec)), unitName: spec.unitName },
    meeting: { when: meetingWhen(meeting.startAtMs, meeting.minutes), what: spec.kind === 'invitation' ? w.calendar.eventWord : w.calendar.meetingWord },
    trackingLabel: FIELD_LABELS.trackingId,
    occurrenceId: spec.id,
  };
  const say = (snippet: string, where: string) => oneLine(renderSnippet(snippet, view, `wording.yaml calendar.${where}`));
  const subject = say(words.subject, 'subject');
  const names = (ids: readonly string[]) => joinVi(ids.map((id) => index.bodyName(id)));
  const letterView = {
    subject,
    banner: words.tag,
    accent: w.accents[words.tag] ?? '#1d4ed8',
    greeting: say(w.greeting, 'greeting'),
    paragraphs: words[leadership ? 'leadership' : 'default'].map((p, i) => say(p, `paragraphs[${i}]`)).filter((p) => p !== ''),
    details: [
      { label: FIELD_LABELS.task, value: oneLine(spec.title), strong: true },
      { label: FIELD_LABELS.unit, value: spec.unitName },
      { label: FIELD_LABELS.owner, value: names(spec.owners) },
      { label: spec.kind === 'invitation' ? FIELD_LABELS.event : FIELD_LABELS.meeting, value: meetingWhen(meeting.startAtMs, meeting.minutes), strong: true },
    ],
    basis: { label: FIELD_LABELS.basis, ref: basisVi(spec.clauseRef, planCitationOf(index)), quote: quoteVi(oneLine(spec.clauseText)) },
    asks: false,
    actions: false,
    note: '',
    closing: say(w.closing[register], 'closing'),
    signature: monitorName.toLocaleUpperCase('vi'),
    footer: say(w.footer[register], 'footer'),
  };
  return { subject, text: t.render('notice', 'txt', letterView), html: t.render('notice', 'html', letterView) };
}
