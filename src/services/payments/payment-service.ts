import type { Types } from 'mongoose';
import Stripe from 'stripe';
import { AppError } from '../../core/errors';
import { findCustomer } from '../../store/customer-store';
import type { OrderRecord } from '../../store/order-store';
import { claimPayment, findPayment, releasePaymentClaim, updatePayment, type PaymentRecord } from '../../store/payment-store';
import { queuePaymentLink } from '../notifications';
import { advanceOrder } from '../orders';
import type { CommerceSettings } from '../settings';
import { stripeAmount, stripeClient, stripeCurrency, type StripeSettings } from './stripe-client';

/** What may be said of a saved card: brand and last four digits (never more reaches us). */
export interface CardFacts {
  brand: string;
  last4: string;
}

/** The customer as a payment needs them: their Stripe customer and the card saved on it, if any. */
export interface Payer {
  stripeCustomerId?: string | null;
  savedCard?: { paymentMethodId?: string | null; brand?: string | null; last4?: string | null } | null;
}

export type PaymentOutcome =
  /** PAYMENTS=off: paid on delivery. */
  | { kind: 'on-delivery' }
  /** The saved card was charged; the order becomes paid when Stripe's webhook confirms it. */
  | { kind: 'charged'; card: CardFacts }
  /** The customer pays on Stripe's page before `holdUntil`; the order waits in awaiting_payment, its stock held. */
  | { kind: 'link'; url: string; holdUntil: Date; why: 'no-card' | 'declined' | 'authentication' }
  /** Another request for the same order is talking to Stripe right now (a repeated yes). */
  | { kind: 'in-progress' };

/** The card a read-back names, when payments are on and the customer has one saved. */
export function usableCard(payer: Payer | null | undefined): (CardFacts & { paymentMethodId: string; stripeCustomerId: string }) | null {
  const card = payer?.savedCard;
  if (!payer?.stripeCustomerId || !card?.paymentMethodId || !card.brand || !card.last4) return null;
  return { paymentMethodId: card.paymentMethodId, brand: card.brand, last4: card.last4, stripeCustomerId: payer.stripeCustomerId };
}

/**
 * The payment step of a placement, once per order: the payment's insert (keyed by the order) is the
 * claim, so of any number of yeses replaying one placement one creates the charge and the rest report
 * it. A saved card is charged off-session for the exact total under an idempotency key derived from
 * the placement key; a decline, a bank asking for authentication, or no card gives a Checkout link
 * for the order's exact lines that expires with the stock hold, and the order waits in
 * awaiting_payment. `tellByNotification`: the customer is on a voice channel, so the link goes to
 * their text channel rather than into the reply.
 */
export async function payForOrder(order: OrderRecord, payer: Payer | null, settings: CommerceSettings, options: { tellByNotification: boolean }, now = new Date()): Promise<PaymentOutcome> {
  if (settings.payments.provider !== 'stripe') return { kind: 'on-delivery' };
  const stripeSettings = settings.payments;
  const card = usableCard(payer);
  const claimed = await claimPayment({ orderId: order._id, customerId: order.customerId, orderNumber: order.orderNumber, method: card ? 'saved-card' : 'link', amountMinor: order.totalMinor, currency: order.currency });
  if (!claimed) return outcomeOf((await findPayment(order._id))!);
  try {
    if (card) {
      const charge = await chargeSavedCard(order, card, stripeSettings);
      if (charge.ok) {
        await updatePayment(order._id, { status: 'processing', paymentIntentId: charge.paymentIntentId });
        return { kind: 'charged', card: { brand: card.brand, last4: card.last4 } };
      }
      return await waitForPaymentByLink(order, payer, stripeSettings, { why: charge.why, paymentIntentId: charge.paymentIntentId, tellByNotification: options.tellByNotification }, now);
    }
    return await waitForPaymentByLink(order, payer, stripeSettings, { why: 'no-card', tellByNotification: options.tellByNotification }, now);
  } catch (error) {
    // Stripe unreachable or refusing our request: the claim goes back, so a repeated yes tries again (under the same idempotency keys).
    await releasePaymentClaim(order._id);
    if (error instanceof Stripe.errors.StripeError) throw new AppError('PAYMENT_UNAVAILABLE', `Stripe refused or did not answer: ${error.type}`);
    throw error;
  }
}

function outcomeOf(payment: PaymentRecord): PaymentOutcome {
  if (payment.status === 'awaiting-customer' && payment.checkoutUrl && payment.holdUntil) return { kind: 'link', url: payment.checkoutUrl, holdUntil: payment.holdUntil, why: payment.method === 'link' ? 'no-card' : 'declined' };
  return { kind: 'in-progress' };
}

type ChargeResult = { ok: true; paymentIntentId: string } | { ok: false; why: 'declined' | 'authentication'; paymentIntentId?: string };

/** An off-session PaymentIntent for the order's exact total, created and confirmed in one request. */
async function chargeSavedCard(order: OrderRecord, card: { paymentMethodId: string; stripeCustomerId: string }, settings: StripeSettings): Promise<ChargeResult> {
  try {
    const intent = await stripeClient(settings).paymentIntents.create(
      {
        amount: stripeAmount(order.totalMinor, order.currency),
        currency: stripeCurrency(order.currency),
        customer: card.stripeCustomerId,
        payment_method: card.paymentMethodId,
        off_session: true,
        confirm: true,
        description: `Order ${order.orderNumber}`,
        metadata: orderMetadata(order),
      },
      { idempotencyKey: `charge:${order.idempotencyKey}` },
    );
    if (intent.status === 'succeeded' || intent.status === 'processing') return { ok: true, paymentIntentId: intent.id };
    return { ok: false, why: intent.status === 'requires_action' ? 'authentication' : 'declined', paymentIntentId: intent.id };
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeCardError)) throw error;
    const authentication = error.code === 'authentication_required' || error.decline_code === 'authentication_required';
    return { ok: false, why: authentication ? 'authentication' : 'declined', paymentIntentId: error.payment_intent?.id };
  }
}

export type CredentialCharge = { ok: true } | { ok: false; reason: 'declined' | 'unavailable' };

/**
 * A payment credential an assistant platform collected (UCP checkout completion) charged for the
 * order's exact total, once per order: the payment's insert is the claim, as at a yes, and the
 * idempotency key comes from the placement key. The buyer is in the platform's checkout, so a decline
 * makes no link: the platform asks its buyer again (the caller cancels the order).
 */
export async function chargePaymentCredential(order: OrderRecord, paymentMethodId: string, settings: CommerceSettings): Promise<CredentialCharge> {
  if (settings.payments.provider !== 'stripe') return { ok: false, reason: 'unavailable' };
  const claimed = await claimPayment({ orderId: order._id, customerId: order.customerId, orderNumber: order.orderNumber, method: 'credential', amountMinor: order.totalMinor, currency: order.currency });
  if (!claimed) {
    const payment = await findPayment(order._id);
    return payment?.status === 'processing' || payment?.status === 'succeeded' ? { ok: true } : { ok: false, reason: 'declined' };
  }
  try {
    const intent = await stripeClient(settings.payments).paymentIntents.create(
      {
        amount: stripeAmount(order.totalMinor, order.currency),
        currency: stripeCurrency(order.currency),
        payment_method: paymentMethodId,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        confirm: true,
        description: `Order ${order.orderNumber}`,
        metadata: orderMetadata(order),
      },
      { idempotencyKey: `charge:${order.idempotencyKey}` },
    );
    if (intent.status === 'succeeded' || intent.status === 'processing') {
      await updatePayment(order._id, { status: 'processing', paymentIntentId: intent.id });
      return { ok: true };
    }
    await releasePaymentClaim(order._id);
    return { ok: false, reason: 'declined' };
  } catch (error) {
    await releasePaymentClaim(order._id);
    if (error instanceof Stripe.errors.StripeCardError) return { ok: false, reason: 'declined' };
    if (error instanceof Stripe.errors.StripeError) return { ok: false, reason: 'unavailable' };
    throw error;
  }
}

/** What ties Stripe's objects back to our order (and what reconciliation reads). */
export function orderMetadata(order: Pick<OrderRecord, '_id' | 'orderNumber'>): Record<string, string> {
  return { order_id: String(order._id), order_number: order.orderNumber };
}

/**
 * A Checkout Session in payment mode with the order's exact lines, its tax and its delivery as lines
 * of their own (so Stripe's total is our total to the unit), expiring with the stock hold; the order
 * moves to awaiting_payment. Its idempotency key comes from the placement key.
 */
async function waitForPaymentByLink(order: OrderRecord, payer: Payer | null, settings: StripeSettings, reason: { why: 'no-card' | 'declined' | 'authentication'; paymentIntentId?: string; tellByNotification: boolean }, now: Date): Promise<PaymentOutcome> {
  const holdUntil = new Date(now.getTime() + settings.holdMinutes * 60_000);
  const currency = stripeCurrency(order.currency);
  const line = (name: string, unitMinor: number, quantity: number) => ({ quantity, price_data: { currency, unit_amount: stripeAmount(unitMinor, order.currency), product_data: { name } } });
  const lineItems = [
    ...order.lines.map((orderLine) => line(orderLine.name, orderLine.unitPriceMinor, orderLine.quantity)),
    ...(order.taxMinor > 0 ? [line('Tax', order.taxMinor, 1)] : []),
    ...(order.deliveryFeeMinor > 0 ? [line('Delivery', order.deliveryFeeMinor, 1)] : []),
  ];
  const session = await stripeClient(settings).checkout.sessions.create(
    {
      mode: 'payment',
      line_items: lineItems,
      ...(payer?.stripeCustomerId ? { customer: payer.stripeCustomerId } : {}),
      client_reference_id: String(order._id),
      expires_at: Math.floor(holdUntil.getTime() / 1000),
      success_url: settings.returnUrl,
      metadata: orderMetadata(order),
      payment_intent_data: { metadata: orderMetadata(order), description: `Order ${order.orderNumber}` },
    },
    { idempotencyKey: `checkout:${order.idempotencyKey}` },
  );
  if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
  await updatePayment(order._id, { status: 'awaiting-customer', checkoutSessionId: session.id, checkoutUrl: session.url, holdUntil, ...(reason.paymentIntentId ? { paymentIntentId: reason.paymentIntentId } : {}) });
  await advanceOrder(order._id, 'awaiting_payment', 'system:payments', {}, now);
  if (reason.tellByNotification) await queuePaymentLink(order, { url: session.url }, now);
  return { kind: 'link', url: session.url, holdUntil, why: reason.why };
}

/**
 * A charge that failed after it was accepted (payment_intent.payment_failed on an intent that was
 * processing): the order waits for payment by link like a decline at the yes, the link sent to the
 * customer's text channel. Only from `processing`, so a redelivered or late event does nothing.
 */
export async function payByLinkAfterFailedCharge(order: OrderRecord, payment: PaymentRecord, settings: StripeSettings, now = new Date()): Promise<void> {
  if (payment.status !== 'processing') return;
  await waitForPaymentByLink(order, await findCustomer(order.customerId), settings, { why: 'declined', paymentIntentId: payment.paymentIntentId ?? undefined, tellByNotification: true }, now);
}

/** Why an order's Checkout link cannot be sent again: payments off, the order not waiting for one, or its hold over. */
export type PendingLink = { ok: true; url: string; holdUntil: Date } | { ok: false; why: 'payments-off' | 'not-awaiting-payment' | 'hold-over' };

/**
 * The Checkout link an order awaiting payment already has, while its stock hold lasts: what a person
 * in the inbox may send the customer again. Asks Stripe nothing; the link was made at placement.
 */
export async function pendingPaymentLink(order: Pick<OrderRecord, '_id' | 'status'>, settings: CommerceSettings, now: Date): Promise<PendingLink> {
  if (settings.payments.provider !== 'stripe') return { ok: false, why: 'payments-off' };
  if (order.status !== 'awaiting_payment') return { ok: false, why: 'not-awaiting-payment' };
  const payment = await findPayment(order._id);
  if (payment?.status !== 'awaiting-customer' || !payment.checkoutUrl || !payment.holdUntil) return { ok: false, why: 'not-awaiting-payment' };
  if (payment.holdUntil.getTime() <= now.getTime()) return { ok: false, why: 'hold-over' };
  return { ok: true, url: payment.checkoutUrl, holdUntil: payment.holdUntil };
}

/** The order's payment as stored, for the admin API and reconciliation. */
export function paymentOf(orderId: Types.ObjectId) {
  return findPayment(orderId);
}
