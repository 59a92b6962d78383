import type { Types } from 'mongoose';
import { OrderModel, OrderStatusEventModel, type Order } from '../../models';
import type { Channel } from '../core/channels';
import { bucketOf } from '../core/buckets';
import { canTransition, type OrderStatus } from '../core/order-rules';
import { readOrderSummary, refreshOrderSummary, type OrderSummary } from './order-summary-store';
import { insertOnce } from './insert-once';
import { appendInSequence, latestEntry } from './sequenced-log';

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
  discountCode?: string;
  discountMinor?: number;
  deliveryAddress: unknown;
  spendDay: string;
  perDayLimitMinor: number;
  cartRevision?: number;
  cancellableUntil: Date;
}

/** Unfinished orders are found by the minute their resume falls due in. */
export const RESUME_BUCKET_MS = 60_000;

function resumeMark(resumeAt: Date) {
  return { resumeAt, resumeBucket: bucketOf(resumeAt, RESUME_BUCKET_MS) };
}

/**
 * Inserts the order as pending, marked to be resumed at `resumeAt` unless its placement finishes first;
 * null when its idempotency key or its order number is taken (both unique). No status event: the document's
 * status is the truth until the first change after placing (see `changeOrderStatus`).
 */
export async function insertPendingOrder(order: NewOrder, resumeAt: Date): Promise<OrderRecord | null> {
  const created = new OrderModel({ ...order, status: 'pending', ...resumeMark(resumeAt) });
  if (!(await insertOnce(OrderModel, created))) return null;
  return created.toObject() as OrderRecord;
}

/** A placement refused before it took anything (its spend): the pending order goes, so the key is free to try again and no failed order is left. */
export async function discardPendingOrder(orderId: Types.ObjectId): Promise<void> {
  await OrderModel.deleteOne({ _id: orderId, status: 'pending' });
}

/**
 * The last step of a placement: placed, and the resume mark cleared, in one write. Only a pending order
 * moves: of two runs finishing one placement (a replay beside the live run) the first write stands.
 */
export async function markOrderPlaced(orderId: Types.ObjectId, placedAt: Date): Promise<void> {
  await OrderModel.updateOne({ _id: orderId, status: 'pending' }, { $set: { status: 'placed', placedAt }, $unset: { resumeAt: 1, resumeBucket: 1 } });
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
export const REAL_ORDER_STATUSES: OrderStatus[] = ['placed', 'awaiting_payment', 'paid', 'packed', 'shipped', 'delivered', 'returned'];

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
 * The status a log's newest entry says, if it says one: placing writes no entry (the document says
 * pending, then placed or failed), and releases before that wrote 'pending' at seq 0, which names no change.
 */
function loggedStatus(latest: { status: string } | null): OrderStatus | null {
  return latest && latest.status !== 'pending' ? (latest.status as OrderStatus) : null;
}

/**
 * Moves an order to `to` if the lifecycle allows it after the current status: the status log's
 * newest entry, or while the log has none, the order document's (placing moves the document only).
 * Decided on the log (unique (orderId, seq)), so of two racing changes only one that is still allowed wins.
 */
export async function changeOrderStatus(orderId: Types.ObjectId, to: OrderStatus, source: string, extra: { note?: string; allowedFrom?: readonly OrderStatus[]; fields?: OrderFields } = {}): Promise<StatusChange> {
  const newest = await latestEntry(OrderStatusEventModel, { orderId });
  const documented = loggedStatus(newest) ? null : (((await OrderModel.findById(orderId).select({ status: 1 }).lean())?.status ?? 'pending') as OrderStatus);
  const statusAfter = (latest: { status: string } | null) => loggedStatus(latest) ?? documented ?? 'pending';
  const { appended, latest } = await appendInSequence(
    OrderStatusEventModel,
    { orderId },
    (latest) => {
      const from = statusAfter(latest);
      if (!canTransition(from, to) || (extra.allowedFrom && !extra.allowedFrom.includes(from))) return null;
      return { status: to, source, note: extra.note, at: new Date() };
    },
    { latest: newest },
  );
  const from = statusAfter(latest);
  if (!appended) {
    if (loggedStatus(latest)) await alignStatusCache(orderId, from);
    return { changed: false, current: from };
  }
  await OrderModel.updateOne({ _id: orderId }, { $set: { ...extra.fields, status: to } });
  await refreshOrderSummary(orderId);
  return { changed: true, from, seq: appended.seq };
}

/** The order's status: its log's newest change, or the document's while the log has none. */
export function currentStatus(order: Pick<OrderRecord, 'status'>, log: readonly { status: string }[]): OrderStatus {
  return loggedStatus(log.at(-1) ?? null) ?? (order.status as OrderStatus);
}

/** A crash between a status log entry and the cache update leaves Order.status behind its log: the log wins. */
export async function alignStatusCache(orderId: Types.ObjectId, logged: OrderStatus): Promise<void> {
  const { modifiedCount } = await OrderModel.updateOne({ _id: orderId, status: { $ne: logged } }, { $set: { status: logged } });
  if (modifiedCount > 0) await refreshOrderSummary(orderId);
}

type OrderFields = Partial<Pick<Order, 'placedAt' | 'failureReason' | 'tracking'>>;

/**
 * Marks an order to be resumed at `resumeAt`, written before the step whose effects a crash could
 * strand. An order already marked keeps its earlier mark, which `markOrderFinished` of this run then
 * leaves alone, so maintenance catches up both runs.
 */
export async function markOrderUnfinished(orderId: Types.ObjectId, resumeAt: Date): Promise<void> {
  await OrderModel.updateOne({ _id: orderId, resumeAt: { $exists: false } }, { $set: resumeMark(resumeAt) });
}

/**
 * Orders an earlier release left pending carry no resume mark, so maintenance never finds them:
 * each gets one, due now. For `migrate` only (it scans every pending order). Returns how many.
 */
export async function markUnmarkedPendingOrders(now: Date): Promise<number> {
  const unmarked = await OrderModel.find({ status: 'pending', resumeAt: { $exists: false } }).select({ _id: 1 }).lean();
  for (const { _id } of unmarked) await markOrderUnfinished(_id, now);
  return unmarked.length;
}

/** Clears the mark this run set; a newer mark (another change of the order meanwhile) stays for its own run. */
export async function markOrderFinished(orderId: Types.ObjectId, resumeAt: Date): Promise<void> {
  await OrderModel.updateOne({ _id: orderId, resumeAt }, { $unset: { resumeAt: 1, resumeBucket: 1 } });
}

/** Orders whose resume falls due in one bucket: an equality lookup, bounded by the orders left unfinished then. */
export function unfinishedOrdersIn(bucket: number) {
  return OrderModel.find({ resumeBucket: bucket }).lean() as Promise<OrderRecord[]>;
}

/** The order's status log, oldest first: the changes after placing (and, for orders of earlier releases, pending and placed too). */
export function statusLog(orderId: Types.ObjectId) {
  return OrderStatusEventModel.find({ orderId }).sort({ seq: 1 }).lean();
}

export interface HistoryEntry {
  status: string;
  at: Date;
  source: string;
  note?: string | null;
}

/**
 * The order's whole story for people to read: pending when created, placed (or failed) as its document
 * says when its log does not, then every logged change. Maintenance, admin and tests, not a turn.
 */
export async function orderHistory(orderId: Types.ObjectId): Promise<HistoryEntry[]> {
  const [order, log] = await Promise.all([findOrderById(orderId), statusLog(orderId)]);
  if (!order) return [];
  const logged: HistoryEntry[] = log.map(({ status, at, source, note }) => ({ status, at, source, note }));
  const untold: HistoryEntry[] = [];
  if (!log.some((entry) => entry.status === 'pending')) untold.push({ status: 'pending', at: order.createdAt, source: 'system' });
  if (order.placedAt && !log.some((entry) => entry.status === 'placed')) untold.push({ status: 'placed', at: order.placedAt, source: `customer:${order.channel}` });
  return [...untold, ...logged];
}
