import type { Logger } from '../logger';

/**
 * Work a webhook starts after it has already answered 200 (platforms want a fast acknowledgement).
 * Tracked so a graceful shutdown, and a test, can wait until it is done.
 */
const pending = new Set<Promise<void>>();
/** The last queued piece of work per key, so the next one waits for it. */
const tails = new Map<string, Promise<void>>();

function track(work: Promise<void>): void {
  const tracked = work.finally(() => pending.delete(tracked));
  pending.add(tracked);
}

/**
 * Runs after the response, one after another per key (a customer): two messages from one person
 * never race on their dialog state, and their replies keep the order they were written in.
 */
export function inBackgroundInOrder(key: string, work: () => Promise<void>, log: Logger): void {
  const previous = tails.get(key) ?? Promise.resolve();
  const mine = previous.then(work).catch((error: unknown) => log.error({ err: error }, 'background work failed'));
  tails.set(key, mine);
  track(
    mine.finally(() => {
      if (tails.get(key) === mine) tails.delete(key);
    }),
  );
}

export async function drainBackground(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
