import type { Logger } from '../logger';
import { sweepExpired } from '../store/sweeper';
import { finishInterruptedMerges } from './customers';
import { resumeUnfinishedOrders } from './orders';

/** Housekeeping that every database we run on needs done by us: expiry (no TTL indexes) and finishing use cases a crash stopped. */
export async function runMaintenance(now = new Date()) {
  const expired = await sweepExpired(now);
  const resumedOrders = await resumeUnfinishedOrders(now);
  const finishedMerges = await finishInterruptedMerges(now);
  return { expired, resumedOrders, finishedMerges };
}

/** Runs maintenance on an interval; the returned function stops it. A failed run is logged and retried next time. */
export function startMaintenance(intervalMs: number, log: Logger): () => void {
  const timer = setInterval(() => {
    runMaintenance().then(
      (result) => log.debug(result, 'maintenance done'),
      (error: unknown) => log.warn({ err: error }, 'maintenance failed; retrying next interval'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
