import type { Logger } from '../logger';
import { sweepExpired } from '../store/sweeper';
import { queueBirthdayMessages, queueCartReminders } from './campaigns';
import { finishInterruptedMerges } from './customers';
import { resumeUnfinishedOrders } from './orders';
import { expirePaymentHolds, reconcileYesterday } from './payments';
import type { CommerceSettings } from './settings';
import { repeatEvery } from '../repeat';

/**
 * Housekeeping that every database we run on needs done by us: expiry (no TTL indexes), finishing use
 * cases a crash stopped and, with `settings`, expiring holds waiting for payment and queuing due
 * abandoned-cart reminders and the day's birthday messages.
 */
export async function runMaintenance(now = new Date(), settings?: CommerceSettings) {
  const expired = await sweepExpired(now);
  const resumedOrders = await resumeUnfinishedOrders(now);
  const finishedMerges = await finishInterruptedMerges(now);
  // After resuming: a placement a crash stopped is whole before its hold is judged.
  const expiredPaymentHolds = settings ? await expirePaymentHolds(settings, now) : 0;
  // Once a day (the first run after midnight UTC): Stripe's payments of yesterday against our orders.
  const reconciliation = settings ? await reconcileYesterday(settings, now) : null;
  const cartReminders = settings ? await queueCartReminders(now, settings.cartReminderAfterHours) : 0;
  // Once a day (the first run after midnight UTC): the birthdays of today and tomorrow around the world.
  const birthdayMessages = settings && settings.birthdayLocalHour !== null ? await queueBirthdayMessages(now, settings.birthdayLocalHour) : 0;
  return { expired, resumedOrders, finishedMerges, expiredPaymentHolds, paymentMismatches: reconciliation?.mismatches ?? [], cartReminders, birthdayMessages };
}

/** Runs maintenance on an interval; the returned function stops it. A failed run is logged and retried next time. */
export function startMaintenance(intervalMs: number, log: Logger, settings?: CommerceSettings): () => Promise<void> {
  // Stopping resolves once the run in flight has finished (a shutdown waits for it before the counts are flushed and the database closes).
  return repeatEvery(
    intervalMs,
    async () => {
      const result = await runMaintenance(new Date(), settings);
      // Mismatches name order numbers and Stripe ids only: nothing about a card or a person.
      if (result.paymentMismatches.length > 0) log.warn({ mismatches: result.paymentMismatches }, 'payment reconciliation found mismatches');
      log.debug(result, 'maintenance done');
    },
    (error) => log.warn({ err: error }, 'maintenance failed; retrying next interval'),
  );
}
