/**
 * Calendars that stay true, end to end on the run's dev server: a meeting's invite goes out
 * with the reminders (METHOD:REQUEST, SEQUENCE 0); the occurrence waived → METHOD:CANCEL with
 * the same UID to every address that received the invite; extended → METHOD:REQUEST with the
 * same UID, the next SEQUENCE (the workflow's revision counter) and the moved DTSTART, in
 * Asia/Ho_Chi_Minh. The calendars are read from what reached the loopback SMTP server,
 * property by property.
 */
import { expect, test } from 'vitest';
import { addDays, VN_UTC_OFFSET_MINUTES } from '../../domain/calendar/local-date';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { extendUpdate, waiveUpdate, type OccurrenceState } from '../../workflows/messages';
import { withRealContacts } from '../helpers/contacts';
import { DIGEST_LADDER } from '../helpers/digest-plan';
import { planIndex, pollUntil, startOccurrence, testConfig, uniqueTag } from '../helpers/integration-plan';
import { useMailRig } from '../helpers/mail-rig';
import type { SinkMessage } from '../helpers/smtp-sink';
import { useDevServer } from '../helpers/temporal';

const STEP = 20_000;
const dev = useDevServer();
const rig = useMailRig();

interface Property {
  params: Record<string, string>;
  value: string;
}

/** The VEVENT's properties (and METHOD) of an iCalendar text: lines unfolded, each `NAME;P=V:value`. */
function calendarOf(ics: string): Map<string, Property> {
  const props = new Map<string, Property>();
  for (const line of ics.replace(/\r\n[ \t]/g, '').split('\r\n')) {
    const m = /^([A-Z-]+)((?:;[^:;]+)*):(.*)$/.exec(line);
    if (!m) continue;
    const [, name, rawParams, value] = m as unknown as [string, string, string, string];
    if (name === 'BEGIN' || name === 'END' || name === 'TZID' || (props.has(name) && name !== 'DTSTART')) continue;
    const params = Object.fromEntries(rawParams.split(';').filter(Boolean).map((p) => p.split('=') as [string, string]));
    // The VTIMEZONE's DTSTART comes first; the event's (with its TZID) is the one that counts.
    if (name === 'DTSTART' && !params.TZID) continue;
    props.set(name, { params, value });
  }
  return props;
}

const icsOf = (m: SinkMessage) => {
  const part = m.parsed.attachments.find((a) => a.contentType === 'text/calendar' || a.filename?.endsWith('.ics'));
  if (!part) throw new Error(`no calendar in ${m.parsed.subject}`);
  return calendarOf(part.content.toString('utf8'));
};

/** `20241007T080000`: an instant as wall-clock time in Vietnam. */
const vnLocal = (ms: number) => new Date(ms + VN_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19).replace(/[-:]/g, '');

/** An occurrence of `obligation` in `unit` with the test ladder, opened now, on a worker without digests; `run` inside it. */
async function withOccurrence(obligation: string, unit: string, run: (h: Awaited<ReturnType<typeof startOccurrence>>) => Promise<void>) {
  const tag = uniqueTag('cal');
  const taskQueue = `calendar-${tag}`;
  const config = withRealContacts(testConfig({ tag, obligations: [obligation], ladder: DIGEST_LADDER }));
  const worker = await rig.worker(dev.env, { config, taskQueue });
  const spec = drillSpec(planIndex(config), obligation, unit, Date.now(), STEP, drillTail());
  const workflowId = `calendar/${tag}`;
  dev.leftovers.add(workflowId);
  await worker.runUntil(async () => {
    const handle = await startOccurrence(dev.env.client, spec, { workflowId, taskQueue });
    // The reminder with the invite has gone to the owner and the participants.
    await pollUntil(() => handle.query<OccurrenceState>('state'), (s) => s.steps[0]!.state === 'sent', { timeoutMs: STEP + 20_000, intervalMs: 300 });
    await run(handle);
  });
}

const invitesTo = (unit: string) => rig.sink.messages.filter((m) => m.to[0]!.endsWith(`-${unit}@lucngan.test`));

test('a waived invitation: METHOD:CANCEL, the same UID and DTSTART, the next SEQUENCE, to every address that got the invite', { timeout: 120_000 }, async () => {
  await withOccurrence('citizen-reception-invite', 'bien-son', async (handle) => {
    const invited = invitesTo('bien-son');
    expect(invited).toHaveLength(6); // the People's Committee and the five organisations
    const request = icsOf(invited[0]!);
    expect(request.get('METHOD')!.value).toBe('REQUEST');
    expect(request.get('SEQUENCE')!.value).toBe('0');

    const base = rig.sink.messages.length;
    const waived = await handle.executeUpdate(waiveUpdate, { args: [{ by: 'ubnd-bien-son', reason: 'Tháng này Chủ tịch đi công tác, không tổ chức tiếp công dân.' }] });
    const state = (await handle.result()) as OccurrenceState;
    expect(waived.status).toBe('waived');
    expect(state.calendarSequence).toBe(1);
    await rig.sink.waitFor(base + 6, 30_000);
    const cancels = invitesTo('bien-son').slice(6);
    expect(new Set(cancels.map((m) => m.to[0]))).toEqual(new Set(invited.map((m) => m.to[0])));
    for (const m of cancels) {
      expect(m.parsed.subject).toMatch(/^\[Hủy lịch\] /);
      const cancel = icsOf(m);
      expect(cancel.get('METHOD')!.value).toBe('CANCEL');
      expect(cancel.get('STATUS')!.value).toBe('CANCELLED');
      expect(cancel.get('UID')!.value).toBe(request.get('UID')!.value);
      expect(cancel.get('UID')!.value).toBe(`${state.spec.id}@dondoc`);
      expect(cancel.get('SEQUENCE')!.value).toBe('1');
      expect(cancel.get('DTSTART')!.params.TZID).toBe('Asia/Ho_Chi_Minh');
      expect(cancel.get('DTSTART')!.value).toBe(request.get('DTSTART')!.value);
      expect(cancel.get('DTSTART')!.value).toBe(vnLocal(state.spec.meeting!.startAtMs));
    }
  });
});

test('an extended meeting: METHOD:REQUEST, the same UID, SEQUENCE 1, the moved DTSTART in Asia/Ho_Chi_Minh', { timeout: 120_000 }, async () => {
  await withOccurrence('chair-working-session', 'bien-dong', async (handle) => {
    const invited = invitesTo('bien-dong');
    expect(invited).toHaveLength(6);
    const first = icsOf(invited[0]!);
    const before = (await handle.query<OccurrenceState>('state')).spec;

    const base = rig.sink.messages.length;
    const extended = await handle.executeUpdate(extendUpdate, { args: [{ by: 'ban-dan-van', newDue: addDays(before.due, 7), reason: 'Chủ tịch UBND xã đi công tác.' }] });
    expect(extended.calendarSequence).toBe(1);
    expect(extended.spec.meeting!.startAtMs).toBeGreaterThan(before.meeting!.startAtMs);
    await rig.sink.waitFor(base + 6, 30_000);
    const updates = invitesTo('bien-dong').slice(6);
    expect(new Set(updates.map((m) => m.to[0]))).toEqual(new Set(invited.map((m) => m.to[0])));
    for (const m of updates) {
      expect(m.parsed.subject).toMatch(/^\[Đổi lịch\] /);
      const update = icsOf(m);
      expect(update.get('METHOD')!.value).toBe('REQUEST');
      expect(update.get('UID')!.value).toBe(first.get('UID')!.value);
      expect(update.get('SEQUENCE')!.value).toBe('1');
      expect(Number(update.get('SEQUENCE')!.value)).toBeGreaterThan(Number(first.get('SEQUENCE')!.value));
      expect(update.get('DTSTART')!.params.TZID).toBe('Asia/Ho_Chi_Minh');
      expect(update.get('DTSTART')!.value).toBe(vnLocal(extended.spec.meeting!.startAtMs));
      expect(update.get('DTSTART')!.value).not.toBe(first.get('DTSTART')!.value);
      expect(update.get('STATUS')!.value).toBe('TENTATIVE'); // Ban Dân vận does not convene it: a tentative entry
    }
  });
});
