import { model, type InferSchemaType } from 'mongoose';
import { Schema, currencyCode, minorUnits } from './shared';

/** A discount code the shop created (admin API). Its uses are a log of their own (DiscountUse). */
const discountCodeSchema = new Schema(
  {
    /** Upper-case letters and digits, as `normalizeDiscountCode` makes what a shopper says or types. */
    code: { type: String, required: true, match: /^[A-Z0-9]{3,24}$/ },
    kind: { type: String, required: true, enum: ['percent', 'fixed'] },
    percentBasisPoints: { type: Number, min: 1, max: 10_000, validate: Number.isSafeInteger },
    amountMinor: { type: Number, min: 1, validate: Number.isSafeInteger },
    currency: currencyCode,
    minimumBasketMinor: { ...minorUnits, default: 0 },
    validFrom: { type: Date },
    validUntil: { type: Date },
    skus: { type: [String], default: [] },
    categories: { type: [String], default: [] },
    /** 'once-per-customer', or 'capped' with `usageCap` uses in all. */
    usage: { type: String, required: true, enum: ['once-per-customer', 'capped'] },
    usageCap: { type: Number, min: 1, validate: Number.isSafeInteger },
    active: { type: Boolean, required: true, default: true },
  },
  { timestamps: true },
);
discountCodeSchema.index({ code: 1 }, { unique: true });

export type DiscountCode = InferSchemaType<typeof discountCodeSchema>;
export const DiscountCodeModel = model('DiscountCode', discountCodeSchema);

/**
 * A code's uses as a log on the sequenced-log primitive (store/sequenced-log.ts): entry n+1 carries
 * the running count decided on entry n under the unique (scope, seq) index, so of 50 buyers racing for
 * the last 5 uses exactly 5 are written. The scope is the code (a capped code) or the code and the
 * customer (a code once per customer), so each log stays small. A placement that fails or an order
 * cancelled gives its use back as a -1 entry.
 */
const discountUseSchema = new Schema({
  /** `code` for a capped code, `code:customerId` for one once per customer. */
  scope: { type: String, required: true },
  seq: { type: Number, required: true, min: 0 },
  code: { type: String, required: true },
  /** Only in a once-per-customer code's log (a capped code's log names no one). */
  customerId: { type: Schema.Types.ObjectId, ref: 'Customer' },
  /** The order's placement key (a one-way hash). */
  orderRef: { type: String, required: true },
  delta: { type: Number, required: true, enum: [1, -1] },
  used: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
  at: { type: Date, required: true, default: () => new Date() },
});
discountUseSchema.index({ scope: 1, seq: 1 }, { unique: true });
discountUseSchema.index({ orderRef: 1 });

export type DiscountUseEntry = InferSchemaType<typeof discountUseSchema>;
export const DiscountUseModel = model('DiscountUse', discountUseSchema);
