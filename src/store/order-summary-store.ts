import type { Types } from 'mongoose';
import { ORDER_SUMMARY_SIZE, OrderModel, OrderSummaryModel, type Order } from '../../models';
import { upsertRacing } from './upsert';

/** What the dialogue knows of a past order without reading `Order`. An `OrderRecord` is one too. */
export interface OrderSummary {
  _id: Types.ObjectId;
  orderNumber: string;
  status: string;
  placedAt?: Date | null;
  createdAt: Date;
  cancellableUntil?: Date | null;
  totalMinor: number;
  currency: string;
  lines: { sku: string; name: string; quantity: number; unitPriceMinor: number }[];
  spendDay?: string | null;
  tracking?: { carrier?: string | null; number?: string | null; url?: string | null } | null;
}

type OrderLike = Pick<Order, 'orderNumber' | 'status' | 'placedAt' | 'createdAt' | 'cancellableUntil' | 'totalMinor' | 'currency' | 'lines' | 'spendDay' | 'tracking'> & { _id: Types.ObjectId };

function summaryOf(order: OrderLike): OrderSummary {
  return {
    _id: order._id,
    orderNumber: order.orderNumber,
    status: order.status,
    placedAt: order.placedAt,
    createdAt: order.createdAt,
    cancellableUntil: order.cancellableUntil,
    totalMinor: order.totalMinor,
    currency: order.currency,
    lines: order.lines.map(({ sku, name, quantity, unitPriceMinor }) => ({ sku, name, quantity, unitPriceMinor })),
    spendDay: order.spendDay,
    tracking: order.tracking?.carrier || order.tracking?.number ? order.tracking : undefined,
  };
}

/** Only orders the customer was told were placed belong in the dialogue's history. */
function summarised(order: { status: string; placedAt?: Date | null }): boolean {
  return order.status !== 'pending' && order.status !== 'failed' && !!order.placedAt;
}

function newestFirst(a: OrderSummary, b: OrderSummary): number {
  return (b.placedAt?.getTime() ?? 0) - (a.placedAt?.getTime() ?? 0) || String(b._id).localeCompare(String(a._id));
}

/** A reader that finds more than ORDER_SUMMARY_SIZE + this many entries trims the oldest: one write per so many orders. */
const TRIM_SLACK = 4;

/**
 * One `_id` read: the customer's newest orders, newest first. The entries are written without a read,
 * so the document may hold more than ORDER_SUMMARY_SIZE; past a few more, the oldest are removed here.
 */
export async function readOrderSummary(customerId: Types.ObjectId): Promise<OrderSummary[]> {
  const summary = (await OrderSummaryModel.findById(customerId).lean()) as { entries?: Record<string, OrderSummary>; orders?: OrderSummary[] } | null;
  const byNumber = new Map<string, OrderSummary>();
  // A document from before `entries` still has its list; an entry written since wins.
  for (const entry of summary?.orders ?? []) byNumber.set(entry.orderNumber, entry);
  for (const [orderNumber, entry] of Object.entries(summary?.entries ?? {})) byNumber.set(orderNumber, entry);
  const newest = [...byNumber.values()].sort(newestFirst);
  const stored = Object.keys(summary?.entries ?? {}).length;
  if (stored > ORDER_SUMMARY_SIZE + TRIM_SLACK) {
    const kept = new Set(newest.slice(0, ORDER_SUMMARY_SIZE).map((entry) => entry.orderNumber));
    const dropped = Object.keys(summary!.entries!).filter((orderNumber) => !kept.has(orderNumber));
    // Only named keys go: an entry another writer adds meanwhile stays.
    await OrderSummaryModel.updateOne({ _id: customerId }, { $unset: Object.fromEntries(dropped.map((orderNumber) => [entryPath(orderNumber), 1])) });
  }
  return newest.slice(0, ORDER_SUMMARY_SIZE);
}

function entryPath(orderNumber: string): string {
  return `entries.${orderNumber}`;
}

/**
 * Writes one order's entry as the order now is, in one upsert and no read: added or replaced, or
 * dropped when it no longer belongs. Writers of different orders touch different keys. (On FerretDB
 * an update is a read and a separate write of the whole document, so two writers of one customer at
 * the same instant can lose one entry; the summary is a cache, and `rebuildOrderSummary` puts it
 * right from `Order`.)
 */
export async function writeOrderSummaryEntry(order: OrderLike & { customerId: Types.ObjectId }): Promise<void> {
  const customerId = order.customerId;
  if (!summarised(order)) {
    // Never placed (a sold-out attempt): it was never written, so there is nothing to drop.
    if (!order.placedAt) return;
    await OrderSummaryModel.updateOne({ _id: customerId }, { $unset: { [entryPath(order.orderNumber)]: 1 } });
    return;
  }
  await upsertRacing(() => OrderSummaryModel.updateOne({ _id: customerId }, { $set: { [entryPath(order.orderNumber)]: summaryOf(order) }, $setOnInsert: { customerId } }, { upsert: true }));
}

/** Brings one order's entry up to date from `Order` (the truth), after a status change. */
export async function refreshOrderSummary(orderId: Types.ObjectId): Promise<void> {
  const order = (await OrderModel.findById(orderId).lean()) as (OrderLike & { customerId: Types.ObjectId }) | null;
  if (order) await writeOrderSummaryEntry(order);
}

/** Rewrites a customer's summary from `Order`: after a crash, a lost race, or to fill it the first time. */
export async function rebuildOrderSummary(customerId: Types.ObjectId): Promise<number> {
  // Maintenance, not a turn: this one reads the customer's whole history.
  const orders = ((await OrderModel.find({ customerId }).lean()) as OrderLike[]).filter(summarised).map(summaryOf).sort(newestFirst).slice(0, ORDER_SUMMARY_SIZE);
  const entries = Object.fromEntries(orders.map((entry) => [entry.orderNumber, entry]));
  await OrderSummaryModel.updateOne({ _id: customerId }, { $set: { customerId, entries }, $unset: { orders: 1, version: 1 } }, { upsert: true, strict: false });
  return orders.length;
}

/** Rebuilds every customer's summary (migration of existing data; an admin repair). Scans `Order`. */
export async function rebuildAllOrderSummaries(): Promise<number> {
  const customerIds = (await OrderModel.distinct('customerId')) as Types.ObjectId[];
  for (const customerId of customerIds) await rebuildOrderSummary(customerId);
  return customerIds.length;
}

/** Orders of one local day, by equality on (customerId, spendDay): "the order from <date>" beyond the summary. */
export function ordersOnDay(customerId: Types.ObjectId, day: string) {
  return OrderModel.find({ customerId, spendDay: day }).lean() as Promise<OrderLike[]>;
}
