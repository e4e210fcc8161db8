import { expect, test } from 'vitest';
import { forEachLimit } from '../../../domain/each-limit';

const tick = () => new Promise<void>((r) => setImmediate(r));

test('runs every item once, never more than the limit at a time', async () => {
  let inFlight = 0;
  let most = 0;
  const seen: number[] = [];
  await forEachLimit([...Array(20).keys()], 3, async (item, i) => {
    expect(i).toBe(item);
    inFlight++;
    most = Math.max(most, inFlight);
    await tick();
    seen.push(item);
    inFlight--;
  });
  expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  expect(most).toBe(3);
});

test('the first failure rejects and no new call starts after it', async () => {
  const started: number[] = [];
  await expect(
    forEachLimit([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await tick();
      if (item === 1) throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  await tick();
  expect(started).toEqual([0, 1, 2]);
});

test('a limit below 1 is refused', async () => {
  await expect(forEachLimit([1], 0, async () => {})).rejects.toThrow(RangeError);
});
