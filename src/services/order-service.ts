import type { Types } from 'mongoose';
import type { Channel } from '../../models';
import type { Totals, PricedLine } from '../core/money';
import { cancellableUntil, customerMayCancel, newOrderNumber, type OrderStatus } from '../core/order-rules';
import { heldByOrder, releaseStock, reserveStock } from '../store/inventory-store';
import { chargeSpend, creditSpend } from '../store/spend-ledger-store';
import {
  changeOrderStatus,
  findOrderById,
  findOrderByKey,
  findOrderByNumber,
  insertPendingOrder,
  setOrderFields,
  stalePendingOrders,
  type OrderRecord,
} from '../store/order-store';
import { queueOrderStatusNotification, queueReceipt } from './notification-service';
import type { CommerceSettings } from './settings';

// Order look-ups the dialogue needs, as they are.
export { findCustomerOrderByNumber, recentOrders, type OrderRecord } from '../store/order-store';

export interface PlaceOrderInput {
  idempotencyKey: string;
  customerId: Types.ObjectId;
  channel: Channel;
  lines: readonly PricedLine[];
  totals: Totals;
  deliveryAddress: unknown;
  /** The customer's local day and daily limit: the order is charged to that day's spend ledger, or refused. */
  spend: { day: string; perDayMinor: number };
}

export type PlacementResult =
  | { ok: true; order: OrderRecord; replayed: boolean }
  | { ok: false; code: 'OUT_OF_STOCK'; skus: string[]; order: OrderRecord; replayed: boolean }
  | { ok: false; code: 'DAILY_LIMIT_EXCEEDED'; order: OrderRecord; replayed: boolean }
  | { ok: false; code: 'ORDER_IN_PROGRESS' };

/** `failureReason` of an order the daily limit refused, so a replay of its key gives the same answer. */
const DAILY_LIMIT_REASON = 'daily limit exceeded';

/** How long a replay waits for the first request with its key to finish placing. */
const REPLAY_WAIT_MS = 15_000;
const ORDER_NUMBER_ATTEMPTS = 10;

/**
 * Places an order exactly once per idempotency key: the unique key is inserted first (as a pending
 * order), then stock is reserved line by line on the inventory ledger, then the total is charged to
 * the day's spend ledger (refused over the daily limit), and only then is the order placed.
 * If a step fails, what earlier steps took is given back and the order ends as failed.
 * A replay of the key returns the same order (waiting while the first request is still placing).
 */
export async function placeOrder(input: PlaceOrderInput, settings: CommerceSettings, now = new Date()): Promise<PlacementResult> {
  const existing = await findOrderByKey(input.idempotencyKey);
  if (existing) return replayOf(existing);

  const created = await insertWithFreshNumber(input, settings);
  if (!created) return replayOf((await findOrderByKey(input.idempotencyKey))!);

  const reserved: PricedLine[] = [];
  for (const line of input.lines) {
    const { applied } = await reserveStock(line.sku, line.quantity, input.idempotencyKey);
    if (!applied) {
      await failOrder(created._id, input.idempotencyKey, `out of stock: ${line.sku}`);
      return { ok: false, code: 'OUT_OF_STOCK', skus: [line.sku], order: (await findOrderById(created._id))!, replayed: false };
    }
    reserved.push(line);
  }

  // After the stock: of many buyers of a scarce item only those who got one queue on their day's ledger.
  const charge = await chargeSpend(input.customerId, input.spend.day, input.idempotencyKey, input.totals.totalMinor, input.spend.perDayMinor);
  if (!charge.charged) {
    await failOrder(created._id, input.idempotencyKey, DAILY_LIMIT_REASON);
    return { ok: false, code: 'DAILY_LIMIT_EXCEEDED', order: (await findOrderById(created._id))!, replayed: false };
  }

  await setOrderFields(created._id, { placedAt: now, cancellableUntil: cancellableUntil(now, settings.cancellationWindowMinutes) });
  await changeOrderStatus(created._id, 'placed', `customer:${input.channel}`);
  const placed = (await findOrderById(created._id))!;
  await queueReceipt(placed, now);
  return { ok: true, order: placed, replayed: false };
}

async function insertWithFreshNumber(input: PlaceOrderInput, settings: CommerceSettings): Promise<OrderRecord | null> {
  for (let attempt = 0; attempt < ORDER_NUMBER_ATTEMPTS; attempt++) {
    const created = await insertPendingOrder({
      orderNumber: newOrderNumber(),
      idempotencyKey: input.idempotencyKey,
      customerId: input.customerId,
      channel: input.channel,
      sellerName: settings.sellerName,
      lines: input.lines.map((line) => ({ ...line, lineTotalMinor: line.unitPriceMinor * line.quantity })),
      currency: input.totals.currency,
      subtotalMinor: input.totals.subtotalMinor,
      taxMinor: input.totals.taxMinor,
      deliveryFeeMinor: input.totals.deliveryFeeMinor,
      totalMinor: input.totals.totalMinor,
      deliveryAddress: input.deliveryAddress,
      spendDay: input.spend.day,
    });
    if (created) return created;
    // FerretDB does not say which index clashed: if the key now exists, it was the key.
    if (await findOrderByKey(input.idempotencyKey)) return null;
  }
  throw new Error(`no free order number after ${ORDER_NUMBER_ATTEMPTS} attempts`);
}

async function replayOf(order: OrderRecord): Promise<PlacementResult> {
  const deadline = Date.now() + REPLAY_WAIT_MS;
  let current = order;
  while (current.status === 'pending' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    current = (await findOrderById(current._id))!;
  }
  if (current.status === 'pending') return { ok: false, code: 'ORDER_IN_PROGRESS' };
  if (current.status === 'failed' && current.failureReason === DAILY_LIMIT_REASON) return { ok: false, code: 'DAILY_LIMIT_EXCEEDED', order: current, replayed: true };
  if (current.status === 'failed') return { ok: false, code: 'OUT_OF_STOCK', skus: [], order: current, replayed: true };
  return { ok: true, order: current, replayed: true };
}

/** Only the writer that moves the order to failed releases its stock and spend, so neither is given back twice. */
async function failOrder(orderId: Types.ObjectId, orderRef: string, reason: string): Promise<boolean> {
  const change = await changeOrderStatus(orderId, 'failed', 'system', { note: reason });
  if (!change.changed) return false;
  await setOrderFields(orderId, { failureReason: reason });
  await releaseHeldStock(orderRef);
  await creditOrderSpend((await findOrderById(orderId))!);
  return true;
}

/** Callers are the one writer of the order's final status, so a charge is given back at most once. */
async function creditOrderSpend(order: OrderRecord): Promise<void> {
  if (order.spendDay) await creditSpend(order.customerId, order.spendDay, order.idempotencyKey, order.totalMinor);
}

async function releaseHeldStock(orderRef: string): Promise<void> {
  for (const [sku, held] of await heldByOrder(orderRef)) {
    if (held > 0) await releaseStock(sku, held, orderRef);
  }
}

export type CancelResult =
  | { ok: true; order: OrderRecord }
  | { ok: false; code: 'ORDER_NOT_FOUND' | 'CANCEL_WINDOW_CLOSED' | 'INVALID_STATUS_CHANGE'; order?: OrderRecord };

/** A customer's cancellation: inside the window and before packing; the stock goes back on the shelf. */
export async function cancelOrderForCustomer(order: OrderRecord, channel: Channel, now = new Date()): Promise<CancelResult> {
  if (!customerMayCancel({ status: order.status as OrderStatus, cancellableUntil: order.cancellableUntil }, now)) return { ok: false, code: 'CANCEL_WINDOW_CLOSED', order };
  const change = await changeOrderStatus(order._id, 'cancelled', `customer:${channel}`, { allowedFrom: ['placed', 'paid'] });
  if (!change.changed) return { ok: false, code: 'CANCEL_WINDOW_CLOSED', order: (await findOrderById(order._id))! };
  await releaseHeldStock(order.idempotencyKey);
  const cancelled = (await findOrderById(order._id))!;
  await creditOrderSpend(cancelled);
  return { ok: true, order: cancelled };
}

/** Staff and fulfilment moving an order along its lifecycle (paid, packed, shipped, delivered, returned, cancelled). */
export async function advanceOrder(orderId: Types.ObjectId, to: OrderStatus, source: string, extra: { note?: string; tracking?: { carrier: string; number: string; url?: string } } = {}, now = new Date()) {
  const change = await changeOrderStatus(orderId, to, source, { note: extra.note });
  if (!change.changed) return { ...change, notificationJobKey: null };
  if (extra.tracking) await setOrderFields(orderId, { tracking: extra.tracking });
  const order = (await findOrderById(orderId))!;
  // Returned goods are inspected before they are sold again, so only a cancellation restocks.
  if (to === 'cancelled') {
    await releaseHeldStock(order.idempotencyKey);
    await creditOrderSpend(order);
  }
  const notificationJobKey = await queueOrderStatusNotification(order, { seq: change.seq, status: to, source }, now);
  return { ...change, notificationJobKey };
}

export type StatusUpdateResult =
  | { ok: true; order: OrderRecord; notificationJobKey: string | null }
  | { ok: false; code: 'ORDER_NOT_FOUND' }
  | { ok: false; code: 'INVALID_STATUS_CHANGE'; current: OrderStatus };

/** Staff changing an order's status by its number: the change is recorded and its notification queued. */
export async function updateOrderStatus(orderNumber: string, to: OrderStatus, source: string, extra: { note?: string; tracking?: { carrier: string; number: string; url?: string } } = {}, now = new Date()): Promise<StatusUpdateResult> {
  const order = await findOrderByNumber(orderNumber);
  if (!order) return { ok: false, code: 'ORDER_NOT_FOUND' };
  const change = await advanceOrder(order._id, to, source, extra, now);
  if (!change.changed) return { ok: false, code: 'INVALID_STATUS_CHANGE', current: change.current };
  return { ok: true, order: (await findOrderById(order._id))!, notificationJobKey: change.notificationJobKey };
}

/**
 * Orders left pending by a crash between inserting and placing: fail them and release what they
 * hold. Safe to run from several processes: only the one that wins the move to failed releases.
 */
export async function recoverStalePendingOrders(olderThanMs = 2 * 60_000, now = new Date()): Promise<number> {
  let recovered = 0;
  for (const order of await stalePendingOrders(new Date(now.getTime() - olderThanMs))) {
    if (await failOrder(order._id, order.idempotencyKey, 'placement interrupted')) recovered++;
  }
  return recovered;
}
