import type { Logger } from '../logger';
import { sweepExpired } from '../store/sweeper';
import { queueCartReminders } from './campaigns';
import { finishInterruptedMerges } from './customers';
import { resumeUnfinishedOrders } from './orders';

/** What maintenance needs of the configuration. */
export interface MaintenanceSettings {
  /** Hours before an abandoned cart's reminder is queued (CART_REMINDER_AFTER_HOURS). */
  cartReminderAfterHours: number;
}

/**
 * Housekeeping that every database we run on needs done by us: expiry (no TTL indexes), finishing use
 * cases a crash stopped, and queuing due abandoned-cart reminders.
 */
export async function runMaintenance(now = new Date(), settings: MaintenanceSettings = { cartReminderAfterHours: 4 }) {
  const expired = await sweepExpired(now);
  const resumedOrders = await resumeUnfinishedOrders(now);
  const finishedMerges = await finishInterruptedMerges(now);
  const cartReminders = await queueCartReminders(now, settings.cartReminderAfterHours);
  return { expired, resumedOrders, finishedMerges, cartReminders };
}

/** Runs maintenance on an interval; the returned function stops it. A failed run is logged and retried next time. */
export function startMaintenance(intervalMs: number, log: Logger, settings?: MaintenanceSettings): () => void {
  const timer = setInterval(() => {
    runMaintenance(new Date(), settings).then(
      (result) => log.debug(result, 'maintenance done'),
      (error: unknown) => log.warn({ err: error }, 'maintenance failed; retrying next interval'),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
