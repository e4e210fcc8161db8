/**
 * The calendar invite of a meeting occurrence (iCalendar, RFC 5545 / iTIP REQUEST or CANCEL),
 * made with ical-generator.
 *
 * Ban Dân vận does not convene these meetings (the chair of the UBND, or Thường trực through
 * Văn phòng Huyện ủy, does): the entry is a tentative one for the work calendar — SUMMARY
 * "(Dự kiến) …", STATUS:TENTATIVE, no reply asked of anyone (RSVP=FALSE) — whose description
 * says the official time comes with the convener's invitation. It stays an iTIP REQUEST (and
 * CANCEL), not PUBLISH, so that calendars keep it under one UID and take the cancellations
 * and moves of issue 16 (SEQUENCE) as changes of the same entry.
 *
 * - UID `${occurrence id}@dondoc`: one event per occurrence, so a later invite (a moved
 *   meeting) replaces the event instead of adding one, and a CANCEL removes it.
 * - SEQUENCE: the occurrence workflow's revision counter (`calendarSequence`: 0, raised by one
 *   each time the meeting moves or is cancelled), never derived from dates.
 * - Times in TZID Asia/Ho_Chi_Minh, with a VTIMEZONE (UTC+7, no daylight saving since 1975);
 *   DTSTAMP in UTC.
 *
 * ical-generator writes the event; the calendar around it and the line folding are done
 * here, to the same bytes as ical-generator's `toString()` (test/unit/email/invite.test.ts
 * compares them): its folding measures every character with a new TextEncoder, which was
 * most of an invite's cost.
 */
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { VN_UTC_OFFSET_MINUTES } from '../../domain/calendar/local-date';
import type { PlanIndex } from '../../domain/occurrences';
import type { Spec } from './occurrence-info';
import { subjectTitle } from './compose';
import { FIELD_LABELS, basisVi, convenerVi, joinVi, planCitationOf, quoteVi } from '../../vocabulary';

export const TZID = 'Asia/Ho_Chi_Minh';

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  `X-LIC-LOCATION:${TZID}`,
  'BEGIN:STANDARD',
  'DTSTART:19750613T000000',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export interface Person {
  name: string;
  email: string;
}

export interface InviteInput {
  occurrence: Spec;
  index: PlanIndex;
  organizer: Person;
  /** Owners' contacts chair the meeting; participants' are required attendees. */
  attendees: (Person & { role: 'owner' | 'participant' })[];
  /** DTSTAMP: when this version of the invite was made. */
  stampMs: number;
  /** The revision (default 0). */
  sequence?: number;
  /** REQUEST (default): the meeting, new or moved; CANCEL: it is off. */
  method?: CalendarMethod;
}

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export function inviteUid(spec: Pick<Spec, 'id'>): string {
  return `${spec.id}@dondoc`;
}

/** Wall-clock time in Vietnam as ical-generator reads a zone-less string: `2024-09-30T08:00:00`. */
function vnLocal(ms: number): string {
  return new Date(ms + VN_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19);
}

/** The invite of an occurrence with a meeting (spec.meeting): the caller checks there is one. */
export function buildInvite(input: InviteInput): string {
  const method = input.method ?? 'REQUEST';
  const event = inviteCalendar(method).createEvent(inviteEvent(input));
  // The VTIMEZONE goes in by hand: set on the calendar, ical-generator would also write
  // DTSTAMP in local time, which RFC 5545 requires in UTC.
  return foldLines(`${calendarHead(method)}${VTIMEZONE}\r\n${event.toString()}END:VCALENDAR`);
}

/** The event of the invite, as ical-generator takes it. */
export function inviteEvent(input: InviteInput): ICalEventData {
  const { occurrence: spec, index } = input;
  const meeting = spec.meeting;
  if (!meeting) throw new RangeError(`occurrence ${spec.id} has no meeting to invite to`);
  return {
    id: inviteUid(spec),
    sequence: input.sequence ?? 0,
    stamp: new Date(input.stampMs),
    // Zone-less local strings with the event's time zone: ical-generator writes them as they are.
    start: vnLocal(meeting.startAtMs),
    end: vnLocal(meeting.startAtMs + meeting.minutes * 60_000),
    timezone: TZID,
    summary: `(Dự kiến) ${subjectTitle(spec)} — ${spec.unitName}`,
    description: [
      `Thời gian dự kiến để đưa vào lịch công tác; thời gian chính thức theo giấy mời của ${convenerVi(index, spec.owners)}.`,
      spec.title,
      `${FIELD_LABELS.owner}: ${joinVi(spec.owners.map((id) => index.bodyName(id)))}`,
      spec.participants.length ? `${FIELD_LABELS.participants}: ${joinVi(spec.participants.map((id) => index.bodyName(id)))}` : undefined,
      `${FIELD_LABELS.basis}: ${basisVi(spec.clauseRef, planCitationOf(index))}: ${quoteVi(spec.clauseText)}`,
    ]
      .filter((l): l is string => l !== undefined)
      .join('\n'),
    status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.TENTATIVE,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: input.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      role: a.role === 'owner' ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: false,
    })),
  };
}

/** The calendar object ical-generator needs to make an event. */
export function inviteCalendar(method: CalendarMethod = 'REQUEST') {
  return ical({
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: 'dondoc', product: 'dondoc', language: 'VI' },
  });
}

/** What ical-generator writes before the events of `inviteCalendar(method)`. */
const calendarHead = (method: CalendarMethod) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//dondoc//dondoc//VI\r\nMETHOD:${method}\r\n`;

/**
 * RFC 5545 line folding exactly as ical-generator's `foldLines`: a content line longer than
 * 75 octets goes on with CRLF + space, never inside a UTF-8 sequence (nor a surrogate pair);
 * the first segment holds at most 74 octets and each continuation at most 74 after its space.
 */
export function foldLines(input: string): string {
  const lines = input.split('\r\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    // Up to 24 UTF-16 code units are at most 72 octets: nothing to fold.
    if (line.length <= 24) continue;
    let result = '';
    let c = 0;
    let from = 0;
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i);
      const start = i;
      let size: number;
      if (code < 0x80) size = 1;
      else if (code < 0x800) size = 2;
      else if (code >= 0xd800 && code <= 0xdbff) {
        // As ical-generator: a high surrogate takes the next code unit with it, whatever it is.
        i++;
        size = new TextEncoder().encode(line.slice(start, i + 1)).length;
      } else size = 3;
      c += size;
      if (c > 74) {
        result += line.slice(from, start) + '\r\n ';
        from = start;
        c = size;
      }
    }
    if (from > 0) lines[n] = result + line.slice(from);
  }
  return lines.join('\r\n');
}
