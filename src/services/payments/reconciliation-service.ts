import { Types } from 'mongoose';
import { claimEvent, releaseEvent } from '../../store/event-store';
import { findOrderById } from '../../store/order-store';
import { paymentsCreatedBetween, type PaymentRecord } from '../../store/payment-store';
import type { CommerceSettings } from '../settings';
import { askStripe, stripeClient } from './stripe-client';

export type MismatchKind = 'paid-with-no-order' | 'order-paid-without-payment' | 'amount-differs' | 'refund-missing' | 'disputed';

export interface Mismatch {
  kind: MismatchKind;
  orderNumber?: string;
  paymentIntentId?: string;
  refundId?: string;
  ourAmountMinor?: number;
  stripeAmountMinor?: number;
}

export interface ReconciliationReport {
  from: Date;
  to: Date;
  paymentIntents: number;
  refunds: number;
  payments: number;
  mismatches: Mismatch[];
}

/** Statuses in which an order counts as paid: Stripe must hold a succeeded payment for it. */
const PAID_STATUSES = new Set(['paid', 'packed', 'shipped', 'delivered', 'returned', 'refunded']);

/**
 * Stripe's PaymentIntents and refunds created in [from, to) against our payments of that period:
 * money taken for no order of ours, an order paid here with no payment there, amounts that differ,
 * refunds Stripe made that we did not record, and disputed payments. An admin job (daily, and on
 * demand), never a turn: it pages through Stripe's lists and reads our payments of the period.
 */
export async function reconcilePayments(from: Date, to: Date, settings: CommerceSettings): Promise<ReconciliationReport | null> {
  if (settings.payments.provider !== 'stripe') return null;
  const stripe = stripeClient(settings.payments);
  const created = { gte: Math.floor(from.getTime() / 1000), lt: Math.floor(to.getTime() / 1000) };
  const intents = await askStripe(() => stripe.paymentIntents.list({ created, limit: 100 }).autoPagingToArray({ limit: 10_000 }));
  const refunds = await askStripe(() => stripe.refunds.list({ created, limit: 100 }).autoPagingToArray({ limit: 10_000 }));
  const payments = await paymentsCreatedBetween(from, to);
  const byIntent = new Map(payments.filter((payment) => payment.paymentIntentId).map((payment) => [payment.paymentIntentId!, payment]));
  const mismatches: Mismatch[] = [];

  const succeededIntents = new Set<string>();
  for (const intent of intents.filter((candidate) => candidate.status === 'succeeded')) {
    succeededIntents.add(intent.id);
    const orderId = intent.metadata?.order_id;
    const payment = byIntent.get(intent.id) ?? (orderId && Types.ObjectId.isValid(orderId) ? payments.find((candidate) => String(candidate._id) === orderId) : undefined);
    const order = orderId && Types.ObjectId.isValid(orderId) ? await findOrderById(new Types.ObjectId(orderId)) : null;
    if (!order) {
      mismatches.push({ kind: 'paid-with-no-order', paymentIntentId: intent.id, stripeAmountMinor: intent.amount_received });
      continue;
    }
    if (intent.amount_received !== order.totalMinor) mismatches.push({ kind: 'amount-differs', orderNumber: order.orderNumber, paymentIntentId: intent.id, ourAmountMinor: order.totalMinor, stripeAmountMinor: intent.amount_received });
    if (payment?.disputed) mismatches.push({ kind: 'disputed', orderNumber: order.orderNumber, paymentIntentId: intent.id });
  }

  for (const payment of payments) {
    const order = await findOrderById(payment._id);
    const paidHere = payment.status === 'succeeded' || (order && PAID_STATUSES.has(order.status));
    if (paidHere && !(payment.paymentIntentId && succeededIntents.has(payment.paymentIntentId))) {
      mismatches.push({ kind: 'order-paid-without-payment', orderNumber: payment.orderNumber, paymentIntentId: payment.paymentIntentId ?? undefined, ourAmountMinor: payment.amountMinor });
    }
  }

  for (const refund of refunds.filter((candidate) => candidate.status === 'succeeded' || candidate.status === 'pending')) {
    const intentId = typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id;
    const payment: PaymentRecord | undefined = intentId ? byIntent.get(intentId) : undefined;
    if (!payment?.refunds.some((known) => known.refundId === refund.id)) mismatches.push({ kind: 'refund-missing', orderNumber: payment?.orderNumber, paymentIntentId: intentId, refundId: refund.id, stripeAmountMinor: refund.amount });
  }
  return { from, to, paymentIntents: intents.length, refunds: refunds.length, payments: payments.length, mismatches };
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * The daily run: yesterday (UTC) once, whichever process gets there first (its claim is a unique
 * insert named after the day). Null when payments are off or the day was already reconciled.
 */
export async function reconcileYesterday(settings: CommerceSettings, now = new Date()): Promise<ReconciliationReport | null> {
  if (settings.payments.provider !== 'stripe') return null;
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const yesterday = new Date(today.getTime() - DAY_MS);
  if (!(await claimEvent('reconciliation', yesterday.toISOString().slice(0, 10), now))) return null;
  try {
    return await reconcilePayments(yesterday, today, settings);
  } catch (error) {
    await releaseEvent('reconciliation', yesterday.toISOString().slice(0, 10));
    throw error;
  }
}
