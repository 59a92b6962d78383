import { model, type InferSchemaType } from 'mongoose';
import { Schema, currencyCode, minorUnits } from './shared';

export const PAYMENT_STATUSES = ['charging', 'processing', 'awaiting-customer', 'succeeded', 'expired'] as const;

const refundSchema = new Schema(
  {
    /** Stripe's refund id (re_...). */
    refundId: { type: String, required: true },
    amountMinor: minorUnits,
    /** Stripe's refund status as last seen: pending, succeeded, failed, canceled. */
    status: { type: String, required: true },
  },
  { _id: false },
);

/**
 * One order's payment through Stripe: `_id` is the order's id, so its insert is the one claim that
 * lets a single caller create the charge or the payment link however many yeses race. Card data
 * never reaches us: only Stripe's ids, the amount, and what Stripe said.
 */
const paymentSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
    orderNumber: { type: String, required: true },
    /** A saved card charged off-session, or a Checkout link the customer pays on Stripe's page. */
    method: { type: String, required: true, enum: ['saved-card', 'link', 'credential'] },
    amountMinor: minorUnits,
    currency: currencyCode,
    status: { type: String, required: true, enum: PAYMENT_STATUSES },
    paymentIntentId: { type: String },
    checkoutSessionId: { type: String },
    checkoutUrl: { type: String },
    /** Until when the order holds its stock waiting for the customer to pay, and that minute's bucket (the expiry scan's equality). */
    holdUntil: { type: Date },
    holdBucket: { type: Number },
    /** What Stripe confirmed as received (minor units). */
    paidMinor: { type: Number, default: 0 },
    /** Asked of Stripe (one entry per refund), and what Stripe confirmed as refunded (charge.refunded). */
    refunds: { type: [refundSchema], default: [] },
    refundedMinor: { type: Number, default: 0 },
    disputed: { type: Boolean, default: false },
  },
  { timestamps: true },
);
paymentSchema.index({ holdBucket: 1 });
paymentSchema.index({ paymentIntentId: 1 });

export type Payment = InferSchemaType<typeof paymentSchema>;
export const PaymentModel = model('Payment', paymentSchema);
