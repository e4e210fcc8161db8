/** Runs the `dondoc` command in-process through cli/main.ts, capturing what it prints. */
import { vi } from 'vitest';
import { main } from '../../../cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `dondoc …args`: exit code, stdout and stderr (process.exitCode is restored afterwards). */
export async function dondoc(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const capture = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (stdout += s)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (stderr += s)));
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'dondoc', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = saved;
  }
}
