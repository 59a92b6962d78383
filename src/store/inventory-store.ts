import { InventoryLedgerModel, ProductModel, type InventoryLedgerEntry } from '../../models';
import { appendInSequence, latestEntry, type LogShape } from './sequenced-log';

/** A sku's stock history grows for as long as the sku is sold. */
const LEDGER: LogShape = { grows: true };

export type LedgerReason = InventoryLedgerEntry['reason'];

export async function stockBalance(sku: string): Promise<number> {
  return (await latestEntry(InventoryLedgerModel, { sku }, LEDGER))?.balance ?? 0;
}

/**
 * Appends the next ledger entry of a sku; `deltaFor(balance)` decides the change from the latest
 * balance, or returns null to refuse. The balance can never go below zero.
 */
async function changeStock(sku: string, deltaFor: (balance: number) => number | null, reason: LedgerReason, orderRef?: string): Promise<{ applied: boolean; balance: number }> {
  const { appended, latest } = await appendInSequence(InventoryLedgerModel, { sku }, (latest) => {
    const balance = latest?.balance ?? 0;
    const delta = deltaFor(balance);
    if (delta === null || balance + delta < 0) return null;
    return { delta, balance: balance + delta, reason, orderRef, at: new Date() };
  }, LEDGER);
  if (!appended) return { applied: false, balance: latest?.balance ?? 0 };
  await refreshStockCache(sku);
  return { applied: true, balance: appended.balance };
}

export function reserveStock(sku: string, quantity: number, orderRef: string) {
  return changeStock(sku, (balance) => (balance >= quantity ? -quantity : null), 'reserve', orderRef);
}

export function releaseStock(sku: string, quantity: number, orderRef: string) {
  return changeStock(sku, () => quantity, 'release', orderRef);
}

/** Sets the balance to an absolute figure (a stock count, an import). */
export function setStockLevel(sku: string, level: number, reason: LedgerReason = 'adjust') {
  return changeStock(sku, (balance) => level - balance, reason);
}

/** Units still held per sku by an order's reservations (reserved minus released). */
export async function heldByOrder(orderRef: string): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  for (const entry of await InventoryLedgerModel.find({ orderRef }).lean()) {
    held.set(entry.sku, (held.get(entry.sku) ?? 0) - entry.delta);
  }
  return held;
}

/**
 * The product's `stock` is a display cache of the ledger. Two writers can land their cache writes in
 * either order, so each writer re-reads the ledger after writing and writes again if a newer entry
 * appeared: whoever writes last has just read the latest entry, and the cache converges on it.
 * Decisions (reserving, "is it in stock?") read the ledger, never this cache.
 */
async function refreshStockCache(sku: string): Promise<void> {
  let written = -1;
  for (let attempt = 0; attempt < 10; attempt++) {
    const latest = await latestEntry(InventoryLedgerModel, { sku }, LEDGER);
    if (!latest || latest.seq === written) return;
    await ProductModel.updateOne({ sku }, { $set: { stock: latest.balance, stockSeq: latest.seq } }, { timestamps: false });
    written = latest.seq;
  }
}
