import mongoose from 'mongoose';
import { ALL_MODELS } from '../../models';
import type { Logger } from '../logger';
import { rebuildAllOrderSummaries } from '../store/order-summary-store';

export interface UpgradeResult {
  /** `collection.index` names of the indexes dropped. */
  droppedIndexes: string[];
  /** Customers whose order summary was rewritten from their orders. */
  orderSummaries: number;
  /** Collections no model uses any more, dropped. */
  droppedCollections: string[];
}

/** `sequenceheads`: the stock ledger's heads before the product document was the head (nothing else used them). */
const RETIRED_COLLECTIONS = ['sequenceheads'];

/**
 * The one-off data upgrades of earlier releases (`npm run cli -- migrate`), each safe to run again:
 * - indexes the schemas no longer declare are dropped: the `expiresAt` and `dueAt`-range indexes of
 *   the releases before time buckets cost every write and serve no query (start-up creates the
 *   declared ones, never drops);
 * - every customer's order summary is rewritten from `Order` (orders placed before summaries
 *   existed are missing from "my usual", reorder and order status until then), into its entries
 *   by order number (a summary of the releases before keeps a list, which readers still read);
 * - collections no model uses any more are dropped.
 * What needs no step: products without `stockSeq` get their head on their next stock change (until
 * then their ledger is sorted once per read), and orders whose log starts with a 'pending' entry are
 * read as placing writes none (store/order-store.ts).
 */
export async function upgradeData(log: Logger): Promise<UpgradeResult> {
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
  const existing = new Set((await mongoose.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name));
  const droppedCollections = RETIRED_COLLECTIONS.filter((name) => existing.has(name));
  for (const name of droppedCollections) await mongoose.connection.db!.dropCollection(name);
  if (droppedCollections.length > 0) log.info({ droppedCollections }, 'migrate: dropped collections no model uses');
  return { droppedIndexes, orderSummaries, droppedCollections };
}
