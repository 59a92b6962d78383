import { createHash, randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import Stripe from 'stripe';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import type { OrderStatus } from '../../core/order-rules';
import { claimEvent, claimEventKeepingAnswer, keepEventAnswer, releaseEvent } from '../../store/event-store';
import { giveBackLease, takeLease } from '../../store/lease';
import { findOrderById } from '../../store/order-store';
import { clearHold, findPayment, findPaymentByIntent, recordRefund, updatePayment } from '../../store/payment-store';
import { queueStaffAlert } from '../notifications';
import { advanceOrder } from '../orders';
import type { CommerceSettings } from '../settings';
import { payByLinkAfterFailedCharge } from './payment-service';
import { refundPayment } from './refund-service';
import { saveCardFromSetup } from './card-service';
import { stripeClient, type StripeSettings } from './stripe-client';

/** Stripe's own default, and what its docs recommend: a signature older than five minutes is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Claims under these names are the dedupe of events (by id) and of signature headers (a byte-identical replay). */
const EVENT_CLAIMS = 'stripe';
const SIGNATURE_CLAIMS = 'stripe-signature';
/** Stripe retries a live-mode event for up to three days; its id is remembered a day longer. */
const EVENT_MEMORY_MS = 4 * 24 * 60 * 60_000;
/**
 * How long one delivery may work on an event before a redelivery may take it over: an attempt that
 * died without giving its claim back (a crash, a killed process) would otherwise leave the event
 * answering 409 until the claim expires. Well above what handling an event takes (a few Stripe calls).
 */
export const STRIPE_EVENT_LEASE_MS = 10 * 60_000;

/** The lease a delivery works an event under (store/lease.ts): one holder at a time across processes. */
export function stripeEventLease(eventId: string): string {
  return `stripe-event:${eventId}`;
}

/** The envelope every Stripe event has; each handled type then reads its object through the library's types. */
const STRIPE_EVENT = z.looseObject({ id: z.string().regex(/^evt_\w{1,255}$/), type: z.string().min(1).max(100), data: z.looseObject({ object: z.looseObject({ object: z.string() }) }) });

export type WebhookOutcome = { received: true; duplicate: boolean; type: string };

/**
 * POST /stripe/webhook: the Stripe-Signature header is verified over the raw body by the library's
 * `constructEvent` (HMAC-SHA256 under the webhook secret, timestamp within 300 s) before anything
 * is read or written; a header seen before is a replay and refused too (Stripe signs each delivery
 * anew). The event's id is then claimed, so a redelivered event is acknowledged and nothing runs
 * twice; a failure gives the claim back and answers 500, so Stripe delivers it again.
 */
export async function receiveStripeWebhook(rawBody: Buffer, signature: string | undefined, settings: CommerceSettings, now = new Date()): Promise<WebhookOutcome> {
  if (settings.payments.provider !== 'stripe') throw new AppError('NOT_FOUND', 'Payments are off.');
  const stripeSettings = settings.payments;
  if (!signature) throw new AppError('UNAUTHENTICATED', 'The Stripe-Signature header is missing.');
  let event: Stripe.Event;
  try {
    event = stripeClient(stripeSettings).webhooks.constructEvent(rawBody, signature, stripeSettings.webhookSecret, SIGNATURE_TOLERANCE_SECONDS, undefined, now.getTime());
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw new AppError('REQUEST_NOT_VERIFIED', 'The Stripe-Signature header did not verify.', { reason: /tolerance/i.test(error.message) ? 'timestamp outside the tolerance' : 'signature mismatch' });
    throw new AppError('MALFORMED_BODY', 'The body is not a Stripe event.');
  }
  if (!STRIPE_EVENT.safeParse(event).success) throw new AppError('VALIDATION_FAILED', 'The body is not a Stripe event.');
  if (!(await claimEvent(SIGNATURE_CLAIMS, createHash('sha256').update(signature).digest('base64url'), now))) {
    throw new AppError('REQUEST_NOT_VERIFIED', 'This Stripe-Signature was already used.', { reason: 'replayed signature' });
  }
  // The claim has a state: a redelivery is acknowledged as a duplicate only once the first delivery
  // is done; while it is still running the redelivery gets a 409, so Stripe delivers again later
  // (if the running attempt fails it gives the claim back, and that later delivery does the work).
  // Whoever holds the event's lease works it: the first delivery, or a redelivery once a dead attempt's lease has run out.
  const claim = await claimEventKeepingAnswer(EVENT_CLAIMS, event.id, { type: event.type }, new Date(now.getTime() + EVENT_MEMORY_MS), now);
  if (claim.kind !== 'first' && claim.kind !== 'pending') return { received: true, duplicate: true, type: event.type };
  const lease = stripeEventLease(event.id);
  const worker = randomUUID();
  if (!(await takeLease(lease, worker, now, STRIPE_EVENT_LEASE_MS))) throw new AppError('CONFLICT', 'This Stripe event is still being processed; deliver it again later.');
  try {
    await handleEvent(event, stripeSettings, now);
  } catch (error) {
    await releaseEvent(EVENT_CLAIMS, event.id);
    await giveBackLease(lease, worker, now);
    throw error;
  }
  await keepEventAnswer(EVENT_CLAIMS, event.id, 'done');
  return { received: true, duplicate: false, type: event.type };
}

async function handleEvent(event: Stripe.Event, settings: StripeSettings, now: Date): Promise<void> {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      if (session.mode === 'setup') return saveCardFromSetup(session, settings);
      if (session.mode === 'payment' && session.payment_status === 'paid') {
        const intentId = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
        return orderPaid(session.metadata?.order_id, { amountMinor: session.amount_total ?? 0, paymentIntentId: intentId }, settings, now);
      }
      return;
    }
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      return orderPaid(intent.metadata.order_id, { amountMinor: intent.amount_received, paymentIntentId: intent.id }, settings, now);
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const payment = await findPaymentByIntent(intent.id);
      const order = payment ? await findOrderById(payment._id) : null;
      if (payment && order) await payByLinkAfterFailedCharge(order, payment, settings, now);
      return;
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      return chargeRefunded(charge, now);
    }
    case 'refund.updated':
    case 'refund.failed': {
      // A refund that failed or was cancelled no longer counts against what is left to refund.
      const refund = event.data.object;
      const intentId = typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
      const payment = intentId ? await findPaymentByIntent(intentId) : null;
      if (payment && refund.status) await recordRefund(payment._id, { refundId: refund.id, amountMinor: refund.amount, status: refund.status });
      return;
    }
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      const intentId = typeof dispute.payment_intent === 'string' ? dispute.payment_intent : dispute.payment_intent?.id;
      const payment = intentId ? await findPaymentByIntent(intentId) : null;
      if (!payment) return;
      await updatePayment(payment._id, { disputed: true });
      await queueStaffAlert(payment, `Stripe dispute ${dispute.id} (${dispute.reason}) for ${dispute.amount} ${dispute.currency.toUpperCase()}; answer it in the Stripe Dashboard.`, dispute.id, now);
      return;
    }
    default:
      // checkout.session.expired needs nothing here: the hold's expiry releases the stock.
      return;
  }
}

/**
 * Stripe took the money for an order: the payment is succeeded and its hold over, and the order
 * becomes paid (its notification queued) once, whichever of checkout.session.completed and
 * payment_intent.succeeded comes first. An order already cancelled (the hold expired, the customer
 * cancelled) is refunded in full instead.
 */
async function orderPaid(orderIdText: string | undefined, paid: { amountMinor: number; paymentIntentId?: string }, settings: StripeSettings, now: Date): Promise<void> {
  if (!orderIdText || !Types.ObjectId.isValid(orderIdText)) return;
  const orderId = new Types.ObjectId(orderIdText);
  const [order, payment] = await Promise.all([findOrderById(orderId), findPayment(orderId)]);
  if (!order || !payment) return;
  if (order.status === 'pending') throw new Error(`order ${order.orderNumber} is still being placed; Stripe will deliver this event again`);
  await updatePayment(orderId, { status: 'succeeded', paidMinor: paid.amountMinor, ...(paid.paymentIntentId ? { paymentIntentId: paid.paymentIntentId } : {}) });
  await clearHold(orderId);
  const status = order.status as OrderStatus;
  if (status === 'placed' || status === 'awaiting_payment') {
    const change = await advanceOrder(orderId, 'paid', 'system:stripe', {}, now);
    if (change.changed || change.current !== 'cancelled') return;
  } else if (status !== 'cancelled' && status !== 'failed') {
    return;
  }
  // Paid for an order that no longer stands: the money goes back at once.
  await refundPayment({ ...payment, status: 'succeeded', paidMinor: paid.amountMinor, paymentIntentId: paid.paymentIntentId ?? payment.paymentIntentId }, undefined, settings);
}

/** Stripe confirms a refund: what it says was refunded is recorded, and a cancelled or returned order becomes refunded once all that was paid is refunded (notified as any status change). */
async function chargeRefunded(charge: Stripe.Charge, now: Date): Promise<void> {
  const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
  const payment = intentId ? await findPaymentByIntent(intentId) : null;
  if (!payment || charge.amount_refunded <= 0) return;
  await updatePayment(payment._id, { refundedMinor: Math.max(payment.refundedMinor ?? 0, charge.amount_refunded) });
  // A partial refund (a return of some items) leaves the order as it is: refunded means all of it.
  if (charge.amount_refunded < (payment.paidMinor ?? charge.amount)) return;
  const order = await findOrderById(payment._id);
  if (order && (order.status === 'cancelled' || order.status === 'returned')) await advanceOrder(order._id, 'refunded', 'system:stripe', { note: `refunded ${charge.amount_refunded} of ${charge.amount}` }, now);
}
