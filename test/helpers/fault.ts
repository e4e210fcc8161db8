/**
 * Shared parts of the fault tests (test/integration/fault-*.test.ts): a plan whose bodies have
 * real addresses (SMTP never sends to placeholders), the messages a set of occurrences must
 * produce (by their deterministic Message-IDs), a tally of what reached the SMTP sink, and a
 * dondoc worker in a child process that a test can kill with SIGKILL.
 *
 * No vitest import: the child worker (test/helpers/fault-worker.ts) imports this module too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { messageIdFor } from '../../activities/email/ledger';
import type { Config } from '../../domain/model';
import type { PlanIndex } from '../../domain/occurrences';
import type { OccurrenceSpec } from '../../domain/spec';
import type { OccurrenceState } from '../../workflows/messages';
import { drillSpec } from '../../domain/drill';
import { drillTail } from '../../platform/drill-tail';
import { TEST_MAIL_DOMAIN, withRealContacts } from './contacts';
import type { SinkMessage } from './smtp-sink';

const ROOT = path.resolve(__dirname, '../..');

/** Addresses of the fault tests: `<body id>@lucngan.test`, marked real (placeholder: false). */
export const FAULT_DOMAIN = TEST_MAIL_DOMAIN;
export const FAULT_SECRET = 'fault-test-link-secret-0123456789abcdefghijkl';

/** `config` with one real contact per body, `<body id>@lucngan.test`. */
export const realContacts = (config: Config): Config => withRealContacts(config);

export interface ExpectedMail {
  messageId: string;
  occurrence: string;
  step: number;
  address: string;
}

/**
 * Every email the notices of `specs` must produce with `realContacts` (one per step and
 * address; the close step sends nothing), keyed by Message-ID.
 */
export function expectedMail(specs: readonly OccurrenceSpec[]): Map<string, ExpectedMail> {
  const out = new Map<string, ExpectedMail>();
  for (const spec of specs) {
    for (const step of spec.steps) {
      if (step.kind === 'close') continue;
      for (const address of new Set(step.to.map((body) => `${body}@${FAULT_DOMAIN}`))) {
        const messageId = messageIdFor(spec.plan, spec.id, step.index, address);
        out.set(messageId, { messageId, occurrence: spec.id, step: step.index, address });
      }
    }
  }
  return out;
}

/**
 * The emails the workflows decided not to send (domain/catch-up.ts: superseded by a later notice,
 * or no longer true after an outage), by Message-ID: what an outage may leave out of the sink.
 */
export function skippedMail(states: readonly OccurrenceState[]): Set<string> {
  const out = new Set<string>();
  for (const state of states) {
    for (const step of state.steps) {
      for (const { body } of step.skipped ?? []) out.add(messageIdFor(state.spec.plan, state.spec.id, step.index, `${body}@${FAULT_DOMAIN}`));
    }
  }
  return out;
}

export interface MailTally {
  expected: number;
  /** Messages the sink accepted (copies included). */
  received: number;
  /** Expected messages that arrived at least once. */
  arrived: number;
  missing: ExpectedMail[];
  /** Copies beyond the first of the same Message-ID. */
  duplicates: number;
  duplicateIds: string[];
  /** Messages no spec asked for. */
  unexpected: number;
}

/** What reached the sink against what was expected, by Message-ID. */
export function tallyMail(messages: readonly SinkMessage[], expected: Map<string, ExpectedMail>): MailTally {
  const seen = new Map<string, number>();
  let unexpected = 0;
  for (const m of messages) {
    const id = m.parsed.messageId ?? '';
    const formatted = id.startsWith('<') ? id : `<${id}>`;
    if (!expected.has(formatted)) unexpected++;
    seen.set(formatted, (seen.get(formatted) ?? 0) + 1);
  }
  const duplicateIds = [...seen].filter(([id, n]) => n > 1 && expected.has(id)).map(([id]) => id);
  return {
    expected: expected.size,
    received: messages.length,
    arrived: [...expected.keys()].filter((id) => seen.has(id)).length,
    missing: [...expected.values()].filter((e) => !seen.has(e.messageId)),
    duplicates: duplicateIds.reduce((n, id) => n + seen.get(id)! - 1, 0),
    duplicateIds,
    unexpected,
  };
}

/**
 * Drill-like occurrences of every target of `obligations` (one per unit), all opened at
 * `nowMs` with the same step length: their notices fall due in the same instants — a burst
 * per step. Distinct ids (`drillSpec` adds a random tail).
 */
export function burstSpecs(index: PlanIndex, obligations: readonly string[], nowMs: number, stepMs: number): OccurrenceSpec[] {
  const specs: OccurrenceSpec[] = [];
  for (const obligation of obligations) {
    const units = [...new Set(index.targets(obligation).map((t) => t.unit))];
    for (const unit of units) specs.push(drillSpec(index, obligation, unit, nowMs, stepMs, drillTail()));
  }
  return specs;
}

export interface WorkerProcess {
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when a line matching `re` has been printed. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with how it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

export interface WorkerProcessOptions {
  temporalAddress: string;
  taskQueue: string;
  dataDir: string;
  smtpUrl: string;
  bundlePath: string;
  /** Morning digests on, gathering this many seconds (default: off). */
  digestWindowS?: number;
}

/** Starts test/helpers/fault-worker.ts as `node --import tsx …` (one process: a SIGKILL reaches the worker itself). */
export function spawnWorker(opts: WorkerProcessOptions): WorkerProcess {
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TEMPORAL_') && !k.startsWith('DONDOC_') && k !== 'SMTP_URL')),
    TEMPORAL_ADDRESS: opts.temporalAddress,
    DONDOC_TASK_QUEUE: opts.taskQueue,
    DONDOC_DATA_DIR: opts.dataDir,
    SMTP_URL: opts.smtpUrl,
    DONDOC_LINK_SECRET: FAULT_SECRET,
    DONDOC_FAULT_BUNDLE: opts.bundlePath,
    ...(opts.digestWindowS ? { DONDOC_FAULT_DIGEST: 'on', DONDOC_DIGEST_WINDOW: String(opts.digestWindowS) } : {}),
    NO_COLOR: '1',
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/fault-worker.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const l of listeners) l();
      resolve({ code, signal });
    }),
  );
  return {
    pid: child.pid!,
    output: () => out,
    exited,
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    waitFor(re, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (re.test(out)) {
            done();
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`the worker process exited before printing ${re}:\n${out.slice(-3000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`the worker process did not print ${re} in ${timeoutMs} ms:\n${out.slice(-3000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}
