/**
 * A test file's mail rig on the run's dev server: a loopback SMTP sink (test/helpers/smtp-sink.ts)
 * and workers whose activities send through the production email notifier to it — with morning
 * digests (the mailbox workflow) when a window is given. Sink, transports and ledgers are closed
 * and removed after the file's tests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { createActivities } from '../../activities';
import { MailLedger } from '../../activities/email/ledger';
import { emailNotifier } from '../../activities/email/notifier';
import { smtpTransport, type MailTransport } from '../../activities/email/transport';
import { mailboxQueue } from '../../activities/mailbox-queue';
import { staticPlanSource } from '../../config/plan-source';
import type { Config } from '../../domain/model';
import { FROM, LINKS } from '../unit/email/fixtures';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { bundledWorker } from './temporal';

export interface MailRig {
  readonly sink: SmtpSink;
  /** A worker on `taskQueue` for `config` (give it real contacts), sending to the sink; digests gathered `digestWindowMs` when given. */
  worker(env: TestWorkflowEnvironment, opts: { config: Config; taskQueue: string; digestWindowMs?: number }): Promise<Worker>;
}

export function useMailRig(): MailRig {
  let sink: SmtpSink | undefined;
  const transports: MailTransport[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-mail-rig-'));
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    for (const t of transports) await t.close();
    await sink?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get sink() {
      if (!sink) throw new Error('useMailRig: the sink starts in beforeAll; use it inside tests');
      return sink;
    },
    async worker(env, { config, taskQueue, digestWindowMs }) {
      const plan = staticPlanSource(config);
      const transport = smtpTransport(this.sink.url);
      transports.push(transport);
      const notifier = emailNotifier({
        plan,
        transport,
        ledger: MailLedger.inDataDir(path.join(dataDir, taskQueue)),
        links: LINKS,
        from: FROM,
        log: () => {},
        ...(digestWindowMs ? { digests: mailboxQueue(env.client, taskQueue, digestWindowMs) } : {}),
      });
      const { worker } = await bundledWorker(env, { taskQueue, activities: createActivities({ plan, notifier, client: env.client, taskQueue }) });
      return worker;
    },
  };
}
