import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

export const STOCK_ALERT_SOURCES = ['customer', 'merchant'] as const;

/**
 * "Tell me when it's back": one per customer and sku. Each time it is armed its `round` goes up, and the
 * notification's job key carries the round, so one restock sends one message per request however often
 * the stock figure is set, and asking again after a notification arms it again.
 */
const stockAlertSchema = new Schema(
  {
    customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
    sku: { type: String, required: true },
    /** 'customer': they asked for it (a requested service message); 'merchant': we subscribed them (marketing). */
    source: { type: String, required: true, enum: STOCK_ALERT_SOURCES, default: 'customer' },
    /** The channel they asked on, tried first. */
    channel: { type: String },
    round: { type: Number, required: true, default: 1 },
    /** Waiting for the sku to come back; false once this round's notification is queued. */
    armed: { type: Boolean, required: true, default: true },
    requestedAt: { type: Date, required: true, default: () => new Date() },
    queuedAt: { type: Date },
  },
  { timestamps: true },
);
stockAlertSchema.index({ customerId: 1, sku: 1 }, { unique: true });
stockAlertSchema.index({ sku: 1, armed: 1 });

export type StockAlert = InferSchemaType<typeof stockAlertSchema>;
export const StockAlertModel = model('StockAlert', stockAlertSchema);
