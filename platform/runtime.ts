import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

let installed = false;

/**
 * Installs the Temporal runtime once per process with one log level for the SDK and its
 * native core, the core's lines forwarded to the same logger (stderr). Without this, the
 * core prints its own warnings to stdout, which would corrupt `--json` output.
 */
export function installRuntime(level: LogLevel): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger(level, ({ level: l, message, meta }) => {
      process.stderr.write(`${new Date().toISOString()} [${l}] ${message}${meta && Object.keys(meta).length ? ` ${JSON.stringify(meta)}` : ''}\n`);
    }),
    telemetryOptions: { logging: { filter: { core: level, other: level }, forward: {} } },
  });
}
