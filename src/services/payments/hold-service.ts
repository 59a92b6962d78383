import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { giveBackLease, takeLease } from '../../store/lease';
import { clearHold, HOLD_BUCKET_MS, holdsEndingIn, updatePayment, type PaymentRecord } from '../../store/payment-store';
import { scanBuckets } from '../../store/time-buckets';
import { advanceOrder } from '../orders';
import type { CommerceSettings } from '../settings';
import { stripeClient, type StripeSettings } from './stripe-client';

const HOLD_LEASE = 'maintenance:payment-holds';
const HOLD_LEASE_MS = 5 * 60_000;
/** One-minute buckets; after an outage a run catches up two hours of them. */
const HOLD_SCAN = { name: 'payments:holds', sizeMs: HOLD_BUCKET_MS, overlap: 2, maxBuckets: 120 };

/**
 * An order that waited for payment past its hold: its Checkout Session is expired at Stripe (so the
 * link stops working), then the order is cancelled, which gives its stock back and tells the customer
 * (the cancellation's notification). A session Stripe says is already complete is left for its
 * webhook. Found by equality on the hold's minute bucket; one maintainer at a time. Returns how many expired.
 */
export async function expirePaymentHolds(settings: CommerceSettings, now = new Date()): Promise<number> {
  if (settings.payments.provider !== 'stripe') return 0;
  const stripeSettings = settings.payments;
  const owner = randomUUID();
  if (!(await takeLease(HOLD_LEASE, owner, now, HOLD_LEASE_MS))) return 0;
  let expired = 0;
  try {
    await scanBuckets(HOLD_SCAN, now, async (bucket) => {
      let waiting = 0;
      for (const payment of await holdsEndingIn(bucket)) {
        if (payment.holdUntil! > now) waiting++;
        else if (await expireHold(payment, stripeSettings, now)) expired++;
      }
      return waiting === 0;
    });
  } finally {
    await giveBackLease(HOLD_LEASE, owner, now);
  }
  return expired;
}

async function expireHold(payment: PaymentRecord, settings: StripeSettings, now: Date): Promise<boolean> {
  if (payment.status === 'succeeded') {
    await clearHold(payment._id);
    return false;
  }
  if (payment.checkoutSessionId && !(await expireSession(payment.checkoutSessionId, settings))) return false;
  await advanceOrder(payment._id, 'cancelled', 'system:payment-expired', { note: 'not paid within the hold' }, now);
  await updatePayment(payment._id, { status: 'expired' });
  await clearHold(payment._id);
  return true;
}

/** True when the session can no longer be paid (expired now or before); false when Stripe says it was completed. */
async function expireSession(sessionId: string, settings: StripeSettings): Promise<boolean> {
  const sessions = stripeClient(settings).checkout.sessions;
  try {
    await sessions.expire(sessionId);
    return true;
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
    // Only open sessions can be expired: one that is not open either expired by itself or was paid.
    return (await sessions.retrieve(sessionId)).status === 'expired';
  }
}
