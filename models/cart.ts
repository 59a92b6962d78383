import { model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { Schema, currencyCode, minorUnits } from './shared';

const cartLineSchema = new Schema(
  {
    sku: { type: String, required: true },
    quantity: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
    /** The price when added, so a later repricing can be told to the customer rather than applied silently. */
    unitPriceMinor: minorUnits,
  },
  { _id: false },
);

const cartSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
    currency: currencyCode,
    lines: { type: [cartLineSchema], default: [] },
    /** Bumped on every change so a purchase confirmation can be bound to one exact basket. */
    revision: { type: Number, required: true, default: 0 },
    /** The discount code the shopper applied (on any channel); checked against its terms each time the cart is priced. */
    discountCode: { type: String },
    /** How often the cart was emptied (by an order or by the shopper): each filling of it is one cart, with one abandoned-cart reminder at most. */
    emptiedCount: { type: Number, required: true, default: 0 },
    /** The channel on which the shopper asked to be reminded of this cart (no marketing opt-in needed for that one reminder). */
    reminderRequestedOn: { type: String },
    /** The hour (bucket) its lines last changed: abandoned-cart reminders find the carts of an hour by equality. */
    changedBucket: { type: Number },
  },
  { timestamps: true },
);
cartSchema.index({ customerId: 1 }, { unique: true });
cartSchema.index({ changedBucket: 1 });

export type Cart = InferSchemaType<typeof cartSchema>;
export type CartDocument = HydratedDocument<Cart>;
export const CartModel = model('Cart', cartSchema);
