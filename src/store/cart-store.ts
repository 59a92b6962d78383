import type { Types } from 'mongoose';
import { CartModel } from '../../models';
import { insertOnce } from './insert-once';

export interface CartLine {
  sku: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface CartRecord {
  customerId: Types.ObjectId;
  currency: string;
  lines: CartLine[];
  revision: number;
}

/** One cart per customer, shared by every channel; created on first use. */
export async function loadCart(customerId: Types.ObjectId, currency: string): Promise<CartRecord> {
  const existing = await CartModel.findOne({ customerId }).lean();
  if (existing) return toRecord(existing);
  await insertOnce(CartModel, { customerId, currency, lines: [] });
  return toRecord((await CartModel.findOne({ customerId }).lean())!);
}

/**
 * Replaces the lines. The revision is informative only: a purchase confirmation is bound to the
 * basket's content fingerprint, which any change alters even if two writers race here.
 */
export async function saveCartLines(customerId: Types.ObjectId, lines: CartLine[]): Promise<CartRecord> {
  await CartModel.updateOne({ customerId }, { $set: { lines }, $inc: { revision: 1 } });
  return toRecord((await CartModel.findOne({ customerId }).lean())!);
}

/** Empties the cart if it is still at `revision` (the basket an order was bought from); a cart changed since is left alone. */
export async function emptyCartAt(customerId: Types.ObjectId, revision: number): Promise<void> {
  await CartModel.updateOne({ customerId, revision }, { $set: { lines: [] }, $inc: { revision: 1 } });
}

function toRecord(cart: { customerId: Types.ObjectId; currency: string; lines: CartLine[]; revision: number }): CartRecord {
  return { customerId: cart.customerId, currency: cart.currency, lines: cart.lines.map(({ sku, quantity, unitPriceMinor }) => ({ sku, quantity, unitPriceMinor })), revision: cart.revision };
}
