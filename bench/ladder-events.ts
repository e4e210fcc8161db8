/**
 * History events of occurrences that run their whole ladder, on the embedded dev server
 * (in memory): a drill (cli/commands/drill.ts drillSpec: the obligation's real ladder, one
 * working day = `--step-ms`) per obligation, for its first target, nobody answering; then
 * each history's length and event types. Prints one JSON line.
 *
 *   npx tsx bench/ladder-events.ts [--step-ms 1000]
 */
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { drillSpec } from '../domain/drill';
import { drillTail } from '../platform/drill-tail';
import { loadConfig } from '../config/load';
import { createActivities } from '../activities';
import { captureNotifier } from '../activities/notify';
import { startDevServer } from '../platform/dev-server';
import { installRuntime } from '../platform/runtime';
import { ensureSearchAttributes } from '../platform/search-attributes';
import { toolchain } from '../platform/toolchain';
import { startOccurrence } from '../client/start';
import { createDondocWorker } from '../workers/worker';
import { planIndex } from './lib/specs';

async function main() {
  const { values } = parseArgs({ options: { 'step-ms': { type: 'string', default: '1000' }, port: { type: 'string', default: '17273' } } });
  installRuntime('WARN');
  const dev = await startDevServer({ cli: toolchain().temporalCli, port: Number(values.port) });
  const connection = await Connection.connect({ address: dev.address });
  const native = await NativeConnection.connect({ address: dev.address });
  try {
    await ensureSearchAttributes(connection, 'default');
    const client = new Client({ connection });
    const { config } = loadConfig();
    const index = planIndex(config);
    const taskQueue = 'dondoc-ladder-events';
    const worker = await createDondocWorker({
      connection: native,
      namespace: 'default',
      taskQueue,
      activities: createActivities({ plan: { current: () => index }, notifier: captureNotifier(), client, taskQueue }),
    });
    const rows = await worker.runUntil(async () => {
      const specs = config.plan.obligations.map((o) => drillSpec(index, o.id, index.targets(o.id)[0]!.unit, Date.now(), Number(values['step-ms']), drillTail()));
      const handles = await Promise.all(
        specs.map((spec) =>
          startOccurrence(client, spec, { taskQueue }),
        ),
      );
      await Promise.all(handles.map((h) => h.result()));
      return Promise.all(
        specs.map(async (spec, i) => {
          const history = await handles[i]!.fetchHistory();
          const types: Record<string, number> = {};
          for (const e of history.events ?? []) {
            const name = String(e.eventType ?? '').replace(/^EVENT_TYPE_/, '');
            types[name] = (types[name] ?? 0) + 1;
          }
          return { obligation: spec.obligation, steps: spec.steps.length, notices: spec.steps.filter((s) => s.kind !== 'close').length, events: history.events?.length ?? 0, types };
        }),
      );
    });
    console.log(JSON.stringify({ bench: 'ladder-events', stepMs: Number(values['step-ms']), occurrences: rows, date: new Date().toISOString() }));
  } finally {
    await native.close();
    await connection.close();
    await dev.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
