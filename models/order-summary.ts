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
 * is one `_id` read, whatever the customer's history. A cache of `Order`: each order's entry is
 * written by one upsert of its own key (no read first) on placement and on every status change, and
 * the whole document is rebuilt from `Order` by `rebuildOrderSummary`.
 */
const orderSummarySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
    /** By order number. Readers sort newest first and keep ORDER_SUMMARY_SIZE; a reader that finds many more trims the rest. */
    entries: { type: Map, of: summaryEntrySchema, default: () => new Map() },
    /** The newest-first list releases before `entries` kept: still read, rewritten into `entries` by `npm run cli -- migrate`. */
    orders: { type: [summaryEntrySchema], default: undefined },
  },
  { timestamps: true },
);

export type OrderSummaryDocument = InferSchemaType<typeof orderSummarySchema>;
export const OrderSummaryModel = model('OrderSummary', orderSummarySchema);
