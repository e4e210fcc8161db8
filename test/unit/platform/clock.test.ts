import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { localDateOfInstant, timeOfInstant, toInstantMs } from '../../../domain/calendar/local-date';
import { nextOccurrence } from '../../../domain/planning';
import {
  ClockError,
  clockFile,
  clockWithOffset,
  parseClockSetting,
  readClock,
  replayStartMs,
  sameDayInTerm,
  startClock,
  type ClockEnv,
} from '../../../platform/clock';
import { EnvError, loadEnv } from '../../../platform/env';
import { index } from '../domain/shipped';

const at = (iso: string) => Date.parse(iso);
/** A wall clock the test moves. */
function wall(startIso: string) {
  let ms = at(startIso);
  const fn = () => ms;
  fn.advance = (by: number) => void (ms += by);
  return fn;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function env(setting?: string, opts: { embedded?: boolean; dataDir?: string } = {}): ClockEnv {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-clock-'));
  dirs.push(dataDir);
  return { dataDir, embedded: opts.embedded ?? true, DONDOC_CLOCK: setting === undefined ? undefined : parseClockSetting(setting) };
}

describe('DONDOC_CLOCK', () => {
  test.each([
    ['real', { kind: 'real' }],
    ['2024-09-23T06:30+07:00', { kind: 'replay', atMs: at('2024-09-23T06:30:00+07:00') }],
    ['2024-09-23T06:30', { kind: 'replay', atMs: at('2024-09-23T06:30:00+07:00') }], // Vietnam time
    ['2024-09-23T06:30:15Z', { kind: 'replay', atMs: at('2024-09-23T06:30:15Z') }],
    ['2024-09-23', { kind: 'replay', atMs: at('2024-09-23T00:00:00+07:00') }],
  ])('%s is read as %o', (text, expected) => {
    expect(parseClockSetting(text)).toMatchObject(expected);
  });

  test.each(['tomorrow', '2024-02-30T06:30', '2024-09-23T25:00', '23/9/2024', '2024-9-23'])('%s is refused by the environment with one line naming the variable', (bad) => {
    let lines: string[] = [];
    try {
      loadEnv({ DONDOC_CLOCK: bad });
    } catch (err) {
      lines = (err as EnvError).lines;
    }
    expect(lines).toEqual([`DONDOC_CLOCK=${JSON.stringify(bad)} is not valid: expected real, or a date and time such as 2024-09-23T06:30+07:00 (Vietnam time when no offset is given)`]);
  });

  test('unset or empty is no setting', () => {
    expect(loadEnv({}).DONDOC_CLOCK).toBeUndefined();
    expect(loadEnv({ DONDOC_CLOCK: '' }).DONDOC_CLOCK).toBeUndefined();
    expect(loadEnv({ DONDOC_CLOCK: '2024-12-07T10:30' }).DONDOC_CLOCK).toMatchObject({ kind: 'replay', atMs: at('2024-12-07T10:30:00+07:00') });
  });
});

describe('a clock', () => {
  test('a replay clock keeps its offset and advances in real time', () => {
    const w = wall('2026-12-07T03:30:00Z');
    const clock = clockWithOffset(at('2024-12-07T03:30:00Z') - w(), w);
    expect(clock.kind).toBe('replay');
    expect(clock.nowMs()).toBe(at('2024-12-07T03:30:00Z'));
    w.advance(61_000);
    expect(clock.nowMs()).toBe(at('2024-12-07T03:31:01Z'));
    expect(clock.describe()).toMatch(/^replay clock: 07\/12\/2024 10:31 now \(Asia\/Ho_Chi_Minh\), 730 days behind/);
    expect(clockWithOffset(0, w).kind).toBe('real');
  });
});

describe('the replay date of the default run (shipped plan: 31/8/2021–31/12/2025, the district until 30/6/2025)', () => {
  test("today's day, month and time in the latest year of the term in which the district exists, then earlier years", () => {
    const days = sameDayInTerm(index.config, at('2026-12-07T10:30:00+07:00'));
    expect(days.map((ms) => `${localDateOfInstant(ms)} ${timeOfInstant(ms)}`)).toEqual(['2024-12-07 10:30', '2023-12-07 10:30', '2022-12-07 10:30', '2021-12-07 10:30']);
    expect(localDateOfInstant(sameDayInTerm(index.config, at('2026-03-10T08:00:00+07:00'))[0]!)).toBe('2025-03-10'); // before 30/6/2025
    expect(localDateOfInstant(sameDayInTerm(index.config, at('2028-02-29T08:00:00+07:00'))[0]!)).toBe('2025-02-28');
    expect(sameDayInTerm(index.config, at('2026-08-01T08:00:00+07:00')).map(localDateOfInstant)).toEqual(['2024-08-01', '2023-08-01', '2022-08-01']); // 2021-08-01 precedes the term
  });

  /** Occurrences the planners open at `startMs` that send a notice within a minute of it. */
  const noticesInFirstMinute = (startMs: number) =>
    index.config.plan.obligations
      .flatMap((o) => index.targets(o.id))
      .map((t) => nextOccurrence(index, t, { notDueBeforeMs: startMs }).occurrence)
      .filter((o) => o && toInstantMs(o.opensOn, '00:00') <= startMs && o.steps.some((s) => s.to.length > 0 && s.atMs <= startMs + 60_000));

  test('07/12/2026: 07/12/2024 as it is, with invitations and the annual report already being reminded', () => {
    const start = replayStartMs(index, at('2026-12-07T10:30:00+07:00'));
    expect(start).toEqual({ atMs: at('2024-12-07T10:30:00+07:00'), moved: false });
    const busy = noticesInFirstMinute(start.atMs);
    expect(busy.length).toBeGreaterThan(20);
    expect(new Set(busy.map((o) => o!.obligation))).toEqual(new Set(['citizen-reception-invite', 'annual-implementation-report']));
  });

  test('a quiet day moves forward to 30 seconds before the next notice', () => {
    // 13/9/2024 00:30: nothing open has a notice due; the next is on Monday 16/9 at 07:15:12
    // (huyện's second of the 07:00–07:30 send window), the preparation note of the giao ban of
    // quý III (10 working days before 30/9).
    expect(noticesInFirstMinute(at('2024-09-13T00:30:00+07:00'))).toEqual([]);
    const start = replayStartMs(index, at('2026-09-13T00:30:00+07:00'));
    expect(start).toEqual({ atMs: at('2024-09-16T07:14:42+07:00'), moved: true });
    expect(noticesInFirstMinute(start.atMs).map((o) => o!.obligation)).toContain('quarterly-briefing');
  });

  test("on the district's last day, with nothing left to send that year, a year earlier", () => {
    const start = replayStartMs(index, at('2026-06-30T16:00:00+07:00'));
    expect(localDateOfInstant(start.atMs).slice(0, 4)).toBe('2024');
    expect(noticesInFirstMinute(start.atMs).length).toBeGreaterThan(0);
  });
});

describe('the clock of a data directory', () => {
  const DEC_7_2026 = '2026-12-07T03:30:00Z'; // 10:30 in Vietnam, after the shipped plan's term

  test('the default run on a plan whose term is over starts a replay clock and records it; a restart resumes it', () => {
    const e = env();
    const w = wall(DEC_7_2026);
    const first = startClock(e, index, w);
    expect(first.fresh).toBe(true);
    expect(first.clock.kind).toBe('replay');
    expect(first.clock.nowMs()).toBe(at('2024-12-07T10:30:00+07:00'));
    expect(first.reason).toMatch(/^the plan's term \(2021-08-31\.\.2025-12-31\) is over: replaying it from 07\/12\/2024 10:30/);
    const record = JSON.parse(fs.readFileSync(clockFile(e.dataDir), 'utf8'));
    expect(record).toMatchObject({ kind: 'replay', offsetMs: first.clock.offsetMs, startedAt: '2024-12-07T03:30:00.000Z', setting: 'default' });

    w.advance(3_600_000); // an hour later
    const again = startClock(e, index, w);
    expect(again.fresh).toBe(false);
    expect(again.clock.offsetMs).toBe(first.clock.offsetMs);
    expect(again.clock.nowMs()).toBe(at('2024-12-07T11:30:00+07:00'));
    // The CLI and the web pages read the same clock.
    expect(readClock(e, w).nowMs()).toBe(again.clock.nowMs());
    // Naming the same clock explicitly is fine.
    expect(startClock({ ...e, DONDOC_CLOCK: parseClockSetting('2024-12-07T10:30+07:00') }, index, w).clock.offsetMs).toBe(first.clock.offsetMs);
  });

  test.each([
    ['2024-09-23T06:30+07:00', 'DONDOC_CLOCK="2024-09-23T06:30+07:00" is refused'],
    ['real', 'DONDOC_CLOCK="real" is refused'],
  ])('DONDOC_CLOCK=%s against a data dir on another clock is refused with what to do', (setting, start) => {
    const e = env();
    startClock(e, index, wall(DEC_7_2026));
    for (const resolve of [() => startClock({ ...e, DONDOC_CLOCK: parseClockSetting(setting) }, index, wall(DEC_7_2026)), () => readClock({ ...e, DONDOC_CLOCK: parseClockSetting(setting) })]) {
      let message = '';
      try {
        resolve();
      } catch (err) {
        expect(err).toBeInstanceOf(ClockError);
        message = (err as Error).message;
      }
      expect(message.startsWith(start)).toBe(true);
      expect(message).toContain(`${e.dataDir} runs on a replay clock that started at 07/12/2024 10:30 (clock.json)`);
      expect(message).toContain('unset DONDOC_CLOCK to resume it, or set DONDOC_DATA_DIR to a new directory');
      expect(message).not.toContain('\n');
    }
  });

  test('an explicit DONDOC_CLOCK starts there, also on a deployment', () => {
    const e = env('2024-09-23T06:30+07:00', { embedded: false });
    const w = wall(DEC_7_2026);
    const started = startClock(e, index, w);
    expect(started.clock.nowMs()).toBe(at('2024-09-23T06:30:00+07:00'));
    expect(started.reason).toBe('DONDOC_CLOCK=2024-09-23T06:30+07:00');
  });

  test.each<[string, () => ClockEnv, string, RegExp]>([
    ['a deployment (TEMPORAL_ADDRESS) never replays unless told', () => env(undefined, { embedded: false }), DEC_7_2026, /TEMPORAL_ADDRESS is set: a deployment replays only with DONDOC_CLOCK/],
    ['a plan whose term includes today runs on the real clock', () => env(), '2024-06-01T03:00:00Z', /has not ended/],
    [
      'a data dir with workflows from before clock.json stays on the real clock',
      () => {
        const e = env();
        fs.writeFileSync(path.join(e.dataDir, 'temporal.db'), '');
        return e;
      },
      DEC_7_2026,
      /holds workflows started on the real clock/,
    ],
  ])('%s', (_, makeEnv, now, reason) => {
    const started = startClock(makeEnv(), index, wall(now));
    expect(started.clock.kind).toBe('real');
    expect(started.clock.offsetMs).toBe(0);
    expect(started.reason).toMatch(reason);
  });

  test('the CLI without a data dir clock: DONDOC_CLOCK, else real; it never writes clock.json', () => {
    const w = wall(DEC_7_2026);
    const none = env();
    expect(readClock(none, w).kind).toBe('real');
    const set = env('2024-09-23T06:30');
    expect(readClock(set, w).nowMs()).toBe(at('2024-09-23T06:30:00+07:00'));
    expect(fs.existsSync(clockFile(set.dataDir))).toBe(false);
  });

  test('a damaged clock.json is named, not ignored', () => {
    const e = env();
    fs.writeFileSync(clockFile(e.dataDir), '{"kind":"replay"}');
    expect(() => readClock(e)).toThrow(/clock\.json is not a clock record/);
  });
});
