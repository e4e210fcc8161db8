import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { MailLedger, messageIdFor, type LedgerEntry } from '../../../activities/email/ledger';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-ledger-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function entry(key: string, outcome: LedgerEntry['outcome'] = 'sent'): LedgerEntry {
  return { key, outcome, occurrence: 'occ/x/huyen/2024', step: 0, kind: 'reminder', body: 'b', address: 'a@x.vn', transport: 'smtp', at: '2024-01-01T00:00:00Z' };
}

describe('the mail ledger', () => {
  test('Message-IDs: deterministic per (plan, occurrence, step, address), case-insensitive in the address', () => {
    const id = messageIdFor('plan', 'occ/a/huyen/2024-Q3', 0, 'A@X.vn');
    expect(id).toMatch(/^<[0-9a-f]{40}@dondoc>$/);
    expect(messageIdFor('plan', 'occ/a/huyen/2024-Q3', 0, 'a@x.vn ')).toBe(id);
    expect(messageIdFor('plan', 'occ/a/huyen/2024-Q3', 1, 'a@x.vn')).not.toBe(id);
    expect(messageIdFor('plan', 'occ/a/huyen/2024-Q4', 0, 'a@x.vn')).not.toBe(id);
    expect(messageIdFor('plan', 'occ/a/huyen/2024-Q3', 0, 'b@x.vn')).not.toBe(id);
  });

  test('what is appended is found again by a new process (a new ledger on the same file)', async () => {
    const file = path.join(tmp, 'a', 'mail-ledger.jsonl');
    const ledger = new MailLedger(file);
    expect(ledger.get('<1@dondoc>')).toBeUndefined();
    await ledger.append(entry('<1@dondoc>'));
    await ledger.append(entry('<2@dondoc>', 'rejected'));
    expect(ledger.get('<1@dondoc>')?.outcome).toBe('sent');
    const reopened = new MailLedger(file);
    expect(reopened.get('<1@dondoc>')?.outcome).toBe('sent');
    expect(reopened.get('<2@dondoc>')?.outcome).toBe('rejected');
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    // A new file: owner-only, like the data it sits with.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await ledger.close();
  });

  test('a line torn by a crash is ignored, and the next entry starts on a fresh line', async () => {
    const file = path.join(tmp, 'torn.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(entry('<ok@dondoc>'))}\n{"key":"<torn@don`);
    const ledger = new MailLedger(file);
    expect(ledger.size).toBe(1);
    await Promise.all([ledger.append(entry('<next@dondoc>')), ledger.append(entry('<after@dondoc>'))]);
    const reopened = new MailLedger(file);
    expect(reopened.get('<ok@dondoc>')).toBeDefined();
    expect(reopened.get('<next@dondoc>')).toBeDefined();
    expect(reopened.get('<after@dondoc>')).toBeDefined();
    expect(reopened.get('<torn@dondoc>')).toBeUndefined();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines).toEqual([JSON.stringify(entry('<ok@dondoc>')), '{"key":"<torn@don', expect.stringContaining('<'), expect.stringContaining('<'), '']);
    await ledger.close();
  });

  test('a torn line left by a crash while the file was open (another process) is repaired when the ledger opens it', async () => {
    const file = path.join(tmp, 'torn-later.jsonl');
    const first = new MailLedger(file);
    await first.append(entry('<1@dondoc>'));
    await first.close();
    fs.appendFileSync(file, '{"key":"<2@do');
    const second = new MailLedger(file);
    await second.append(entry('<3@dondoc>'));
    await second.close();
    const reopened = new MailLedger(file);
    expect([...['<1@dondoc>', '<2@dondoc>', '<3@dondoc>'].map((k) => reopened.get(k) !== undefined)]).toEqual([true, false, true]);
    expect(fs.readFileSync(file, 'utf8').endsWith(`${JSON.stringify(entry('<3@dondoc>'))}\n`)).toBe(true);
  });

  test('group commit: many concurrent appends, every entry on disk exactly once, fewer commits than appends', async () => {
    const file = path.join(tmp, 'group', 'mail-ledger.jsonl');
    const ledger = new MailLedger(file);
    const keys = Array.from({ length: 500 }, (_, i) => `<${i}@dondoc>`);
    // Each append checks, when its promise resolves, that its own line is already in the file.
    const onDiskWhenResolved: boolean[] = [];
    await Promise.all(
      keys.map((k, i) =>
        ledger.append(entry(k, i % 7 === 0 ? 'rejected' : 'sent')).then(() => {
          onDiskWhenResolved[i] = fs.readFileSync(file, 'utf8').includes(`"key":"${k}"`);
          expect(ledger.get(k)?.key).toBe(k);
        }),
      ),
    );
    expect(onDiskWhenResolved.every((x) => x)).toBe(true);
    expect(onDiskWhenResolved).toHaveLength(500);
    expect(ledger.commits).toBeGreaterThan(0);
    expect(ledger.commits).toBeLessThan(500);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as LedgerEntry);
    expect(lines.map((l) => l.key).sort()).toEqual([...keys].sort());
    const reopened = new MailLedger(file);
    expect(reopened.size).toBe(500);
    expect(reopened.get('<7@dondoc>')?.outcome).toBe('rejected');
    await ledger.close();
  });

  test('appends made while a commit is under way go together in the next one', async () => {
    const ledger = new MailLedger(path.join(tmp, 'batches.jsonl'));
    const first = ledger.append(entry('<a@dondoc>'));
    // The first commit has started (its write and fsync are in flight); these three wait for it.
    const rest = [ledger.append(entry('<b@dondoc>')), ledger.append(entry('<c@dondoc>')), ledger.append(entry('<d@dondoc>'))];
    expect(ledger.get('<a@dondoc>')).toBeUndefined();
    await first;
    expect(ledger.commits).toBe(1);
    expect(ledger.get('<b@dondoc>')).toBeUndefined();
    await Promise.all(rest);
    expect(ledger.commits).toBe(2);
    expect(['<a@dondoc>', '<b@dondoc>', '<c@dondoc>', '<d@dondoc>'].every((k) => ledger.get(k))).toBe(true);
    await ledger.close();
  });

  test('close waits for pending appends; an append after close opens the file again', async () => {
    const file = path.join(tmp, 'close.jsonl');
    const ledger = new MailLedger(file);
    const pending = ledger.append(entry('<x@dondoc>'));
    await ledger.close();
    await pending;
    expect(new MailLedger(file).get('<x@dondoc>')).toBeDefined();
    await ledger.append(entry('<y@dondoc>'));
    await ledger.close();
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  test('a failed fsync rejects the appends of its commit and records nothing; the next append reopens the file and works', async () => {
    const file = path.join(tmp, 'fail.jsonl');
    const realOpen = fs.promises.open;
    const spy = vi.spyOn(fs.promises, 'open').mockImplementationOnce(async (...args: Parameters<typeof realOpen>) => {
      const fh = await realOpen(...args);
      fh.sync = () => Promise.reject(Object.assign(new Error('EIO: i/o error, fsync (simulated)'), { code: 'EIO' }));
      return fh;
    });
    const ledger = new MailLedger(file);
    try {
      await expect(ledger.append(entry('<f@dondoc>'))).rejects.toThrow(/EIO/);
      expect(ledger.get('<f@dondoc>')).toBeUndefined();
      await ledger.append(entry('<g@dondoc>'));
      expect(spy).toHaveBeenCalledTimes(2);
      expect(ledger.get('<g@dondoc>')).toBeDefined();
      await ledger.close();
    } finally {
      spy.mockRestore();
    }
  });

  test('exclusive: two attempts for the same key run one after the other', async () => {
    const ledger = new MailLedger(path.join(tmp, 'lock.jsonl'));
    const order: string[] = [];
    const slow = (name: string, ms: number) =>
      ledger.exclusive('<k@dondoc>', async () => {
        order.push(`${name}:start`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${name}:end`);
      });
    await Promise.all([slow('a', 30), slow('b', 1), ledger.exclusive('<other@dondoc>', async () => void order.push('other'))]);
    expect(order.indexOf('a:end')).toBeLessThan(order.indexOf('b:start'));
    expect(order.indexOf('other')).toBeLessThan(order.indexOf('a:end'));
  });
});
