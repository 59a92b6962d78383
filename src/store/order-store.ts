import type { Types } from 'mongoose';
import { OrderModel, OrderStatusEventModel, type Channel, type Order } from '../../models';
import { canTransition, type OrderStatus } from '../core/order-rules';
import { readOrderSummary, refreshOrderSummary, type OrderSummary } from './order-summary-store';
import { insertOnce } from './insert-once';
import { appendInSequence } from './sequenced-log';

export type OrderRecord = Order & { _id: Types.ObjectId };
export interface NewOrder {
  orderNumber: string;
  idempotencyKey: string;
  customerId: Types.ObjectId;
  channel: Channel;
  sellerName: string;
  lines: { sku: string; name: string; quantity: number; unitPriceMinor: number; lineTotalMinor: number }[];
  currency: string;
  subtotalMinor: number;
  taxMinor: number;
  deliveryFeeMinor: number;
  totalMinor: number;
  deliveryAddress: unknown;
  spendDay?: string;
}

/** Inserts the order as pending; null when its idempotency key or its order number is taken (both unique). */
export async function insertPendingOrder(order: NewOrder): Promise<OrderRecord | null> {
  const created = new OrderModel({ ...order, status: 'pending' });
  if (!(await insertOnce(OrderModel, created))) return null;
  await OrderStatusEventModel.create({ orderId: created._id, seq: 0, status: 'pending', source: 'system' });
  return created.toObject() as OrderRecord;
}

export function findOrderByKey(idempotencyKey: string) {
  return OrderModel.findOne({ idempotencyKey }).lean() as Promise<OrderRecord | null>;
}

export function findOrderById(orderId: Types.ObjectId) {
  return OrderModel.findById(orderId).lean() as Promise<OrderRecord | null>;
}

export function findOrderByNumber(orderNumber: string) {
  return OrderModel.findOne({ orderNumber }).lean() as Promise<OrderRecord | null>;
}

export function findCustomerOrderByNumber(customerId: Types.ObjectId, orderNumber: string) {
  return OrderModel.findOne({ customerId, orderNumber }).lean() as Promise<OrderRecord | null>;
}

/** Orders that reached the customer's hands or are on their way: not pending, failed or cancelled. */
export const REAL_ORDER_STATUSES: OrderStatus[] = ['placed', 'paid', 'packed', 'shipped', 'delivered', 'returned'];

/**
 * The customer's newest orders, newest first, from their summary document: one `_id` read however
 * long their history (store/order-summary-store.ts). Covers the newest ORDER_SUMMARY_SIZE orders.
 */
export async function recentOrders(customerId: Types.ObjectId, options: { limit: number; since?: Date; until?: Date; includeCancelled?: boolean }): Promise<OrderSummary[]> {
  const statuses: string[] = options.includeCancelled ? [...REAL_ORDER_STATUSES, 'cancelled'] : REAL_ORDER_STATUSES;
  return (await readOrderSummary(customerId))
    .filter((order) => statuses.includes(order.status))
    .filter((order) => (!options.since || order.placedAt! >= options.since) && (!options.until || order.placedAt! < options.until))
    .slice(0, options.limit);
}

/** `seq` is the status event's place in the order's log: what names the change (notification job keys). */
export type StatusChange = { changed: true; from: OrderStatus; seq: number } | { changed: false; current: OrderStatus };

/**
 * Moves an order to `to` if the lifecycle allows it after the current status. Decided on the
 * status log (unique (orderId, seq)), so of two racing changes only one that is still allowed wins.
 */
export async function changeOrderStatus(orderId: Types.ObjectId, to: OrderStatus, source: string, extra: { note?: string; allowedFrom?: readonly OrderStatus[] } = {}): Promise<StatusChange> {
  const { appended, latest } = await appendInSequence(OrderStatusEventModel, { orderId }, (latest) => {
    const from = (latest?.status ?? 'pending') as OrderStatus;
    if (!canTransition(from, to) || (extra.allowedFrom && !extra.allowedFrom.includes(from))) return null;
    return { status: to, source, note: extra.note, at: new Date() };
  });
  const from = (latest?.status ?? 'pending') as OrderStatus;
  if (!appended) {
    // A crash between the log entry and the cache update leaves Order.status behind its log: the log wins.
    if (latest) {
      const { modifiedCount } = await OrderModel.updateOne({ _id: orderId, status: { $ne: from } }, { $set: { status: from } });
      if (modifiedCount > 0) await refreshOrderSummary(orderId);
    }
    return { changed: false, current: from };
  }
  await OrderModel.updateOne({ _id: orderId }, { $set: { status: to } });
  await refreshOrderSummary(orderId);
  return { changed: true, from, seq: appended.seq };
}

export async function setOrderFields(orderId: Types.ObjectId, fields: Partial<Pick<Order, 'placedAt' | 'cancellableUntil' | 'failureReason' | 'tracking'>>): Promise<void> {
  await OrderModel.updateOne({ _id: orderId }, { $set: fields });
  // Placement fields are followed by the move to placed, which refreshes; tracking is shown on its own.
  if (fields.tracking) await refreshOrderSummary(orderId);
}

export function orderHistory(orderId: Types.ObjectId) {
  return OrderStatusEventModel.find({ orderId }).sort({ seq: 1 }).lean();
}

export function stalePendingOrders(olderThan: Date) {
  return OrderModel.find({ status: 'pending', createdAt: { $lt: olderThan } }).lean() as Promise<OrderRecord[]>;
}
