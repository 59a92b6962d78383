import { model, type InferSchemaType } from 'mongoose';
import { ORDER_STATUSES } from '../src/core/order-rules';
import { Schema } from './shared';

/**
 * The order's status changes after placing and, from the first one on, the source of truth for its
 * status: entry n+1 is written only if the lifecycle allows it after entry n (entry 0 after the
 * order document's status), and the unique (orderId, seq) index lets one writer win, so a cancel
 * racing a "packed" can never both succeed. Order.status is then a cache of the last entry. Placing
 * writes no entry; orders of earlier releases have 'pending' (seq 0) and 'placed' entries.
 */
const orderStatusEventSchema = new Schema({
  orderId: { type: Schema.Types.ObjectId, required: true, ref: 'Order' },
  seq: { type: Number, required: true, min: 0 },
  status: { type: String, required: true, enum: ORDER_STATUSES },
  at: { type: Date, required: true, default: () => new Date() },
  /** Who made the change: 'customer:sms', 'admin', 'system'. */
  source: { type: String, required: true },
  note: { type: String },
});
orderStatusEventSchema.index({ orderId: 1, seq: 1 }, { unique: true });

export type OrderStatusEvent = InferSchemaType<typeof orderStatusEventSchema>;
export const OrderStatusEventModel = model('OrderStatusEvent', orderStatusEventSchema);
