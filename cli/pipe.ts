let pipeGuarded = false;

/** `dondoc … | head` closes stdout early: stop quietly instead of crashing on EPIPE. */
export function quietWhenPipeCloses(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}
