/**
 * Work a webhook starts after it has already answered 200 (platforms want a fast acknowledgement):
 * the inbound queue's lane runs. Tracked so a graceful shutdown, and a test, can wait until it is done.
 */
const pending = new Set<Promise<void>>();

export function track(work: Promise<void>): void {
  const tracked = work.finally(() => pending.delete(tracked));
  pending.add(tracked);
}

/**
 * Resolves once no tracked work is left: every recorded event this process started on is worked (or
 * waiting for a retry that is not due yet). Work started while waiting is waited for too.
 */
export async function drainBackground(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
