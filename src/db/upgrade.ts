import mongoose from 'mongoose';
import { ALL_MODELS } from '../../models';
import type { Logger } from '../logger';
import { markUnmarkedPendingOrders } from '../store/order-store';
import { rebuildAllOrderSummaries } from '../store/order-summary-store';

export interface UpgradeResult {
  /** `collection.index` names of the indexes dropped. */
  droppedIndexes: string[];
  /** Customers whose order summary was rewritten from their orders. */
  orderSummaries: number;
  /** Collections of earlier releases that were dropped. */
  droppedCollections: string[];
  /** Orders left pending by a release before resume marks, now marked for maintenance to finish. */
  pendingOrdersMarked: number;
}

/**
 * Collections no model declares any more, whose documents nothing reads or sweeps:
 * - `webchatreplies`: web chat's own message claims and stored replies, now the pipeline's event
 *   claims (`ProcessedEvent`, which keeps the answer); a resend of a message sent before the upgrade runs its turn again;
 * - `sequenceheads`: where the stock ledger's newest entry was, before the product document was the ledger's head
 *   (no other log used them).
 */
const RETIRED_COLLECTIONS = ['webchatreplies', 'sequenceheads'];

/**
 * The one-off data upgrades of earlier releases (`npm run cli -- migrate`), each safe to run again:
 * - indexes the schemas no longer declare are dropped: the `expiresAt` and `dueAt`-range indexes of
 *   the releases before time buckets cost every write and serve no query (start-up creates the
 *   declared ones, never drops);
 * - every customer's order summary is rewritten from `Order` (orders placed before summaries
 *   existed are missing from "my usual", reorder and order status until then), into its entries
 *   by order number (a summary of the releases before keeps a list, which readers still read);
 * - retired collections are dropped (see `RETIRED_COLLECTIONS`);
 * - orders a release before resume marks left pending (a crash mid-placement) are marked due now, so
 *   maintenance finishes or fails them (their stock and spend given back) instead of holding them forever.
 * What needs no step: products without `stockSeq` get their head on their next stock change (until
 * then their ledger is sorted once per read), and orders whose log starts with a 'pending' entry are
 * read as placing writes none (store/order-store.ts).
 */
export async function upgradeData(log: Logger, now = new Date()): Promise<UpgradeResult> {
  const droppedIndexes: string[] = [];
  for (const model of ALL_MODELS) {
    const { toDrop } = await model.diffIndexes();
    for (const name of toDrop) {
      await model.collection.dropIndex(name);
      droppedIndexes.push(`${model.collection.collectionName}.${name}`);
    }
  }
  if (droppedIndexes.length > 0) log.info({ droppedIndexes }, 'migrate: dropped indexes the schemas no longer declare');
  const orderSummaries = await rebuildAllOrderSummaries();
  log.info({ orderSummaries }, 'migrate: order summaries rebuilt from orders');
  const db = mongoose.connection.db!;
  const droppedCollections: string[] = [];
  for (const name of RETIRED_COLLECTIONS) {
    if ((await db.listCollections({ name }, { nameOnly: true }).toArray()).length === 0) continue;
    await db.dropCollection(name);
    droppedCollections.push(name);
  }
  if (droppedCollections.length > 0) log.info({ droppedCollections }, 'migrate: dropped collections of earlier releases');
  const pendingOrdersMarked = await markUnmarkedPendingOrders(now);
  if (pendingOrdersMarked > 0) log.info({ pendingOrdersMarked }, 'migrate: pending orders of earlier releases marked for maintenance');
  return { droppedIndexes, orderSummaries, droppedCollections, pendingOrdersMarked };
}
