/**
 * Bulk filler for the growth section: documents of other customers, shaped as the app writes them,
 * inserted straight through the driver in big batches (no validation, no hooks) so 100,000 per
 * collection take seconds, not the hours real turns would. Unique keys, customer ids spread over a
 * thousand customers, dates spread over months, so indexes and equality lookups have real work.
 */
import { Types, type Model } from 'mongoose';
import { CustomerModel, expiresBucketOf, InboundEventModel, InventoryLedgerModel, OrderModel, OutboxModel, SessionModel } from '../models';
import { bucketOf } from '../src/core/buckets';

const FILLER_CUSTOMERS = 1_000;
const FILLER_SKUS = 1_000;
const BATCH = 5_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The large collections a shop accumulates, as named in the report. Processed events are the inbound
 * events a webhook records (its dedupe claim); the ledger is the stock ledger every order appends to.
 * The filler runs at about 850 documents a second on 2 busy cores, so the smaller logs (the older
 * ProcessedEvent claims of SMS/Google, the daily spend ledger) are left out to keep the run bounded.
 */
export const GROWING_COLLECTIONS = ['orders', 'sessions', 'processed (inbound) events', 'outbox', 'ledger entries (stock)'] as const;
export type GrowingCollection = (typeof GROWING_COLLECTIONS)[number];

const MODELS: Record<GrowingCollection, Model<never>> = {
  orders: OrderModel as unknown as Model<never>,
  sessions: SessionModel as unknown as Model<never>,
  'processed (inbound) events': InboundEventModel as unknown as Model<never>,
  outbox: OutboxModel as unknown as Model<never>,
  'ledger entries (stock)': InventoryLedgerModel as unknown as Model<never>,
};

const CHANNELS = ['alexa', 'messenger', 'whatsapp', 'webchat', 'sms', 'instagram'] as const;
const STATUSES = ['delivered', 'delivered', 'delivered', 'shipped', 'placed', 'cancelled'] as const;
const BASKETS = [
  [{ sku: 'COF-001', name: 'Colombian Coffee', quantity: 2, unitPriceMinor: 1299 }],
  [{ sku: 'TEA-002', name: 'Green Tea', quantity: 3, unitPriceMinor: 499 }],
  [
    { sku: 'COF-001', name: 'Colombian Coffee', quantity: 1, unitPriceMinor: 1299 },
    { sku: 'PAN-003', name: 'Pasta', quantity: 3, unitPriceMinor: 299 },
  ],
];

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

type Generator = (i: number, customerId: Types.ObjectId, now: number) => Record<string, unknown>;

function generators(runId: string): Record<GrowingCollection, Generator> {
  return {
    orders: (i, customerId, now) => {
      const lines = BASKETS[i % BASKETS.length]!.map((line) => ({ ...line, lineTotalMinor: line.quantity * line.unitPriceMinor }));
      const subtotalMinor = lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
      const placedAt = now - ((i * 37 * 60_000) % (180 * DAY_MS)) - HOUR_MS;
      return {
        orderNumber: `F${runId}-${i}`,
        idempotencyKey: `filler-${runId}-${i}`,
        customerId,
        channel: CHANNELS[i % CHANNELS.length],
        sellerName: 'Corner Market',
        lines,
        currency: 'USD',
        subtotalMinor,
        taxMinor: Math.round(subtotalMinor * 0.0825),
        deliveryFeeMinor: 499,
        totalMinor: subtotalMinor + Math.round(subtotalMinor * 0.0825) + 499,
        deliveryAddress: { line1: `${i} Filler Road`, city: 'Springfield', postalCode: '12345', country: 'US' },
        status: STATUSES[i % STATUSES.length],
        placedAt: new Date(placedAt),
        cancellableUntil: new Date(placedAt + 30 * 60_000),
        spendDay: day(placedAt),
        anonymised: false,
        createdAt: new Date(placedAt),
        updatedAt: new Date(placedAt),
      };
    },
    sessions: (i, customerId, now) => {
      const channel = CHANNELS[i % CHANNELS.length]!;
      const channelUserId = `filler-${runId}-${i}`;
      const expiresAt = new Date(now + HOUR_MS + (i % 24) * HOUR_MS);
      return { key: `${channel}:${channelUserId}`, channel, channelUserId, customerId, locale: 'en-US', dialog: {}, lastInboundAt: new Date(now - (i % 24) * HOUR_MS), handoff: false, expiresAt, expiresBucket: expiresBucketOf(expiresAt), createdAt: new Date(now - DAY_MS), updatedAt: new Date(now) };
    },
    'processed (inbound) events': (i, _customerId, now) => {
      const channel = i % 2 === 0 ? 'messenger' : 'whatsapp';
      const receivedAt = new Date(now - (i % 47) * HOUR_MS);
      const expiresAt = new Date(receivedAt.getTime() + 48 * HOUR_MS);
      // Worked and answered, as nearly all of them are: no due buckets, no payload (markDone unsets them).
      return { key: `${channel}:m_filler_${runId}_${i}`, channel, eventId: `m_filler_${runId}_${i}`, lane: `${channel}:filler-${runId}-${i % 20_000}`, sentAt: receivedAt, receivedAt, state: 'done', attempts: 1, doneAt: receivedAt, expiresAt, expiresBucket: expiresBucketOf(expiresAt) };
    },
    outbox: (i, customerId, now) => {
      const kind = i % 2 === 0 ? 'messenger' : 'whatsapp';
      const nextAttemptAt = new Date(now - ((i * 11 * 60_000) % (30 * DAY_MS)) - HOUR_MS);
      return {
        jobKey: `reply:filler-${runId}-${i}`,
        kind,
        customerId,
        payload: { recipient: `filler-${runId}-${i % 20_000}`, messages: [{ text: 'Added 1 Colombian Coffee to your cart.' }] },
        status: 'sent',
        attempts: 1,
        nextAttemptAt,
        dueBucket: bucketOf(nextAttemptAt, 60_000),
        sentAt: nextAttemptAt,
        progress: 1,
        createdAt: nextAttemptAt,
        updatedAt: nextAttemptAt,
      };
    },
    'ledger entries (stock)': (i, _customerId, now) => {
      // Other products' stock histories: entry `seq` of sku `i % FILLER_SKUS`, so top-ups continue each log.
      const seq = Math.floor(i / FILLER_SKUS);
      return { sku: `FILLER-${runId}-${i % FILLER_SKUS}`, seq, delta: seq === 0 ? 1_000_000 : -1, balance: 1_000_000 - seq, reason: seq === 0 ? 'initial' : 'reserve', orderRef: `filler-${runId}-${i}`, at: new Date(now - (i % 1000) * 60_000) };
    },
  };
}

export interface FillResult {
  /** Documents in each collection after the fill. */
  counts: Record<GrowingCollection, number>;
  insertedDocuments: number;
  seconds: number;
}

/** Fills each growing collection up to `target` documents; call again with a larger target to grow them. */
export function createFiller(runId = Date.now().toString(36)) {
  const make = generators(runId);
  const next: Record<string, number> = {};
  let customers: Types.ObjectId[] | undefined;
  return async function fillTo(target: number): Promise<FillResult> {
    const started = Date.now();
    customers ??= (await CustomerModel.insertMany(Array.from({ length: FILLER_CUSTOMERS }, (_, i) => ({ displayName: `Filler Customer ${i}`, timeZone: 'America/New_York', preferences: { kidMode: false } })), { lean: true })).map((customer) => customer._id);
    const counts = {} as Record<GrowingCollection, number>;
    let insertedDocuments = 0;
    const now = Date.now();
    // The collections are filled side by side: PostgreSQL works on several inserts at once.
    await Promise.all(
      GROWING_COLLECTIONS.map(async (name) => {
        const collection = MODELS[name].collection;
        const have = await collection.countDocuments();
        for (let left = target - have; left > 0; ) {
          const size = Math.min(BATCH, left);
          const docs = Array.from({ length: size }, () => {
            const i = (next[name] = (next[name] ?? -1) + 1);
            return make[name](i, customers![i % FILLER_CUSTOMERS]!, now);
          });
          await collection.insertMany(docs, { ordered: false });
          insertedDocuments += size;
          left -= size;
        }
        counts[name] = await collection.countDocuments();
      }),
    );
    return { counts, insertedDocuments, seconds: Math.round((Date.now() - started) / 100) / 10 };
  };
}
