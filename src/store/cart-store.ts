import type { Types } from 'mongoose';
import { CartModel } from '../../models';
import { bucketOf } from '../core/buckets';
import { upsertRacing } from './upsert';

/** Carts are bucketed by the hour their lines last changed (`changedBucket`). */
export const CART_CHANGE_BUCKET_MS = 60 * 60_000;

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
  /** The discount code applied, if any. */
  discountCode?: string | null;
  /** The channel on which the shopper asked to be reminded of this cart: a reminder there needs no marketing opt-in. */
  reminderRequestedOn?: string | null;
}

/** The customer's one cart (shared by every channel), or null before its first line. */
export async function findCart(customerId: Types.ObjectId): Promise<CartRecord | null> {
  const cart = await CartModel.findOne({ customerId }).lean();
  return (
    cart && {
      customerId: cart.customerId,
      currency: cart.currency,
      lines: cart.lines.map(({ sku, quantity, unitPriceMinor }) => ({ sku, quantity, unitPriceMinor })),
      revision: cart.revision,
      discountCode: cart.discountCode ?? null,
      reminderRequestedOn: cart.reminderRequestedOn ?? null,
    }
  );
}

/**
 * Replaces the lines, creating the cart on its first write, and moves the revision on. A read-back's
 * facts are bound to the revision it read (a moved revision sends the yes back to a fresh read-back),
 * and the purchase confirmation to the basket's content fingerprint, which any change alters even if
 * two writers race here.
 */
export async function writeCartLines(cart: Pick<CartRecord, 'customerId' | 'currency' | 'lines' | 'discountCode' | 'reminderRequestedOn'>): Promise<void> {
  const set: Record<string, unknown> = { lines: cart.lines, changedBucket: bucketOf(new Date(), CART_CHANGE_BUCKET_MS) };
  const unset: Record<string, 1> = {};
  for (const field of ['discountCode', 'reminderRequestedOn'] as const) {
    if (cart[field]) set[field] = cart[field];
    else unset[field] = 1;
  }
  // Emptied by the shopper: what they fill next is a new cart (a reminder of its own).
  const counts = cart.lines.length === 0 ? { revision: 1, emptiedCount: 1 } : { revision: 1 };
  await upsertRacing(() => CartModel.updateOne({ customerId: cart.customerId }, { $set: set, $unset: unset, $inc: counts, $setOnInsert: { currency: cart.currency } }, { upsert: true }));
}

/** Empties the cart if it is still at `revision` (the basket an order was bought from); a cart changed since is left alone. What is filled next is a new cart. */
export async function emptyCartAt(customerId: Types.ObjectId, revision: number): Promise<void> {
  await CartModel.updateOne({ customerId, revision }, { $set: { lines: [] }, $unset: { discountCode: 1, reminderRequestedOn: 1 }, $inc: { revision: 1, emptiedCount: 1 } });
}

/**
 * Moves the cart to a new revision with the same lines: every read-back of it is answered by reading
 * back again, because the yes confirms the terms its read-back read (services/checkout/). With `from`,
 * only if the cart is still at that revision.
 */
export async function newCartRevision(customerId: Types.ObjectId, from?: number): Promise<void> {
  await CartModel.updateOne(from === undefined ? { customerId } : { customerId, revision: from }, { $inc: { revision: 1 } });
}

/**
 * The carts whose lines last changed in this hour bucket and still hold some (equality on the bucket),
 * with `emptiedCount`: the customer's cart is the same cart until it is emptied.
 */
export async function cartsChangedIn(bucket: number): Promise<(CartRecord & { updatedAt: Date; emptiedCount: number })[]> {
  const carts = await CartModel.find({ changedBucket: bucket }).select({ customerId: 1, currency: 1, lines: 1, revision: 1, emptiedCount: 1, reminderRequestedOn: 1, updatedAt: 1 }).lean();
  return carts
    .filter((cart) => cart.lines.length > 0)
    .map((cart) => ({ customerId: cart.customerId, currency: cart.currency, lines: cart.lines, revision: cart.revision, emptiedCount: cart.emptiedCount ?? 0, reminderRequestedOn: cart.reminderRequestedOn ?? null, updatedAt: cart.updatedAt }));
}
