import type { Logger } from '../logger';
import { sweepExpired } from '../store/sweeper';
import { finishInterruptedMerges } from './linking-service';
import { queueMissedStatusNotifications } from './notification-service';
import { recoverStalePendingOrders } from './order-service';

/** How far back a maintenance run looks for status changes whose notification a crash may have lost. */
const NOTIFICATION_CATCH_UP_MS = 60 * 60_000;

/** Housekeeping that every database we run on needs done by us: expiry (no TTL indexes) and crash recovery. */
export async function runMaintenance(now = new Date()) {
  const expired = await sweepExpired(now);
  const recoveredOrders = await recoverStalePendingOrders(undefined, now);
  const notificationsChecked = await queueMissedStatusNotifications(new Date(now.getTime() - NOTIFICATION_CATCH_UP_MS), now);
  const finishedMerges = await finishInterruptedMerges(now);
  return { expired, recoveredOrders, notificationsChecked, finishedMerges };
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
