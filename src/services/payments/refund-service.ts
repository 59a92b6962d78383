import type { PaymentRecord } from '../../store/payment-store';
import { findPayment, recordRefund } from '../../store/payment-store';
import type { Types } from 'mongoose';
import type { CommerceSettings } from '../settings';
import { orderMetadata } from './payment-service';
import { askStripe, stripeClient, type StripeSettings } from './stripe-client';

/** Refunds that still count against what was paid: all but those Stripe says failed or were cancelled. */
function refundsAsked(payment: Pick<PaymentRecord, 'refunds'>): number {
  return payment.refunds.filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled').reduce((sum, refund) => sum + refund.amountMinor, 0);
}

export type RefundResult =
  | { ok: true; refundId: string; amountMinor: number; status: string }
  | { ok: false; code: 'NOTHING_PAID' | 'REFUND_EXCEEDS_PAID'; refundableMinor: number };

/**
 * Asks Stripe to refund `amountMinor` of an order's payment (all that is left when omitted), never more
 * than was paid minus what earlier refunds asked. The order becomes refunded only when Stripe confirms
 * (charge.refunded). The idempotency key names the order, how many refunds came before and the amount,
 * so a repeated request (a retry, a double click) is one refund at Stripe.
 */
export async function refundPayment(payment: PaymentRecord, amountMinor: number | undefined, settings: StripeSettings): Promise<RefundResult> {
  const refundable = (payment.paidMinor ?? 0) - refundsAsked(payment);
  if (payment.status !== 'succeeded' || !payment.paymentIntentId || refundable <= 0) return { ok: false, code: 'NOTHING_PAID', refundableMinor: Math.max(0, refundable) };
  const amount = amountMinor ?? refundable;
  if (amount <= 0 || amount > refundable) return { ok: false, code: 'REFUND_EXCEEDS_PAID', refundableMinor: refundable };
  const paymentIntent = payment.paymentIntentId;
  const refund = await askStripe(() =>
    stripeClient(settings).refunds.create(
      { payment_intent: paymentIntent, amount, metadata: orderMetadata({ _id: payment._id, orderNumber: payment.orderNumber }) },
      { idempotencyKey: `refund:${String(payment._id)}:${payment.refunds.length}:${amount}` },
    ),
  );
  const status = refund.status ?? 'pending';
  await recordRefund(payment._id, { refundId: refund.id, amountMinor: refund.amount, status });
  return { ok: true, refundId: refund.id, amountMinor: refund.amount, status };
}

/**
 * Refunds an order's payment by its id (the whole remainder unless an amount is given): a customer's
 * cancellation inside the window, or staff refunding a return. With payments off, or nothing paid
 * through Stripe, there is nothing to refund.
 */
export async function refundOrder(orderId: Types.ObjectId, amountMinor: number | undefined, settings: CommerceSettings): Promise<RefundResult> {
  const payment = settings.payments.provider === 'stripe' ? await findPayment(orderId) : null;
  if (!payment || settings.payments.provider !== 'stripe') return { ok: false, code: 'NOTHING_PAID', refundableMinor: 0 };
  return refundPayment(payment, amountMinor, settings.payments);
}
