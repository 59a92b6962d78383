import type { Types } from 'mongoose';
import { CART_CHANGE_BUCKET_MS, cartsChangedIn, findCart } from '../../store/cart-store';
import { enqueueJob } from '../../store/outbox-store';
import { scanBuckets } from '../../store/time-buckets';
import { productsBySku } from '../catalog';

export const CART_REMINDER_JOB_KIND = 'cart-reminder';

export interface CartReminderPayload {
  customerId: string;
  /** The cart revision left behind: a reminder goes only while the cart is still at it. */
  revision: number;
  /** When the cart was left (ms): a message from the shopper after it cancels the reminder. */
  changedAt: number;
}

/**
 * One reminder per cart: the customer, and how often their cart was emptied before this filling. A
 * reminder the shopper asked for has its own key, so an unsolicited one queued earlier for the same
 * cart (perhaps withheld) does not swallow it.
 */
export function cartReminderJobKey(customerId: string, emptiedCount: number, asked: boolean): string {
  return `cart-reminder:${customerId}:cart-${emptiedCount}${asked ? ':asked' : ''}`;
}

/** Hour buckets of cart changes, scanned a day and a half back after an outage. */
const CART_SCAN = { name: 'cart-reminders', sizeMs: CART_CHANGE_BUCKET_MS, overlap: 1, maxBuckets: 36 };

/**
 * Queues one reminder per cart left with lines for `afterHours` (found by equality on the hour its
 * lines last changed, never by a range). A cart is one filling of the customer's cart, until an order
 * or the shopper empties it: the job key names the customer and how often their cart was emptied, so a
 * cart changed and left again gets no second reminder, however often this runs. The payload keeps the
 * revision left behind, which the sender checks again when it goes.
 */
export async function queueCartReminders(now: Date, afterHours: number): Promise<number> {
  const leftBefore = now.getTime() - afterHours * CART_CHANGE_BUCKET_MS;
  let queued = 0;
  await scanBuckets(CART_SCAN, new Date(leftBefore), async (bucket) => {
    let waiting = 0;
    for (const cart of await cartsChangedIn(bucket)) {
      if (cart.updatedAt.getTime() > leftBefore) {
        waiting++;
        continue;
      }
      const payload: CartReminderPayload = { customerId: String(cart.customerId), revision: cart.revision, changedAt: cart.updatedAt.getTime() };
      if (await enqueueJob({ jobKey: cartReminderJobKey(payload.customerId, cart.emptiedCount, !!cart.reminderRequestedOn), kind: CART_REMINDER_JOB_KIND, customerId: cart.customerId, payload }, now)) queued++;
    }
    return waiting === 0;
  });
  return queued;
}

/**
 * The cart a reminder is about, as its lines' words ("2 Colombian Coffee"), if it is still at that
 * revision with lines, and the channel where the shopper asked to be reminded, if they did.
 */
export async function reminderCart(customerId: Types.ObjectId, revision: number): Promise<{ items: string; requestedOn: string | null } | null> {
  const cart = await findCart(customerId);
  if (!cart || cart.revision !== revision || cart.lines.length === 0) return null;
  const products = await productsBySku(cart.lines.map((line) => line.sku));
  return { items: cart.lines.map((line) => `${line.quantity} ${products.get(line.sku)?.name ?? line.sku}`).join(', '), requestedOn: cart.reminderRequestedOn ?? null };
}
