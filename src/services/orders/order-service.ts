import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Channel } from '../../core/channels';
import type { Totals, PricedLine } from '../../core/money';
import { cancellableUntil, customerMayCancel, newOrderNumber, type OrderStatus } from '../../core/order-rules';
import { emptyCartAt, newCartRevision } from '../../store/cart-store';
import { findCustomer } from '../../store/customer-store';
import { giveBackLease, takeLease } from '../../store/lease';
import { heldByOrder, releaseStock, reserveStock, type StockHead } from '../../store/inventory-store';
import {
  alignStatusCache,
  changeOrderStatus,
  currentStatus,
  discardPendingOrder,
  findOrderById,
  findOrderByKey,
  findOrderByNumber,
  insertPendingOrder,
  markOrderFinished,
  markOrderPlaced,
  markOrderUnfinished,
  REAL_ORDER_STATUSES,
  RESUME_BUCKET_MS,
  statusLog,
  unfinishedOrdersIn,
  type OrderRecord,
} from '../../store/order-store';
import { enqueueJobs } from '../../store/outbox-store';
import { writeOrderSummaryEntry } from '../../store/order-summary-store';
import { chargedToOrder, chargeSpend, creditSpend, type SpendHead } from '../../store/spend-ledger-store';
import { scanBuckets } from '../../store/time-buckets';
import { claimDiscount, releaseDiscount } from '../discounts';
import { orderInsightsJob } from '../insights';
import { queueOrderStatusNotification, queueReceipt, queueStockAlerts, emailsReceipts, receiptJob } from '../notifications';
import type { CommerceSettings } from '../settings';

// Order look-ups the dialogue needs, as they are.
export { findCustomerOrderByNumber, recentOrders, type OrderRecord } from '../../store/order-store';

export interface PlaceOrderInput {
  idempotencyKey: string;
  customerId: Types.ObjectId;
  channel: Channel;
  lines: readonly PricedLine[];
  totals: Totals;
  deliveryAddress: unknown;
  /**
   * The customer's local day and daily limit: the order is charged to that day's spend ledger, or refused.
   * `head`: where that day's ledger stood when the caller read it (the read-back), so the charge needs no read.
   */
  spend: { day: string; perDayMinor: number; head?: SpendHead };
  /** The products' stock heads as the caller loaded them (a turn's unit of work), so a reservation needs no read; else each is read. */
  stockHeads?: ReadonlyMap<string, StockHead>;
  /** The revision of the customer's cart, when bought from it: once placed, the cart is emptied if still at this revision. */
  cartRevision?: number;
  /** Whether the customer gets an e-mail receipt (`emailsReceipts`), from a caller that has them loaded; else they are read. */
  receipt?: boolean;
}

export type PlacementResult =
  | { ok: true; order: OrderRecord; replayed: boolean }
  | { ok: false; code: 'OUT_OF_STOCK'; skus: string[]; order: OrderRecord; replayed: boolean }
  /** Refused by the day's spend: the order is discarded (one of an earlier release may have ended as failed). */
  | { ok: false; code: 'DAILY_LIMIT_EXCEEDED'; replayed: boolean }
  /** The discount code's uses ran out before this order took one: discarded as if never placed, nothing taken. */
  | { ok: false; code: 'DISCOUNT_NOT_APPLICABLE'; discountCode: string }
  | { ok: false; code: 'ORDER_IN_PROGRESS' };

/** `failureReason` of an order the daily limit refused in an earlier release (now such an order is discarded), so a replay of its key gives the same answer. */
const DAILY_LIMIT_REASON = 'daily limit exceeded';

/** How long a replay waits for the first request with its key to finish placing. */
const REPLAY_WAIT_MS = 15_000;
const ORDER_NUMBER_ATTEMPTS = 10;

/**
 * How long a use case on an order has to finish its steps before maintenance takes it up. Far longer
 * than any live run (which takes milliseconds), so maintenance never works an order beside its live run.
 */
export const RESUME_AFTER_MS = 2 * 60_000;

/** Test seam: called after each step of an order's use case, so a test can crash the process between two steps. */
let stepDone: (step: string) => void = () => undefined;
export function afterEachOrderStep(hook: (step: string) => void): void {
  stepDone = hook;
}

/**
 * Places an order exactly once per idempotency key, as recorded steps:
 *   1. the pending order is inserted under its unique key, marked to be resumed (the record);
 *   1b. a use of its discount code, if any, is taken on the code's use log (refused when used up: discarded);
 *   2. stock is reserved line by line on the inventory ledger;
 *   3. the total is charged to the day's spend ledger (refused over the daily limit);
 *   4. the order's entry in the customer's summary is written;
 *   5. its jobs are queued, in one insert (job keys from the order number): the job that counts its
 *      figures for insights, and its receipt;
 *   6. the cart is emptied if still at the revision bought;
 *   7. the order moves to placed and its resume mark is cleared, in one write.
 * Each step is a no-op when repeated, so a run a crash stopped is finished by maintenance
 * (`resumeUnfinishedOrders`) or, once the spend is charged, by a repeated yes: from there nothing can
 * refuse the order, and steps 4 to 7 are safe to run twice at once. A refusal is compensated: the
 * stock taken goes back, and the order ends as failed (out of stock) or is discarded (over the daily
 * limit: the yes is refused as if at the read-back, with nothing left behind).
 */
export async function placeOrder(input: PlaceOrderInput, settings: CommerceSettings, now = new Date()): Promise<PlacementResult> {
  const receipt = input.receipt ?? emailsReceipts(await findCustomer(input.customerId));
  const record = await insertWithFreshNumber(input, settings, now);
  if (!record.inserted) return replayOf(record.order, receipt, now);
  stepDone('recorded');
  return carryOutPlacement(record.order, { held: new Map(), charged: false, receipt, stockHeads: input.stockHeads, spendHead: input.spend.head }, now);
}

/**
 * The placement already made under this key, as a repeat of it would answer (waiting while it
 * places), or null when there is none: a yes that arrives after its basket was ordered elsewhere.
 */
export async function earlierPlacement(idempotencyKey: string, receipt: boolean, now = new Date()): Promise<PlacementResult | null> {
  const order = await findOrderByKey(idempotencyKey);
  return order ? replayOf(order, receipt, now) : null;
}

/** What earlier runs of a placement already did (stock held per sku, whether the spend is charged), and what the caller knows. */
interface PlacementProgress {
  held: Map<string, number>;
  charged: boolean;
  receipt: boolean;
  stockHeads?: ReadonlyMap<string, StockHead>;
  spendHead?: SpendHead;
}

async function carryOutPlacement(order: OrderRecord, progress: PlacementProgress, now: Date): Promise<PlacementResult> {
  // First, before any stock is held: of many buyers racing for a code's last uses, the losers hold nothing to give back.
  if (order.discountCode && !(await claimDiscount(order.discountCode, order.customerId, order.idempotencyKey))) {
    await discardPendingOrder(order._id);
    return { ok: false, code: 'DISCOUNT_NOT_APPLICABLE', discountCode: order.discountCode };
  }
  stepDone('discount claimed');
  for (const line of order.lines) {
    const missing = line.quantity - (progress.held.get(line.sku) ?? 0);
    if (missing > 0 && !(await reserveStock(line.sku, missing, order.idempotencyKey, progress.stockHeads?.get(line.sku))).applied) {
      await failOrder(order, `out of stock: ${line.sku}`, now);
      // The failed order keeps its key, so a replay of this yes hears the same answer; the cart moves to a
      // new revision (a new key), so checking out the same basket after a restock is a new attempt.
      if (typeof order.cartRevision === 'number') await newCartRevision(order.customerId, order.cartRevision);
      return { ok: false, code: 'OUT_OF_STOCK', skus: [line.sku], order: (await findOrderById(order._id))!, replayed: false };
    }
    stepDone(`stock reserved: ${line.sku}`);
  }

  // After the stock: of many buyers of a scarce item only those who got one queue on their day's ledger.
  if (!progress.charged && !(await chargeSpend(order.customerId, order.spendDay!, order.idempotencyKey, order.totalMinor, order.perDayLimitMinor!, progress.spendHead)).charged) {
    // Refused by the day's spend: the stock goes back and the order is discarded, as if never placed (the key is free to try again).
    await giveBack(order, now);
    await discardPendingOrder(order._id);
    return { ok: false, code: 'DAILY_LIMIT_EXCEEDED', replayed: false };
  }
  stepDone('spend charged');
  const placed = await finishPlacement(order, progress.receipt, now);
  return { ok: true, order: placed, replayed: false };
}

/**
 * Steps 4 to 7, once the stock is held and the spend charged: safe to run again at any time, and
 * two at once (a replay beside the live run), by a replay, by maintenance, or both. Placed at `now`
 * of the run that finishes it (the yes, unless a crash stopped that run).
 */
async function finishPlacement(order: OrderRecord, receipt: boolean, now: Date): Promise<OrderRecord> {
  const placed: OrderRecord = { ...order, status: 'placed', placedAt: order.placedAt ?? now };
  await writeOrderSummaryEntry(placed);
  stepDone('summarised');
  // Its figures (counted once by the job, however many runs queue it) and its receipt: one insert of both.
  await enqueueJobs([orderInsightsJob({ ...placed, placedAt: placed.placedAt! }), ...(receipt ? [receiptJob(placed)] : [])], now);
  stepDone('jobs queued');
  if (typeof order.cartRevision === 'number') await emptyCartAt(order.customerId, order.cartRevision);
  stepDone('cart emptied');
  await markOrderPlaced(order._id, placed.placedAt!);
  stepDone('placed');
  return { ...placed, resumeAt: undefined, resumeBucket: undefined };
}

/** The order under the input's key: inserted now, or already there (a repeat, or a racing first request). */
async function insertWithFreshNumber(input: PlaceOrderInput, settings: CommerceSettings, now: Date): Promise<{ order: OrderRecord; inserted: boolean }> {
  for (let attempt = 0; attempt < ORDER_NUMBER_ATTEMPTS; attempt++) {
    const created = await insertPendingOrder(
      {
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
        ...(input.totals.discountCode ? { discountCode: input.totals.discountCode, discountMinor: input.totals.discountMinor ?? 0 } : {}),
        deliveryAddress: input.deliveryAddress,
        spendDay: input.spend.day,
        perDayLimitMinor: input.spend.perDayMinor,
        cartRevision: input.cartRevision,
        // From the yes, so a placement that maintenance finishes later has the window the customer was promised.
        cancellableUntil: cancellableUntil(now, settings.cancellationWindowMinutes),
      },
      new Date(now.getTime() + RESUME_AFTER_MS),
    );
    if (created) return { order: created, inserted: true };
    // The insert is the key's claim, with no look-up before it. FerretDB does not say which index clashed: if the key now exists, it was the key.
    const existing = await findOrderByKey(input.idempotencyKey);
    if (existing) return { order: existing, inserted: false };
  }
  throw new Error(`no free order number after ${ORDER_NUMBER_ATTEMPTS} attempts`);
}

/**
 * A repeated key: the first request's order. One whose spend is charged (so its stock is held) is
 * finished here: the first run may have died after the charge, or be finishing beside this one, and
 * those steps are safe twice. Otherwise it is waited for while it places; one that vanishes meanwhile
 * was discarded by the daily limit. An order of an earlier release, placed with its steps after
 * placed left undone, is finished too.
 */
async function replayOf(order: OrderRecord, receipt: boolean, now: Date): Promise<PlacementResult> {
  if (order.status === 'pending' && (await chargedToOrder(order.customerId, order.spendDay!, order.idempotencyKey)) > 0) {
    return outcomeOf(await finishPlacement(order, receipt, now), true);
  }
  const deadline = Date.now() + REPLAY_WAIT_MS;
  let current = order;
  while (current.status === 'pending' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const found = await findOrderById(current._id);
    if (!found) return { ok: false, code: 'DAILY_LIMIT_EXCEEDED', replayed: true };
    current = found;
  }
  if (current.status === 'placed' && current.resumeAt) {
    await finishPlacement(current, receipt, now);
    await markOrderFinished(current._id, current.resumeAt);
  }
  return outcomeOf(current, true);
}

function outcomeOf(order: OrderRecord, replayed: boolean): PlacementResult {
  if (order.status === 'pending') return { ok: false, code: 'ORDER_IN_PROGRESS' };
  if (order.status === 'failed' && order.failureReason === DAILY_LIMIT_REASON) return { ok: false, code: 'DAILY_LIMIT_EXCEEDED', replayed };
  if (order.status === 'failed') return { ok: false, code: 'OUT_OF_STOCK', skus: [], order, replayed };
  return { ok: true, order, replayed };
}

/** The compensation of a placement: only the writer that moves the order to failed gives back its stock and spend. */
async function failOrder(order: OrderRecord, reason: string, now: Date): Promise<void> {
  const change = await changeOrderStatus(order._id, 'failed', 'system', { note: reason, fields: { failureReason: reason } });
  if (change.changed) await giveBack(order, now);
  await markOrderFinished(order._id, order.resumeAt!);
}

/**
 * What a failed or cancelled order held goes back: its stock (and whoever waits for one of those skus
 * is told), its charge on the day's spend, and its discount code's use. Each part gives back only what is still held, so a
 * repeat after a crash gives nothing twice.
 */
async function giveBack(order: OrderRecord, now: Date): Promise<void> {
  for (const [sku, held] of await heldByOrder(order.idempotencyKey)) {
    if (held <= 0) continue;
    await releaseStock(sku, held, order.idempotencyKey);
    await queueStockAlerts(sku, now);
  }
  if (order.spendDay) await creditSpend(order.customerId, order.spendDay, order.idempotencyKey);
  if (order.discountCode) await releaseDiscount(order.discountCode, order.customerId, order.idempotencyKey);
}

export type CancelResult =
  | { ok: true; order: OrderRecord }
  | { ok: false; code: 'ORDER_NOT_FOUND' | 'CANCEL_WINDOW_CLOSED' | 'INVALID_STATUS_CHANGE'; order?: OrderRecord };

/** A customer's cancellation of the order itself (channels call payments' `cancelOrderAndRefund`, which also refunds): inside the window and before packing; the stock goes back on the shelf. */
export async function cancelOrderForCustomer(order: OrderRecord, channel: Channel, now = new Date()): Promise<CancelResult> {
  if (!customerMayCancel({ status: order.status as OrderStatus, cancellableUntil: order.cancellableUntil }, now)) return { ok: false, code: 'CANCEL_WINDOW_CLOSED', order };
  const change = await advanceOrder(order._id, 'cancelled', `customer:${channel}`, { allowedFrom: ['placed', 'awaiting_payment', 'paid'] }, now);
  if (!change.changed) return { ok: false, code: 'CANCEL_WINDOW_CLOSED', order: (await findOrderById(order._id))! };
  return { ok: true, order: (await findOrderById(order._id))! };
}

type Tracking = { carrier: string; number: string; url?: string };

/**
 * Staff, fulfilment and customers moving an order along its lifecycle (paid, packed, shipped,
 * delivered, returned, cancelled), as recorded steps: the order is marked to be resumed, the change
 * is appended to its status log, a cancellation gives back stock and spend (and tells whoever waits
 * for that stock), the notification is queued under a key named after the change, and the mark is
 * cleared. Maintenance finishes a run a crash stopped (`resumeUnfinishedOrders`).
 */
export async function advanceOrder(orderId: Types.ObjectId, to: OrderStatus, source: string, extra: { note?: string; tracking?: Tracking; allowedFrom?: readonly OrderStatus[] } = {}, now = new Date()) {
  const resumeAt = new Date(now.getTime() + RESUME_AFTER_MS);
  await markOrderUnfinished(orderId, resumeAt);
  const change = await changeOrderStatus(orderId, to, source, { note: extra.note, allowedFrom: extra.allowedFrom, fields: extra.tracking ? { tracking: extra.tracking } : undefined });
  // Refused: the mark stays, and maintenance finds nothing left to do but clear it.
  if (!change.changed) return { ...change, notificationJobKey: null };
  stepDone(to);
  const order = (await findOrderById(orderId))!;
  // Returned goods are inspected before they are sold again, so only a cancellation restocks.
  if (to === 'cancelled') await giveBack(order, now);
  stepDone('given back');
  const notificationJobKey = await queueOrderStatusNotification(order, { seq: change.seq, status: to, source }, now);
  stepDone('notification queued');
  await markOrderFinished(orderId, resumeAt);
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

/** One maintainer at a time resumes orders (every process runs maintenance), so no step runs twice at once. */
const RESUME_LEASE = 'maintenance:orders';
const RESUME_LEASE_MS = 5 * 60_000;
/** One-minute buckets; after an outage a run catches up two hours of them. */
const RESUME_SCAN = { name: 'resume:orders', sizeMs: RESUME_BUCKET_MS, overlap: 2, maxBuckets: 120 };

/**
 * Finishes every order use case a crash left unfinished (found by equality on its resume bucket):
 * a placement goes on from where it stopped, a status change gets its stock, spend and notification.
 * Returns how many orders were taken up.
 */
export async function resumeUnfinishedOrders(now = new Date()): Promise<number> {
  const owner = randomUUID();
  if (!(await takeLease(RESUME_LEASE, owner, now, RESUME_LEASE_MS))) return 0;
  let resumed = 0;
  try {
    await scanBuckets(RESUME_SCAN, now, async (bucket) => {
      let waiting = 0;
      for (const order of await unfinishedOrdersIn(bucket)) {
        if (order.resumeAt! > now) waiting++;
        else {
          await catchUpOrder(order, now);
          resumed++;
        }
      }
      return waiting === 0;
    });
  } finally {
    await giveBackLease(RESUME_LEASE, owner, now);
  }
  return resumed;
}

/**
 * Runs again every step an order's use cases may have left undone, decided on its status log; each
 * step is a no-op where it was done (stock and spend are given or taken only as far as still missing,
 * jobs have keys named after their cause, the cart is emptied only at the revision bought).
 */
async function catchUpOrder(order: OrderRecord, now: Date): Promise<void> {
  const log = await statusLog(order._id);
  const status = currentStatus(order, log);
  if (status !== order.status) await alignStatusCache(order._id, status);
  const customer = await findCustomer(order.customerId);
  if (status === 'pending') {
    const [held, charged] = await Promise.all([heldByOrder(order.idempotencyKey), chargedToOrder(order.customerId, order.spendDay!, order.idempotencyKey)]);
    await carryOutPlacement(order, { held, charged: charged > 0, receipt: emailsReceipts(customer) }, now);
    return;
  }
  if (REAL_ORDER_STATUSES.includes(status)) {
    // Placed by an earlier release's steps (placed before receipt and cart): what it may have left undone.
    if (emailsReceipts(customer)) await queueReceipt(order, now);
    if (typeof order.cartRevision === 'number') await emptyCartAt(order.customerId, order.cartRevision);
  }
  if (status === 'cancelled' || status === 'failed') await giveBack(order, now);
  for (const event of log) await queueOrderStatusNotification(order, { seq: event.seq, status: event.status as OrderStatus, source: event.source }, now);
  await markOrderFinished(order._id, order.resumeAt!);
}
