import { InventoryLedgerModel, ProductModel, type InventoryLedgerEntry } from '../../models';
import { appendInSequence, latestAfter, latestEntry } from './sequenced-log';

export type LedgerReason = InventoryLedgerEntry['reason'];

/**
 * Where a sku's stock ledger stands as its product document says: `stock` is the balance of entry
 * `stockSeq`. The product is the ledger's head: written after each append, so it may lag (a writer
 * that died in between, or a slow write FerretDB let land late), never lead. A product written
 * before it was the head has no `stockSeq`.
 */
export interface StockHead {
  stock: number;
  stockSeq?: number | null;
}

/** The ledger's newest entry as far as a head knows it: only balance and seq are needed to decide. */
type KnownBalance = Pick<InventoryLedgerEntry, 'seq' | 'balance'>;

async function knownBalance(sku: string, head?: StockHead | null): Promise<KnownBalance | null> {
  head ??= await ProductModel.findOne({ sku }).select({ stock: 1, stockSeq: 1 }).lean();
  if (typeof head?.stockSeq === 'number') return { seq: head.stockSeq, balance: head.stock };
  // A product from before the product was the ledger's head: the ledger is sorted once, and the first append writes the head.
  return latestEntry(InventoryLedgerModel, { sku });
}

/** The ledger's balance now: the product's head, then any entries after it. */
export async function stockBalance(sku: string): Promise<number> {
  return (await latestAfter(InventoryLedgerModel, { sku }, await knownBalance(sku)))?.balance ?? 0;
}

/**
 * Where the ledger stands after `head` (the product as the caller loaded it): the entries after it,
 * usually none. Anything that refuses on stock (add to cart, the read-back) asks this before it says
 * "out of stock", because a head can stay behind until the sku's next append (a writer that died
 * between its insert and the product write, or a FerretDB write that landed late), and with the shop
 * refusing on it there would be no next append. A head found behind is moved on for the next reader.
 */
export async function currentStockHead(sku: string, head: StockHead): Promise<StockHead> {
  const known = await knownBalance(sku, head);
  const latest = await latestAfter(InventoryLedgerModel, { sku }, known);
  if (!latest) return head;
  if (latest.seq !== head.stockSeq) await advanceHead(sku, latest);
  return { stock: latest.balance, stockSeq: latest.seq };
}

/**
 * Appends the next ledger entry of a sku; `deltaFor(balance)` decides the change from the latest
 * balance, or returns null to refuse. The balance can never go below zero. Starts from `head` (the
 * product as the caller loaded it) or reads the product: one insert and one product write when the
 * head is current.
 */
async function changeStock(sku: string, deltaFor: (balance: number) => number | null, reason: LedgerReason, orderRef?: string, head?: StockHead | null): Promise<{ applied: boolean; balance: number }> {
  const { appended, latest } = await appendInSequence<InventoryLedgerEntry, KnownBalance>(
    InventoryLedgerModel,
    { sku },
    (latest) => {
      const balance = latest?.balance ?? 0;
      const delta = deltaFor(balance);
      if (delta === null || balance + delta < 0) return null;
      return { delta, balance: balance + delta, reason, orderRef, at: new Date() };
    },
    { latest: await knownBalance(sku, head) },
  );
  if (!appended) return { applied: false, balance: latest?.balance ?? 0 };
  await advanceHead(sku, appended);
  return { applied: true, balance: appended.balance };
}

export function reserveStock(sku: string, quantity: number, orderRef: string, head?: StockHead | null) {
  return changeStock(sku, (balance) => (balance >= quantity ? -quantity : null), 'reserve', orderRef, head);
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
 * Moves the product's head to the entry just appended, only forward: on MongoDB the filter makes a
 * slower writer's older entry lose; on FerretDB (a read, then a write) it can still land late and
 * leave the head behind, which costs the next writer a lost insert and a read, never a wrong balance,
 * and that writer moves the head on again.
 */
async function advanceHead(sku: string, entry: KnownBalance): Promise<void> {
  await ProductModel.updateOne({ sku, $or: [{ stockSeq: { $lt: entry.seq } }, { stockSeq: { $exists: false } }] }, { $set: { stock: entry.balance, stockSeq: entry.seq } }, { timestamps: false });
}
