import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
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

  test('what is appended is found again by a new process (a new ledger on the same file)', () => {
    const file = path.join(tmp, 'a', 'mail-ledger.jsonl');
    const ledger = new MailLedger(file);
    expect(ledger.get('<1@dondoc>')).toBeUndefined();
    ledger.append(entry('<1@dondoc>'));
    ledger.append(entry('<2@dondoc>', 'rejected'));
    expect(ledger.get('<1@dondoc>')?.outcome).toBe('sent');
    const reopened = new MailLedger(file);
    expect(reopened.get('<1@dondoc>')?.outcome).toBe('sent');
    expect(reopened.get('<2@dondoc>')?.outcome).toBe('rejected');
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  test('a line torn by a crash is ignored, and the next entry starts on a fresh line', () => {
    const file = path.join(tmp, 'torn.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(entry('<ok@dondoc>'))}\n{"key":"<torn@don`);
    const ledger = new MailLedger(file);
    expect(ledger.size).toBe(1);
    ledger.append(entry('<next@dondoc>'));
    const reopened = new MailLedger(file);
    expect(reopened.get('<ok@dondoc>')).toBeDefined();
    expect(reopened.get('<next@dondoc>')).toBeDefined();
    expect(reopened.get('<torn@dondoc>')).toBeUndefined();
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
