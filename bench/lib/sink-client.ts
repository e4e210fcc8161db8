/**
 * The parent's side of bench/lib/smtp-sink-process.ts: forks the sink and asks it over IPC.
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';

/** One message as the sink saw it arrive. */
export interface Received {
  at: number;
  messageId: string;
  occurrence: string;
  step: string;
  from: string;
  to: string[];
}

export function forkSink() {
  const child = fork(path.join(__dirname, 'smtp-sink-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const on = (m: { type?: string }) => {
        if (m?.type === type || (type === 'clear' && m?.type === 'cleared')) {
          child.off('message', on);
          resolve(m as T);
        }
      };
      child.on('message', on);
      child.send({ type });
    });
  const port = new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return { child, port, ask };
}
