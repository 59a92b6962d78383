/**
 * Runs `run` every `intervalMs` until the returned function is called. A run still going when the
 * next tick comes skips that tick, so runs never overlap; stopping resolves once the run in flight has
 * finished, so a shutdown waits for it before the database closes. A failed run goes to `onError` and
 * the next tick tries again. The timer never keeps the process alive on its own.
 */
export function repeatEvery(intervalMs: number, run: () => Promise<void>, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= run()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
