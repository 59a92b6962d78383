import type { Logger } from '../logger';

/**
 * Work a webhook starts after it has already answered 200 (platforms want a fast acknowledgement).
 * Tracked so a graceful shutdown, and a test, can wait until it is done.
 */
const pending = new Set<Promise<void>>();

export function inBackground(work: () => Promise<void>, log: Logger): void {
  const running: Promise<void> = work()
    .catch((error: unknown) => log.error({ err: error }, 'background work failed'))
    .finally(() => pending.delete(running));
  pending.add(running);
}

export async function drainBackground(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
