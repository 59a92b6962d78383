import { rebuildOrderSummary } from '../src/store/order-summary-store';
import type { Types } from 'mongoose';
import { ChannelIdentityModel, CustomerModel, OrderModel } from '../models';
import { handleTurn } from '../src/conversation/engine';
import type { Slots } from '../src/conversation/turn';
import { loadConfig } from '../src/config';
import { commerceSettings } from '../src/services/settings';
import { round, summarize, timeAsync, type LatencySummary } from './support/stats';

export interface ReorderRow {
  /** What the shopper asked: "order again", "my usual", "where is my order". */
  turn: string;
  heavy: LatencySummary;
  /** The same turn for a customer with a single past order, measured before the long history was inserted. */
  baseline: LatencySummary;
}

export interface ReorderResult {
  pastOrders: number;
  ordersInCollection: number;
  insertSeconds: number;
  rows: ReorderRow[];
}

const BASKETS = [
  [{ sku: 'COF-001', name: 'Colombian Coffee', quantity: 2, unitPriceMinor: 1299 }],
  [{ sku: 'TEA-002', name: 'Green Tea', quantity: 3, unitPriceMinor: 499 }],
  [
    { sku: 'COF-001', name: 'Colombian Coffee', quantity: 1, unitPriceMinor: 1299 },
    { sku: 'PAN-003', name: 'Pasta', quantity: 3, unitPriceMinor: 299 },
  ],
];

/**
 * A customer with `count` delivered orders, one every seven hours up to now, inserted straight through
 * the model oldest first, as they would have been placed (FerretDB scans in insertion order).
 */
async function customerWithOrders(count: number, label: string): Promise<string> {
  const customer = await CustomerModel.create({ displayName: label, timeZone: 'America/New_York', addresses: [{ recipient: label, line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' }], preferences: { kidMode: false } });
  const externalId = `bench-${label}-${customer._id}`;
  await ChannelIdentityModel.create({ channel: 'webchat', externalId, customerId: customer._id });
  const batch = 1000;
  const now = Date.now();
  for (let start = 0; start < count; start += batch) {
    const docs = [];
    for (let i = start; i < Math.min(count, start + batch); i++) docs.push(orderDoc(customer._id, i, now - (count - 1 - i) * 3_600_000 * 7));
    await OrderModel.insertMany(docs, { ordered: false, lean: true });
  }
  // Bulk-inserted history bypasses placement, so its per-customer summary is built as a migration would.
  await rebuildOrderSummary(customer._id);
  return externalId;
}

function orderDoc(customerId: Types.ObjectId, i: number, placedAt: number) {
  const lines = BASKETS[i % BASKETS.length]!.map((line) => ({ ...line, lineTotalMinor: line.quantity * line.unitPriceMinor }));
  const subtotalMinor = lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  const key = `${customerId}-${i}`;
  return {
    orderNumber: `B${customerId.toString().slice(-8)}-${i}`,
    idempotencyKey: `bench-${key}`,
    customerId,
    channel: 'webchat',
    sellerName: 'Corner Market',
    lines,
    currency: 'USD',
    subtotalMinor,
    taxMinor: 0,
    deliveryFeeMinor: 0,
    totalMinor: subtotalMinor,
    deliveryAddress: { line1: '1 Main St' },
    status: 'delivered',
    placedAt: new Date(placedAt),
  };
}

const TURNS: { label: string; slots?: Slots; intent: 'Reorder' | 'OrderStatus' }[] = [
  { label: 'reorder the last order', intent: 'Reorder' },
  { label: 'reorder "my usual"', intent: 'Reorder', slots: { reorderOf: 'usual' } },
  { label: 'order status (newest order)', intent: 'OrderStatus' },
];

export async function runReorderBenchmark(options: { pastOrders: number; iterations: number }): Promise<ReorderResult> {
  const settings = commerceSettings(loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }));
  const measure = async (turn: (typeof TURNS)[number], externalId: string): Promise<LatencySummary> => {
    const samples: number[] = [];
    for (let i = 0; i < options.iterations + 2; i++) {
      const ms = await timeAsync(async () => {
        const reply = await handleTurn({ channel: 'webchat', channelUserId: externalId, locale: 'en-US', voice: false, intent: { name: turn.intent, slots: turn.slots ?? {} } }, settings);
        if (reply.errorCode) throw new Error(`${turn.label} failed: ${reply.errorCode}`);
      });
      // The first two are warm-up (connection pool, caches).
      if (i >= 2) samples.push(ms);
    }
    return summarize(samples);
  };

  const light = await customerWithOrders(1, 'light');
  const baselines = [];
  for (const turn of TURNS) baselines.push(await measure(turn, light));

  const insertStarted = Date.now();
  const heavy = await customerWithOrders(options.pastOrders, 'heavy');
  const insertSeconds = round((Date.now() - insertStarted) / 1000, 1);
  const ordersInCollection = await OrderModel.estimatedDocumentCount();

  const rows: ReorderRow[] = [];
  for (const [i, turn] of TURNS.entries()) rows.push({ turn: turn.label, heavy: await measure(turn, heavy), baseline: baselines[i]! });
  return { pastOrders: options.pastOrders, ordersInCollection, insertSeconds, rows };
}
