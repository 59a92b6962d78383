import type { Types } from 'mongoose';
import { CustomerModel, PaymentModel, type Payment } from '../../models';
import { bucketOf } from '../core/buckets';
import { insertOnce } from './insert-once';

export interface RefundEntry {
  refundId: string;
  amountMinor: number;
  status: string;
}
export type PaymentRecord = Omit<Payment, 'refunds'> & { _id: Types.ObjectId; refunds: RefundEntry[]; createdAt: Date };

/** Holds waiting for payment are found by the minute they end in. */
export const HOLD_BUCKET_MS = 60_000;

export interface NewPayment {
  orderId: Types.ObjectId;
  customerId: Types.ObjectId;
  orderNumber: string;
  /** `credential`: a payment credential an assistant platform collected (UCP checkout). */
  method: 'saved-card' | 'link' | 'credential';
  amountMinor: number;
  currency: string;
}

/** The order's one payment claim: true for the caller that inserted it, who alone talks to Stripe for it. */
export function claimPayment(payment: NewPayment): Promise<boolean> {
  const { orderId, ...rest } = payment;
  return insertOnce(PaymentModel, { _id: orderId, ...rest, status: 'charging' });
}

/** A claim whose Stripe request failed goes back, so the next attempt claims it again. */
export async function releasePaymentClaim(orderId: Types.ObjectId): Promise<void> {
  await PaymentModel.deleteOne({ _id: orderId, status: 'charging' });
}

export function findPaymentByIntent(paymentIntentId: string) {
  return PaymentModel.findOne({ paymentIntentId }).lean() as Promise<PaymentRecord | null>;
}

export function findPayment(orderId: Types.ObjectId) {
  return PaymentModel.findById(orderId).lean() as Promise<PaymentRecord | null>;
}

type PaymentFields = Partial<Pick<Payment, 'status' | 'method' | 'paymentIntentId' | 'checkoutSessionId' | 'checkoutUrl' | 'paidMinor' | 'refundedMinor' | 'disputed'>>;

export async function updatePayment(orderId: Types.ObjectId, fields: PaymentFields & { holdUntil?: Date }): Promise<void> {
  const hold = fields.holdUntil ? { holdBucket: bucketOf(fields.holdUntil, HOLD_BUCKET_MS) } : {};
  await PaymentModel.updateOne({ _id: orderId }, { $set: { ...fields, ...hold } });
}

/** The hold is over (paid, or expired): the expiry scan no longer finds it. */
export async function clearHold(orderId: Types.ObjectId): Promise<void> {
  await PaymentModel.updateOne({ _id: orderId }, { $unset: { holdUntil: 1, holdBucket: 1 } });
}

/** Payments whose hold ends in one bucket: an equality lookup, bounded by the holds of one minute. */
export function holdsEndingIn(bucket: number) {
  return PaymentModel.find({ holdBucket: bucket }).lean() as Promise<PaymentRecord[]>;
}

/**
 * Records a refund as Stripe last described it, one entry per refund id (FerretDB has no positional
 * update, so the list is read and written whole: refunds are rare and never on a turn).
 */
export async function recordRefund(orderId: Types.ObjectId, refund: RefundEntry): Promise<PaymentRecord | null> {
  const payment = await findPayment(orderId);
  if (!payment) return null;
  const refunds = [...payment.refunds.filter((known) => known.refundId !== refund.refundId), refund];
  await PaymentModel.updateOne({ _id: orderId }, { $set: { refunds } });
  return { ...payment, refunds };
}

/** Payments created in [from, to), for reconciliation (an admin job, not a hot path). */
export function paymentsCreatedBetween(from: Date, to: Date) {
  return PaymentModel.find({ createdAt: { $gte: from, $lt: to } }).lean() as Promise<PaymentRecord[]>;
}

/** The customer's Stripe customer (cus_...). */
export async function storeStripeCustomer(customerId: Types.ObjectId, stripeCustomerId: string): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $set: { stripeCustomerId } });
}

/** The one saved card: Stripe's reference and what may be said of it (brand, last 4 digits, expiry). */
export async function storeSavedCard(customerId: Types.ObjectId, stripeCustomerId: string, card: { paymentMethodId: string; brand: string; last4: string; expMonth: number; expYear: number }): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $set: { stripeCustomerId, savedCard: card } });
}

export async function forgetSavedCard(customerId: Types.ObjectId): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $unset: { savedCard: 1 } });
}
