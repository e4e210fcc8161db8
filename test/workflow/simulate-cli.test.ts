import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

test('`dondoc simulate --json` prints JSON alone on stdout, and the on-time pattern sends no overdue notice', () => {
  const r = spawnSync(
    process.execPath,
    ['bin/dondoc.js', 'simulate', '--from', '2024-01-01', '--months', '3', '--unit', 'bien-son', '--respond', 'on-time', '--json'],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { notifications: { kind: string }[]; outcomes: { status: string }[] };
  expect(out.outcomes.length).toBeGreaterThan(5);
  expect(new Set(out.outcomes.map((o) => o.status))).toEqual(new Set(['done-on-time']));
  expect(out.notifications.filter((n) => n.kind !== 'reminder')).toEqual([]);
}, 150_000);

test('`dondoc simulate` refuses a bad option with one line and exit 2', () => {
  const r = spawnSync(process.execPath, ['bin/dondoc.js', 'simulate', '--from', '2024-02-30'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr.trim()).toBe('dondoc simulate: --from "2024-02-30": cần một ngày dạng YYYY-MM-DD');
});
