/**
 * Runs `task` every `intervalMs` until stopped, never two at once: a tick that finds the
 * previous one still running is skipped. A failing run is reported to `onError` and
 * retried at the next tick. Stopping waits for a run in progress, so that whatever it uses
 * (the database) can be closed after.
 */
export function repeatEvery(intervalMs: number, task: () => Promise<unknown>, onError: (err: unknown) => void, { immediately = false } = {}): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = task()
      .then(() => undefined, onError)
      .finally(() => {
        running = null;
      });
  };
  if (immediately) tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
