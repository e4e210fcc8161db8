import { foldLines as icalFoldLines } from 'ical-generator';
import { describe, expect, test } from 'vitest';
import { buildInvite, foldLines, inviteCalendar, inviteEvent, inviteUid, TZID, type InviteInput } from '../../../activities/email/invite';
import { toInstantMs } from '../../../domain/calendar/local-date';
import { meetingAfterExtension } from '../../../domain/meetings';
import { plannedOccurrences } from '../../../domain/planning';
import { specOf, type OccurrenceSpec } from '../../../domain/spec';
import { BRIEFING, shippedIndex as index, spec } from './fixtures';

/** The invite as ical-generator writes the whole calendar, VTIMEZONE put in by hand (how it was built before). */
function icalGeneratorInvite(input: InviteInput): string {
  const cal = inviteCalendar(input.method);
  cal.createEvent(inviteEvent(input));
  const text = cal.toString();
  const at = text.indexOf('BEGIN:VEVENT');
  const vtimezone = buildInvite(input).replace(/\r\n[ \t]/g, '').match(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE\r\n/)![0];
  expect(vtimezone).toContain(`TZID:${TZID}`);
  return `${text.slice(0, at)}${vtimezone}${text.slice(at)}`;
}

/** Unfolded content lines of an iCalendar text. */
function lines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

const OWNER = { name: 'Thường trực Huyện ủy Lục Ngạn', email: 'tt@lucngan.test', role: 'owner' } as const;

/** The invite's input for `s`: Ban Dân vận organises, the owner chairs, the Front takes part. */
function inviteInput(s: OccurrenceSpec, stampMs: number, owner: InviteInput['attendees'][number] = OWNER): InviteInput {
  const { steps: _s, ...occurrence } = s;
  return {
    occurrence,
    index,
    organizer: { name: 'Ban Dân vận Huyện ủy Lục Ngạn', email: 'bdv@lucngan.test' },
    attendees: [owner, { name: 'Ủy ban MTTQ huyện Lục Ngạn', email: 'mttq@lucngan.test', role: 'participant' }],
    stampMs,
  };
}

function invite(s: OccurrenceSpec, stampMs = Date.parse('2024-09-23T00:30:00Z'), more: Pick<InviteInput, 'sequence' | 'method'> = {}): string {
  return buildInvite({ ...inviteInput(s, stampMs), ...more });
}

describe('the meeting invite', () => {
  const briefing = BRIEFING();

  test('METHOD:REQUEST, a VTIMEZONE, times in Asia/Ho_Chi_Minh, DTSTAMP in UTC', () => {
    const l = lines(invite(briefing));
    expect(l).toContain('METHOD:REQUEST');
    expect(l).toContain('BEGIN:VTIMEZONE');
    expect(l).toContain('TZID:Asia/Ho_Chi_Minh');
    expect(l).toContain('TZOFFSETTO:+0700');
    expect(l).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20240930T080000');
    expect(l).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20240930T100000');
    expect(l).toContain('DTSTAMP:20240923T003000Z');
    expect(l.indexOf('END:VTIMEZONE')).toBeLessThan(l.indexOf('BEGIN:VEVENT'));
  });

  test('a stable UID per occurrence, organiser and attendees, Vietnamese summary', () => {
    const l = lines(invite(briefing));
    expect(inviteUid(briefing)).toBe('occ/quarterly-briefing/huyen/2024-Q3@dondoc');
    expect(l).toContain('UID:occ/quarterly-briefing/huyen/2024-Q3@dondoc');
    expect(l.find((x) => x.startsWith('ORGANIZER'))).toBe('ORGANIZER;CN="Ban Dân vận Huyện ủy Lục Ngạn":mailto:bdv@lucngan.test');
    expect(l.find((x) => x.includes('tt@lucngan.test'))).toMatch(/^ATTENDEE;ROLE=CHAIR;.*:MAILTO:tt@lucngan\.test$/);
    expect(l.find((x) => x.includes('mttq@lucngan.test'))).toMatch(/^ATTENDEE;ROLE=REQ-PARTICIPANT;.*:MAILTO:mttq@lucngan\.test$/);
    expect(l.find((x) => x.startsWith('DESCRIPTION:'))).toContain('Căn cứ: mục II.1\\, đoạn 2');
  });

  test('a tentative entry, not an invitation from Ban Dân vận: "(Dự kiến)", STATUS:TENTATIVE, no reply asked, the official time by the convener’s invitation', () => {
    const l = lines(invite(briefing));
    expect(l).toContain('SUMMARY:(Dự kiến) Giao ban quý III/2024 — huyện Lục Ngạn');
    expect(l).toContain('STATUS:TENTATIVE');
    expect(l).not.toContain('STATUS:CONFIRMED');
    const attendees = l.filter((x) => x.startsWith('ATTENDEE'));
    expect(attendees).toHaveLength(2);
    for (const a of attendees) expect(a).toContain(';RSVP=FALSE;');
    // Thường trực's meetings are convened by invitation of its office; a UBND's by the UBND itself.
    expect(l.find((x) => x.startsWith('DESCRIPTION:'))).toMatch(
      /^DESCRIPTION:Thời gian dự kiến để đưa vào lịch công tác\\; thời gian chính thức theo giấy mời của Văn phòng Huyện ủy\.\\n/,
    );
    const session = spec('occ/chair-working-session/bien-son/2024-Q3', '2024-07-01', '2024-09-30');
    expect(lines(invite(session)).find((x) => x.startsWith('DESCRIPTION:'))).toContain('theo giấy mời của Ủy ban nhân dân xã Biên Sơn.');
    // Still an iTIP request, so that a cancellation and a move (SEQUENCE) change this same entry; a cancelled one says so.
    expect(l).toContain('METHOD:REQUEST');
    const cancelled = lines(invite(briefing, undefined, { method: 'CANCEL', sequence: 1 }));
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('STATUS:CANCELLED');
    // No tracking code for officials to read.
    expect(l.find((x) => x.startsWith('DESCRIPTION:'))).not.toContain('occ/');
  });

  test('a moved meeting keeps the UID; SEQUENCE is the revision it is given, not a count of days', () => {
    const dueAtMs = Date.parse('2024-10-07T01:00:00Z');
    // As after an extension: the meeting held at the deadline moves with it.
    const moved = { ...briefing, due: '2024-10-07', dueAtMs, meeting: meetingAfterExtension(briefing.meeting, dueAtMs) };
    const seq = (ics: string) => Number(lines(ics).find((x) => x.startsWith('SEQUENCE:'))!.slice(9));
    const before = invite(briefing);
    const after = invite(moved, undefined, { sequence: 1 });
    expect(lines(after)).toContain(`UID:${inviteUid(briefing)}`);
    expect(seq(before)).toBe(0);
    expect(seq(after)).toBe(1);
    expect(seq(invite(moved, undefined, { sequence: 4 }))).toBe(4);
    expect(lines(after)).toContain('METHOD:REQUEST');
    expect(lines(after)).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20241007T080000');
    // The same occurrence, the same due date: the same invite, whatever the retry.
    expect(invite(briefing)).toBe(before);
  });

  test('a cancellation: METHOD:CANCEL, STATUS:CANCELLED, the same UID and times, its SEQUENCE', () => {
    const l = lines(invite(briefing, undefined, { method: 'CANCEL', sequence: 2 }));
    expect(l).toContain('METHOD:CANCEL');
    expect(l).toContain('STATUS:CANCELLED');
    expect(l).toContain('SEQUENCE:2');
    expect(l).toContain(`UID:${inviteUid(briefing)}`);
    expect(l).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20240930T080000');
    expect(invite(briefing, undefined, { method: 'CANCEL', sequence: 2 })).toBe(icalGeneratorInvite({ ...inviteInput(briefing, Date.parse('2024-09-23T00:30:00Z')), method: 'CANCEL', sequence: 2 }));
  });

  test('the meeting length comes from the schedule of the occurrence', () => {
    const annual = spec('occ/chair-working-session/huyen/2024', '2024-12-01', '2024-12-31');
    const reception = spec('occ/citizen-reception-invite/bien-son/2024-07', '2024-07-01', '2024-07-31');
    expect(lines(invite(annual))).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20241231T110000');
    expect(lines(invite(reception))).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20240715T120000');
  });

  test("an invitation to the chair's citizen reception: the invitations are due before it, the invite is for the reception day", () => {
    const reception = spec('occ/citizen-reception-invite/bien-son/2024-07', '2024-07-01', '2024-07-31');
    // Due Thursday 11/07/2024, two working days before the reception on Monday 15/07.
    expect(reception.due).toBe('2024-07-11');
    expect(reception.meeting).toEqual({ startAtMs: Date.parse('2024-07-15T01:00:00Z'), minutes: 240, onDueDate: false });
    const l = lines(invite(reception));
    expect(l).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20240715T080000');
    expect(l.join('\n')).not.toContain('20240711');
    // An extension of the invitations' due date does not move the reception.
    const later = Date.parse('2024-07-12T01:00:00Z');
    expect(meetingAfterExtension(reception.meeting, later)).toEqual(reception.meeting);
  });

  test('an occurrence without a meeting has no invite', () => {
    const registration = spec('occ/creative-activity-registration/bien-son/2024/mttq', '2024-01-01', '2024-12-31');
    expect(registration.meeting).toBeUndefined();
    expect(() => invite(registration)).toThrow(/no meeting/);
  });

  test('byte for byte what ical-generator writes, for every meeting of the plan in a year (Vietnamese, long lines folded)', () => {
    const window = { notDueBeforeMs: toInstantMs('2024-01-01', '00:00'), until: '2024-12-31' };
    const meetings = index.config.plan.obligations
      .flatMap((o) => index.targets(o.id))
      .flatMap((t) => plannedOccurrences(index, t, window))
      .map((o) => specOf(index, o))
      .filter((s, i) => s.meeting !== undefined && i % 7 === 0);
    expect(meetings.length).toBeGreaterThan(50);
    let folded = 0;
    for (const s of meetings) {
      // A long owner name, so that every invite folds lines.
      const input = inviteInput(s, s.steps[0]!.atMs, { ...OWNER, name: 'Nguyễn Văn An (Thường trực Huyện ủy Lục Ngạn — người chủ trì cuộc họp quý)' });
      const ics = buildInvite(input);
      expect(ics).toBe(icalGeneratorInvite(input));
      if (ics.includes('\r\n ')) folded++;
    }
    expect(folded).toBe(meetings.length);
  });

  test('line folding: the same as ical-generator on ASCII, Vietnamese, emoji and broken surrogates, at every length', () => {
    const pieces = ['a', 'ệ', 'Đ', 'ữ', 'é', '€', '😀', '\ud83d', '\ude00', '\ud83dx', ' ', ';', '\\n'];
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let len = 0; len < 120; len++) {
      for (let k = 0; k < 5; k++) {
        let line = 'DESCRIPTION:';
        for (let i = 0; i < len; i++) line += pieces[rand(pieces.length)];
        const text = `BEGIN:VEVENT\r\n${line}\r\nSUMMARY:${line.slice(5)}\r\nEND:VEVENT`;
        expect(foldLines(text)).toBe(icalFoldLines(text));
      }
    }
    expect(foldLines('')).toBe(icalFoldLines(''));
  });
});
