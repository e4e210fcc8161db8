/** A one-line progress counter on a terminal's stderr; silent when not a TTY or with --json. */
export function progressReporter(label: string, quiet: boolean): ((done: number, total: number) => void) & { end(): void } {
  const tty = !quiet && process.stderr.isTTY;
  let last = 0;
  const report = (done: number, total: number) => {
    if (!tty) return;
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    process.stderr.write(`\r${label}: ${done}/${total}`);
  };
  return Object.assign(report, {
    end() {
      if (tty) process.stderr.write('\n');
    },
  });
}
