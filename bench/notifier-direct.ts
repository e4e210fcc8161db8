/**
 * Diagnostic for the burst: the same N reminder emails as bench/burst.ts, sent by the real
 * email notifier called directly (no Temporal), `--concurrency` at a time (the worker runs up
 * to 100 local activities at once), to the same kind of loopback sink; then bare nodemailer
 * with the same raw messages. Splits the burst's time between the notifier and the rest.
 *
 *   npx tsx bench/notifier-direct.ts [--count 1000] [--concurrency 100] [--ledger-dir DIR] [--cpu-prof FILE]
 *
 * `--cpu-prof FILE` writes a V8 CPU profile of the notifier phase only (from the first
 * deliver to the last; not the set-up nor the bare nodemailer phase), for DevTools or
 * any .cpuprofile reader.
 */
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as nodemailer from 'nodemailer';
import { loadConfig } from '../config/load';
import { createMailNotifier } from '../activities/email';
import { loadavg, percentile } from './lib/proc';
import { forkSink } from './lib/sink-client';
import { cycled, planIndex, pool, withRealContacts, yearSpecs } from './lib/specs';

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '100' },
      'ledger-dir': { type: 'string', default: '/tmp/dondoc-bench/notifier-direct' },
      'cpu-prof': { type: 'string' },
    },
  });
  const dir = path.resolve(values['ledger-dir']!);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { child, ask, port: listening } = forkSink();
  const port = await listening;
  const { config } = loadConfig();
  const index = planIndex(withRealContacts(config));
  const base = yearSpecs(index).filter((s) => s.steps[0]?.kind === 'reminder' && s.steps[0].to.length > 0);
  const specs = cycled(base, Number(values.count), `bench/direct/${Date.now().toString(36)}`);
  const mail = createMailNotifier(
    {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'dondoc <dondoc@bench.dondoc.vn>',
      MAIL_REPLY_TO: undefined,
      DONDOC_LINK_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
      DONDOC_PUBLIC_URL: 'http://localhost:18080',
      dataDir: dir,
    },
    { current: () => index },
    { log: () => {} },
  );
  const profiler = values['cpu-prof'] ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const loadBefore = loadavg();
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const lat = await pool(specs, Number(values.concurrency), async (s) => {
    const { steps, ...occurrence } = s;
    await mail.deliver({ occurrence, step: { ...steps[0]!, to: steps[0]!.to.slice(0, 1) }, logicalAtMs: steps[0]!.atMs });
  });
  const notifierS = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    fs.writeFileSync(path.resolve(values['cpu-prof']!), JSON.stringify(profile));
    profiler.disconnect();
  }
  await mail.close();
  const { raw } = await ask<{ raw: string[] }>('raw');
  const { messages } = await ask<{ messages: { from: string; to: string[] }[] }>('report');
  await ask('clear');
  const transporter = nodemailer.createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: 3 });
  const t1 = Date.now();
  const bareCpu0 = process.cpuUsage();
  await Promise.all(raw.map((r, i) => transporter.sendMail({ envelope: messages[i]!, raw: Buffer.from(r, 'base64') })));
  const bareS = (Date.now() - t1) / 1000;
  const bareCpu = process.cpuUsage(bareCpu0);
  transporter.close();
  lat.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'notifier-direct',
      count: specs.length,
      concurrency: Number(values.concurrency),
      ledgerDir: dir,
      notifierS,
      notifierCpuS: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
      cpuMsPerMessage: Math.round(((cpu.user + cpu.system) / 1e3 / specs.length) * 100) / 100,
      wallMsPerMessage: Math.round(((notifierS * 1000) / specs.length) * 100) / 100,
      deliverMs: { p50: Math.round(percentile(lat, 50)), p99: Math.round(percentile(lat, 99)) },
      bareNodemailerPool3S: bareS,
      bareCpuMsPerMessage: Math.round(((bareCpu.user + bareCpu.system) / 1e3 / raw.length) * 100) / 100,
      notifierRateAsFractionOfBare: Math.round((bareS / notifierS) * 100) / 100,
      loadBefore,
      loadAfter: loadavg(),
      date: new Date().toISOString(),
    }),
  );
  child.send({ type: 'close' });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
