import { ALL_MODELS } from '../../models';
import type { Logger } from '../logger';
import { rebuildAllOrderSummaries } from '../store/order-summary-store';

export interface UpgradeResult {
  /** `collection.index` names of the indexes dropped. */
  droppedIndexes: string[];
  /** Customers whose order summary was rewritten from their orders. */
  orderSummaries: number;
}

/**
 * The one-off data upgrades of earlier releases (`npm run cli -- migrate`), each safe to run again:
 * - indexes the schemas no longer declare are dropped: the `expiresAt` and `dueAt`-range indexes of
 *   the releases before time buckets cost every write and serve no query (start-up creates the
 *   declared ones, never drops);
 * - every customer's order summary is rewritten from `Order` (orders placed before summaries
 *   existed are missing from "my usual", reorder and order status until then).
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
  return { droppedIndexes, orderSummaries };
}
