import { InventoryLedgerModel, ProductModel } from '../../models';
import { isDuplicateKeyError } from '../db/connection';

export type LedgerReason = 'initial' | 'restock' | 'reserve' | 'release' | 'adjust';

/** How many times a writer re-reads after losing the race for the next sequence number. */
const MAX_ATTEMPTS = 500;

export async function stockBalance(sku: string): Promise<number> {
  const top = await InventoryLedgerModel.findOne({ sku }).sort({ seq: -1 }).select({ balance: 1 }).lean();
  return top?.balance ?? 0;
}

/**
 * Appends the next ledger entry of a sku. `deltaFor(balance)` decides the change from the latest
 * balance, or returns null to refuse (e.g. not enough stock). The unique (sku, seq) index makes
 * exactly one writer win each sequence number; a loser re-reads and decides again, so no decision
 * is ever taken on a stale balance and the balance never goes below zero.
 */
export async function appendLedgerEntry(
  sku: string,
  deltaFor: (balance: number) => number | null,
  reason: LedgerReason,
  orderRef?: string,
): Promise<{ applied: boolean; balance: number }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const top = await InventoryLedgerModel.findOne({ sku }).sort({ seq: -1 }).select({ seq: 1, balance: 1 }).lean();
    const balance = top?.balance ?? 0;
    const delta = deltaFor(balance);
    if (delta === null || balance + delta < 0) return { applied: false, balance };
    const seq = top ? top.seq + 1 : 0;
    try {
      await InventoryLedgerModel.create({ sku, seq, delta, balance: balance + delta, reason, orderRef });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await backoff(attempt);
      continue;
    }
    await refreshStockCache(sku, seq, balance + delta);
    return { applied: true, balance: balance + delta };
  }
  throw new Error(`inventory ledger for ${sku} stayed contended after ${MAX_ATTEMPTS} attempts`);
}

export function reserveStock(sku: string, quantity: number, orderRef: string) {
  return appendLedgerEntry(sku, (balance) => (balance >= quantity ? -quantity : null), 'reserve', orderRef);
}

export function releaseStock(sku: string, quantity: number, orderRef: string) {
  return appendLedgerEntry(sku, () => quantity, 'release', orderRef);
}

/** Sets the balance to an absolute figure (a stock count, an import). */
export function setStockLevel(sku: string, level: number, reason: LedgerReason = 'adjust') {
  return appendLedgerEntry(sku, (balance) => level - balance, reason);
}

/**
 * The product's `stock` is a display cache; writing it only when our entry is newer than the one
 * it reflects keeps an older writer from overwriting a newer figure in the common case. A rare
 * stale value is harmless: reservations read the ledger, never the cache.
 */
async function refreshStockCache(sku: string, seq: number, balance: number): Promise<void> {
  await ProductModel.updateOne({ sku, $or: [{ stockSeq: { $lt: seq } }, { stockSeq: { $exists: false } }] }, { $set: { stock: balance, stockSeq: seq } });
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(50, 1 + attempt) * Math.random();
  return new Promise((resolve) => setTimeout(resolve, ms));
}
