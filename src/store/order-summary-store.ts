import type { Types } from 'mongoose';
import { ORDER_SUMMARY_SIZE, OrderModel, OrderSummaryModel, type Order } from '../../models';
import { insertOnce } from './insert-once';

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

/** One `_id` read: the customer's newest orders, newest first. */
export async function readOrderSummary(customerId: Types.ObjectId): Promise<OrderSummary[]> {
  const summary = await OrderSummaryModel.findById(customerId).lean();
  return (summary?.orders ?? []) as OrderSummary[];
}

const WRITE_ATTEMPTS = 20;

/**
 * Brings one order's entry up to date from `Order` (the truth): added, replaced, or dropped when it
 * no longer belongs; then the newest ORDER_SUMMARY_SIZE are kept. The write names the version it
 * read, so a racing writer's change is merged, not overwritten. (On FerretDB a conditional update
 * is a read and a separate write, so two writers can still both succeed in a narrow window; the
 * summary is a cache, and `rebuildOrderSummary` puts it right from `Order`.)
 */
export async function refreshOrderSummary(orderId: Types.ObjectId): Promise<void> {
  const order = (await OrderModel.findById(orderId).lean()) as OrderLike | null;
  if (!order) return;
  const customerId = (order as unknown as { customerId: Types.ObjectId }).customerId;
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const current = await OrderSummaryModel.findById(customerId).lean();
    const listed = (current?.orders ?? []) as OrderSummary[];
    const others = listed.filter((entry) => String(entry._id) !== String(orderId));
    // An order that was never placed (a sold-out attempt) and is not listed changes nothing: no write.
    if (!summarised(order) && others.length === listed.length) return;
    const orders = (summarised(order) ? [...others, summaryOf(order)] : others).sort(newestFirst).slice(0, ORDER_SUMMARY_SIZE);
    if (!current) {
      if (await insertOnce(OrderSummaryModel, { _id: customerId, customerId, orders, version: 1 })) return;
      continue;
    }
    const { modifiedCount } = await OrderSummaryModel.updateOne({ _id: customerId, version: current.version }, { $set: { orders, version: current.version + 1 } });
    if (modifiedCount === 1) return;
  }
  // Many writers at once for one customer: the truth is in `Order`, so rewrite the summary from it.
  await rebuildOrderSummary(customerId);
}

/** Rewrites a customer's summary from `Order`: after a crash, a lost race, or to fill it the first time. */
export async function rebuildOrderSummary(customerId: Types.ObjectId): Promise<number> {
  // Maintenance, not a turn: this one reads the customer's whole history.
  const orders = ((await OrderModel.find({ customerId }).lean()) as OrderLike[]).filter(summarised).map(summaryOf).sort(newestFirst).slice(0, ORDER_SUMMARY_SIZE);
  await OrderSummaryModel.updateOne({ _id: customerId }, { $set: { customerId, orders }, $inc: { version: 1 } }, { upsert: true });
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
