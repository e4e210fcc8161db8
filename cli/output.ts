/**
 * What a command prints. Every command returns a `Printed` — its standard output, its
 * standard error and its exit code — and `emit` is the one place that writes them. A failure
 * anywhere below a command is a `CliError`, printed as one line `dondoc <command>: <message>`.
 * A configuration that does not load is printed the same way by every command: each issue as
 * `file:line:col: path: message`, then how many, exit 2. (The progress counter of a long command is not output: it goes to a terminal's stderr as it
 * happens, cli/progress.ts.)
 */
import { ConfigError, formatIssue, type ConfigIssue } from '../config/errors';

export interface Printed {
  /** Standard output: text, or bytes (a report as DOCX). */
  out: string | Uint8Array;
  /** Standard error: problems, warnings, a summary beside what stdout carries. */
  err: string;
  code: number;
}

/** A command's refusal: its message (without the `dondoc <command>:` prefix) and exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Success: what goes to stdout, and to stderr beside it. */
export function printed(out: string | Uint8Array = '', err = ''): Printed {
  return { out, err, code: 0 };
}

/** A refusal as printed: one line per message line, each under the command's name. */
export function refusal(command: string, error: CliError): Printed {
  return { out: '', err: `dondoc ${command}: ${error.message}\n`, code: error.exitCode };
}

/** Every issue of a configuration, one a line, then how many: what stderr says when it does not load. */
export function configProblems(issues: readonly ConfigIssue[]): string {
  return `${issues.map((issue) => `${formatIssue(issue)}\n`).join('')}Cấu hình không hợp lệ: ${issues.length} lỗi.\n`;
}

/** Runs a command's body: what it prints, its CliError as a refusal, or the issues of a configuration that does not load. */
export async function outcome(command: string, body: () => Printed | Promise<Printed>): Promise<Printed> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CliError) return refusal(command, err);
    if (err instanceof ConfigError) return { out: '', err: configProblems(err.issues), code: 2 };
    throw err;
  }
}

export interface Streams {
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string | Uint8Array): unknown };
}

let pipeGuarded = false;

/** `dondoc … | head` closes stdout early: stop quietly instead of crashing on EPIPE. */
function quietWhenPipeCloses(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}

/** The one place that writes a command's output: stdout, stderr, then the exit code. */
export function emit(p: Printed, streams: Streams = process): void {
  if (streams === process) quietWhenPipeCloses();
  if (p.out.length > 0) streams.stdout.write(p.out);
  if (p.err.length > 0) streams.stderr.write(p.err);
  process.exitCode = p.code;
}

/** A commander action for a command: runs its body and emits what it prints. */
export function action<A extends unknown[]>(command: string, body: (...args: A) => Printed | Promise<Printed>): (...args: A) => Promise<void> {
  return async (...args: A) => emit(await outcome(command, () => body(...args)));
}
