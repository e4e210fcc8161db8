/**
 * Morning digests end to end on the run's dev server: real occurrence and mailbox workflows,
 * the production email notifier over SMTP to the loopback sink (test/helpers/smtp-sink.ts),
 * messages parsed with mailparser.
 * The morning: test/helpers/digest-plan.ts.
 */
import { expect, test } from 'vitest';
import { tokenOfUrl, verifyLink } from '../../platform/links';
import { completeUpdate, mailboxQuery, type OccurrenceState } from '../../workflows/messages';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { withRealContacts } from '../helpers/contacts';
import { DIGEST_LADDER, DIGEST_OBLIGATIONS } from '../helpers/digest-plan';
import { planIndex, pollUntil, startOccurrence, testConfig, uniqueTag } from '../helpers/integration-plan';
import { useMailRig } from '../helpers/mail-rig';
import { useDevServer } from '../helpers/temporal';
import { SECRET } from '../unit/email/fixtures';

const STEP = 40_000;
const WINDOW = 5_000;

const dev = useDevServer();
const rig = useMailRig();

const addr = (body: string) => `${body}@lucngan.test`;

/** The three occurrences of `unit`, opened now; a worker with digests; `run` inside it. */
async function scenario(unit: string, run: (ctx: { handles: Awaited<ReturnType<typeof startOccurrence>>[]; ids: string[] }) => Promise<void>) {
  const tag = uniqueTag('dg');
  const taskQueue = `digest-${tag}`;
  const config = withRealContacts(testConfig({ tag, obligations: DIGEST_OBLIGATIONS, ladder: DIGEST_LADDER }));
  const index = planIndex(config);
  const worker = await rig.worker(dev.env, { config, taskQueue, digestWindowMs: WINDOW });
  const now = Date.now();
  const specs = DIGEST_OBLIGATIONS.map((o) => drillSpec(index, o, unit, now, STEP, drillTail()));
  const ids = specs.map((s) => `digest/${tag}/${s.obligation}`);
  ids.forEach((id) => dev.leftovers.add(id));
  await worker.runUntil(async () => {
    const handles = await Promise.all(specs.map((spec, i) => startOccurrence(dev.env.client, spec, { workflowId: ids[i]!, taskQueue })));
    await run({ handles, ids });
  });
}

/** The reminder's state in each occurrence once every recipient's notice is settled (sent, or withdrawn). */
async function settled(handles: Awaited<ReturnType<typeof startOccurrence>>[]): Promise<OccurrenceState[]> {
  return pollUntil(
    () => Promise.all(handles.map((h) => h.query<OccurrenceState>('state'))),
    (states) => states.every((s) => s.steps[0]!.state === 'sent' || s.steps[0]!.state === 'skipped'),
    { timeoutMs: STEP + 30_000, intervalMs: 500 },
  );
}

test('three obligations due the same morning for one commune: one email per address, with every notice and its own links', { timeout: 120_000 }, async () => {
  await scenario('bien-son', async ({ handles }) => {
    const states = await settled(handles);
    // The committee: one digest of three; each organisation: one digest of two.
    const ubnd = rig.sink.to(addr('ubnd-bien-son'));
    expect(ubnd).toHaveLength(1);
    const digest = ubnd[0]!.parsed;
    expect(digest.subject).toMatch(/^\[Nhắc việc\] Tổng hợp 3 nhiệm vụ ngày \d{1,2}\/\d{1,2}\/\d{4}: 3 sắp đến hạn$/);
    expect(digest.headers.get('x-dondoc-digest')).toMatch(/^digest\/itest-dg[^/]+\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{16}$/);
    for (const s of states) expect(digest.text).toContain(`] ${s.spec.shortTitle} — hạn `);
    // Every notice has its section (numbered), its due date and its own signed link for the owner.
    expect([...digest.text!.matchAll(/^\d\. \[Nhắc việc\] /gm)]).toHaveLength(3);
    const links = [...digest.text!.matchAll(/https:\/\/dondoc\.lucngan\.test\/a\/\S+/g)].map((m) => m[0]);
    expect(links).toHaveLength(3);
    const claimed = links.map((l) => verifyLink(tokenOfUrl(l)!, SECRET, Date.now()));
    expect(claimed.every((c) => c.ok)).toBe(true);
    expect(new Set(claimed.map((c) => (c.ok ? c.claims.occurrence : '')))).toEqual(new Set(states.map((s) => s.spec.id)));
    for (const l of links) expect(digest.html).toContain(`href="${l}"`);
    // The meeting's invite rides along, as its own calendar attachment.
    const ics = digest.attachments.filter((a) => a.filename?.endsWith('.ics'));
    expect(ics).toHaveLength(1);
    expect(ics[0]!.content.toString('utf8')).toContain('METHOD:REQUEST');
    for (const org of ['mttq-bien-son', 'hnd-bien-son', 'hccb-bien-son', 'hlhpn-bien-son', 'doan-tn-bien-son']) {
      const mails = rig.sink.to(addr(org));
      expect(mails, org).toHaveLength(1);
      expect(mails[0]!.parsed.subject).toMatch(/^\[Nhắc việc\] Tổng hợp 2 nhiệm vụ ngày /);
      // Participants are asked to take part: no action links for them.
      expect(mails[0]!.parsed.text).not.toContain('/a/v1.');
    }
    expect(rig.sink.messages.filter((m) => m.to.some((t) => t.endsWith('-bien-son@lucngan.test')))).toHaveLength(6);
    // Each occurrence's timeline: delivered, when, and through which digest.
    for (const s of states) {
      const step = s.steps[0]!;
      expect(step.state).toBe('sent');
      expect(step.sentAtMs).toBeGreaterThan(0);
      expect(step.digests!.length).toBe(step.to.length);
      for (const d of step.digests!) {
        expect(d.state).toBe('sent');
        expect(d.atMs).toBeGreaterThanOrEqual(step.atMs);
        expect(d.id).toMatch(/^digest\//);
      }
    }
    const ubndDigest = states[0]!.steps[0]!.digests!.find((d) => d.bodies.includes('ubnd-bien-son'))!.id;
    expect(ubndDigest).toBe(digest.headers.get('x-dondoc-digest'));
    const mailbox = await dev.env.client.workflow.getHandle(ubndDigest).query(mailboxQuery);
    expect(mailbox.rounds).toHaveLength(1);
    expect(mailbox.rounds[0]!.items).toHaveLength(3);
  });
});

test('an occurrence resolved after its notice was queued and before the digest goes out is left out of it', { timeout: 120_000 }, async () => {
  await scenario('bien-dong', async ({ handles }) => {
    const [proposals, conditions] = handles;
    // Wait until the reminders are in the mailboxes (queued), then resolve the working conditions.
    await pollUntil(
      () => conditions!.query<OccurrenceState>('state'),
      (s) => s.steps[0]!.state === 'sending' && (s.steps[0]!.digests ?? []).some((d) => d.state === 'queued'),
      { timeoutMs: STEP + 20_000, intervalMs: 200 },
    );
    const before = rig.sink.to(addr('ubnd-bien-dong')).length;
    await conditions!.executeUpdate(completeUpdate, { args: [{ by: 'ubnd-bien-dong', evidence: 'Đã bố trí trong dự toán năm sau.' }] });
    const resolved = (await conditions!.result()) as OccurrenceState;
    const states = await settled([proposals!, handles[2]!]);
    expect(before).toBe(0); // nothing had gone out when it was resolved

    const ubnd = rig.sink.to(addr('ubnd-bien-dong'));
    expect(ubnd).toHaveLength(1);
    expect(ubnd[0]!.parsed.subject).toMatch(/^\[Nhắc việc\] Tổng hợp 2 nhiệm vụ ngày /);
    expect(ubnd[0]!.parsed.text).not.toContain(resolved.spec.title.slice(0, 40));
    expect(ubnd[0]!.parsed.headers.get('x-dondoc-occurrence')).not.toContain(resolved.spec.id);
    // The resolved one records its notice as not sent, taken out of the digest.
    expect(resolved.steps[0]!.state).toBe('skipped');
    expect(resolved.steps[0]!.skipReason).toBe('resolved');
    expect(resolved.steps[0]!.digests!.map((d) => d.state)).toEqual(['withdrawn']);
    for (const s of states) expect(s.steps[0]!.digests!.every((d) => d.state === 'sent')).toBe(true);
  });
});
