import { model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { Schema, channelField, currencyCode, minorUnits } from './shared';
import { ORDER_STATUSES } from '../src/core/order-rules';

const orderLineSchema = new Schema(
  {
    sku: { type: String, required: true },
    name: { type: String, required: true },
    quantity: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    unitPriceMinor: minorUnits,
    lineTotalMinor: minorUnits,
  },
  { _id: false },
);

const orderSchema = new Schema(
  {
    /** Short and speakable; unique. */
    orderNumber: { type: String, required: true },
    /** The client's placement key: a replay returns the same order. */
    idempotencyKey: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
    channel: channelField,
    sellerName: { type: String, required: true },
    lines: { type: [orderLineSchema], required: true },
    currency: currencyCode,
    subtotalMinor: minorUnits,
    taxMinor: minorUnits,
    deliveryFeeMinor: minorUnits,
    totalMinor: minorUnits,
    /** The discount code the order was placed with and what it took off the subtotal (totalMinor is after it). */
    discountCode: { type: String },
    discountMinor: { type: Number, min: 0, validate: Number.isSafeInteger },
    deliveryAddress: { type: Schema.Types.Mixed },
    /** Pending, then placed or failed, set by the placement itself; after that a cache of the newest OrderStatusEvent, the source of truth (see order-status-event.ts). */
    status: { type: String, required: true, enum: ORDER_STATUSES },
    placedAt: { type: Date },
    cancellableUntil: { type: Date },
    tracking: { carrier: { type: String }, number: { type: String }, url: { type: String } },
    failureReason: { type: String },
    /** The local day whose spend ledger the order is charged to (store/spend-ledger-store.ts), so a cancellation credits that day. */
    spendDay: { type: String },
    /** The customer's daily limit when they said yes, so a placement resumed after a crash charges against the same limit. */
    perDayLimitMinor: { type: Number },
    /** The cart revision the order was bought from: clearing the cart afterwards touches only that revision, never a refilled cart. */
    cartRevision: { type: Number },
    /**
     * Set while a use case on this order has steps left (placement: stock, spend, summary entry, receipt,
     * empty cart, then placed, which clears it; a status change: stock back, spend back, notification, back-in-stock alerts): when
     * maintenance takes it up should its own run have died, and that minute's bucket, found by equality.
     */
    resumeAt: { type: Date },
    resumeBucket: { type: Number },
    /** Set when a customer is erased: totals stay for accounting, the person does not. */
    anonymised: { type: Boolean, default: false },
  },
  { timestamps: true },
);
orderSchema.index({ idempotencyKey: 1 }, { unique: true });
orderSchema.index({ orderNumber: 1 }, { unique: true });
orderSchema.index({ customerId: 1, placedAt: -1 });
// "The order from <date>" beyond the summary's newest orders: an equality on the customer's local day.
orderSchema.index({ customerId: 1, spendDay: 1 });
orderSchema.index({ resumeBucket: 1 });

export type Order = InferSchemaType<typeof orderSchema>;
export type OrderDocument = HydratedDocument<Order>;
export const OrderModel = model('Order', orderSchema);
