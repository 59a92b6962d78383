import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

/**
 * The daily spending limit's source of truth: one log per customer and local day. Entry n+1 is
 * written from entry n's running total under the unique (customerId, day, seq) index, so of two
 * orders placed at the same instant only those that fit under the limit are charged (see
 * store/sequenced-log.ts). A log holds one day's orders, so reading its newest entry stays small.
 */
const spendLedgerSchema = new Schema({
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  /** The customer's local calendar day, `YYYY-MM-DD`. */
  day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
  seq: { type: Number, required: true, min: 0 },
  /** The order's placement key: a credit is written only for an order that has a charge. */
  orderRef: { type: String, required: true },
  /** Positive when an order is charged, negative when a charged order fails or is cancelled. */
  deltaMinor: { type: Number, required: true, validate: Number.isSafeInteger },
  spentMinor: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
  at: { type: Date, required: true, default: () => new Date() },
});
spendLedgerSchema.index({ customerId: 1, day: 1, seq: 1 }, { unique: true });
spendLedgerSchema.index({ orderRef: 1 });

export type SpendLedgerEntry = InferSchemaType<typeof spendLedgerSchema>;
export const SpendLedgerModel = model('SpendLedger', spendLedgerSchema);
