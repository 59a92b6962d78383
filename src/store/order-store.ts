import type { Types } from 'mongoose';
import { OrderModel, OrderStatusEventModel, type Channel, type Order } from '../../models';
import { canTransition, type OrderStatus } from '../core/order-rules';
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

/** Inserts the order as pending; the unique idempotency key and order number make a duplicate throw 11000. */
export async function insertPendingOrder(order: NewOrder): Promise<OrderRecord> {
  const created = await OrderModel.create({ ...order, status: 'pending' });
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
const REAL_ORDER_STATUSES: OrderStatus[] = ['placed', 'paid', 'packed', 'shipped', 'delivered', 'returned'];

/**
 * Windows (in days back from now) that `recentOrders` reads one after another, newest first. FerretDB's
 * SQLite backend filters and sorts everything but `_id` in its own process, so one query over a
 * customer's whole history costs seconds once they have thousands of orders (measured in
 * docs/BENCHMARKS.md); a window usually holds the few orders asked for. The last read is unbounded.
 */
const RECENT_ORDER_WINDOWS_DAYS = [7, 45, 365];
const DAY_MS = 86_400_000;

export async function recentOrders(customerId: Types.ObjectId, options: { limit: number; since?: Date; until?: Date; includeCancelled?: boolean }, now = new Date()): Promise<OrderRecord[]> {
  const statuses: OrderStatus[] = options.includeCancelled ? [...REAL_ORDER_STATUSES, 'cancelled'] : REAL_ORDER_STATUSES;
  const found: OrderRecord[] = [];
  // Newer than `below` (exclusive) is already read; the first window has no upper bound, so an order
  // placed "in the future" of this clock is still seen.
  let below: Date | undefined = options.until;
  for (let window = 0; window <= RECENT_ORDER_WINDOWS_DAYS.length && found.length < options.limit; window++) {
    const days = RECENT_ORDER_WINDOWS_DAYS[window];
    const windowStart = days === undefined ? undefined : new Date(now.getTime() - days * DAY_MS);
    const from = options.since && (!windowStart || windowStart < options.since) ? options.since : windowStart;
    // A window wholly after `until` ("the order from last March") holds nothing to read.
    if (from && below && from >= below) {
      if (from === options.since) break;
      continue;
    }
    const placedAt: Record<string, Date> = {};
    if (from) placedAt.$gte = from;
    if (below) placedAt.$lt = below;
    const batch = (await OrderModel.find({ customerId, status: { $in: statuses }, ...(from || below ? { placedAt } : {}) })
      .sort({ placedAt: -1 })
      .limit(options.limit - found.length)
      .lean()) as OrderRecord[];
    found.push(...batch);
    if (!from || from === options.since) break;
    if (!below || from < below) below = from;
  }
  return found;
}

/** What counts against the daily limit: orders placed since `since` that were not cancelled or failed. */
export async function spentSince(customerId: Types.ObjectId, since: Date): Promise<number> {
  const orders = await OrderModel.find({ customerId, placedAt: { $gte: since }, status: { $in: REAL_ORDER_STATUSES } }).select({ totalMinor: 1 }).lean();
  return orders.reduce((sum, order) => sum + order.totalMinor, 0);
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
    if (latest) await OrderModel.updateOne({ _id: orderId, status: { $ne: from } }, { $set: { status: from } });
    return { changed: false, current: from };
  }
  await OrderModel.updateOne({ _id: orderId }, { $set: { status: to } });
  return { changed: true, from, seq: appended.seq };
}

export async function setOrderFields(orderId: Types.ObjectId, fields: Partial<Pick<Order, 'placedAt' | 'cancellableUntil' | 'failureReason' | 'tracking'>>): Promise<void> {
  await OrderModel.updateOne({ _id: orderId }, { $set: fields });
}

export function orderHistory(orderId: Types.ObjectId) {
  return OrderStatusEventModel.find({ orderId }).sort({ seq: 1 }).lean();
}

export function stalePendingOrders(olderThan: Date) {
  return OrderModel.find({ status: 'pending', createdAt: { $lt: olderThan } }).lean() as Promise<OrderRecord[]>;
}
