import { model, type InferSchemaType } from 'mongoose';
import { Schema, currencyCode, minorUnits } from './shared';

/** How many of a customer's newest orders the summary keeps: enough for "my usual" and the dialogue's look-ups. */
export const ORDER_SUMMARY_SIZE = 20;

const summaryLineSchema = new Schema(
  {
    sku: { type: String, required: true },
    name: { type: String, required: true },
    quantity: { type: Number, required: true },
    unitPriceMinor: minorUnits,
  },
  { _id: false },
);

const summaryEntrySchema = new Schema(
  {
    /** The order's own `_id`, so an entry reads like the order it summarises. */
    _id: { type: Schema.Types.ObjectId, required: true },
    orderNumber: { type: String, required: true },
    status: { type: String, required: true },
    placedAt: { type: Date },
    createdAt: { type: Date },
    cancellableUntil: { type: Date },
    totalMinor: minorUnits,
    currency: currencyCode,
    lines: { type: [summaryLineSchema], required: true },
    /** The local day the order was placed on (Order.spendDay): older orders are found by it, by equality. */
    spendDay: { type: String },
    tracking: { carrier: { type: String }, number: { type: String }, url: { type: String } },
  },
  { _id: false },
);

/**
 * The subset pattern: a customer's newest orders in one document whose `_id` is the customer's id,
 * so every dialogue look-up of recent orders (last order, "my usual", status, cancel, the greeting)
 * is one `_id` read, whatever the customer's history. A cache of `Order`: maintained on placement
 * and on every status change, and rebuilt from `Order` by `rebuildOrderSummary`.
 */
const orderSummarySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
    /** Newest first by placedAt; at most ORDER_SUMMARY_SIZE. */
    orders: { type: [summaryEntrySchema], default: [] },
    /** Bumped by every write; a write names the version it read, so of two racing writers one retries. */
    version: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);

export type OrderSummaryDocument = InferSchemaType<typeof orderSummarySchema>;
export const OrderSummaryModel = model('OrderSummary', orderSummarySchema);
