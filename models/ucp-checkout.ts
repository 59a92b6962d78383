import { model, type InferSchemaType } from 'mongoose';
import { Schema, currencyCode, expiresAtField, expiryBucket, minorUnits } from './shared';

export const UCP_CHECKOUT_STATUSES = ['incomplete', 'ready_for_complete', 'completed', 'canceled'] as const;

/**
 * A UCP checkout session (an assistant platform's checkout, outside the customer's one cart): its
 * lines at the price last shown to the platform, so a change since is reported rather than charged.
 * `_id` is the session id the platform uses. Swept once expired.
 */
const ucpCheckoutSchema = new Schema({
  _id: { type: String, required: true },
  customerId: { type: Schema.Types.ObjectId, required: true },
  lines: [new Schema({ sku: { type: String, required: true }, quantity: { type: Number, required: true, min: 1 }, shownPriceMinor: minorUnits }, { _id: false })],
  currency: currencyCode,
  status: { type: String, required: true, enum: UCP_CHECKOUT_STATUSES },
  orderNumber: { type: String },
  createdAt: { type: Date, required: true },
  expiresAt: expiresAtField,
});
ucpCheckoutSchema.plugin(expiryBucket);
// The order webhook names the checkout an order came from.
ucpCheckoutSchema.index({ orderNumber: 1 });

/**
 * One `Idempotency-Key` of one customer on one operation: the insert is the key's claim, the stored
 * response is what a replay gets. `requestHash` tells a replay from a reuse of the key for another request.
 */
const ucpIdempotencySchema = new Schema({
  key: { type: String, required: true },
  customerId: { type: Schema.Types.ObjectId, required: true },
  requestHash: { type: String, required: true },
  status: { type: Number },
  body: { type: String },
  expiresAt: expiresAtField,
});
ucpIdempotencySchema.plugin(expiryBucket);
ucpIdempotencySchema.index({ key: 1 }, { unique: true });

export type UcpCheckout = InferSchemaType<typeof ucpCheckoutSchema>;
export const UcpCheckoutModel = model('UcpCheckout', ucpCheckoutSchema);
export const UcpIdempotencyModel = model('UcpIdempotency', ucpIdempotencySchema);
