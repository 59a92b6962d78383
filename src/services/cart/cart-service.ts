import type { Types } from 'mongoose';
import type { DiscountOutcome } from '../../core/discount';
import { computeTotals, type PricedLine, type Totals } from '../../core/money';
import { currentStockHead } from '../../store/inventory-store';
import { openCartWork, type CartWork as StoredCartWork } from '../../store/unit-of-work';
import { productsBySku, type CatalogProduct } from '../catalog';
import { checkDiscountForCustomer, priceDiscount } from '../discounts';
import type { CartLine } from '../../store/cart-store';
import type { CommerceSettings } from '../settings';

/** What the cart use cases need: the cart and the products in it, read once and written once (by the turn's unit of work). */
export type CartWork = Pick<StoredCartWork, 'cart' | 'replaceCartLines' | 'setDiscountCode' | 'products'>;

export interface CartView {
  lines: (PricedLine & { lineTotalMinor: number; priceWhenAddedMinor: number; inStock: number; product: CatalogProduct })[];
  totals: Totals;
  /** Lines whose price changed since they were added: the customer is told, never silently charged. */
  repriced: { sku: string; name: string; fromMinor: number; toMinor: number }[];
  revision: number;
  /** The applied code's outcome on this basket now (in `totals` when it applies), or null without a code. */
  discount: DiscountOutcome | null;
}

export type AddOutcome =
  | { ok: true; cart: CartView; quantityInCart: number }
  | { ok: false; code: 'PRODUCT_NOT_FOUND' }
  | { ok: false; code: 'OUT_OF_STOCK'; available: number; product: CatalogProduct };

/**
 * The stock of `product` for `wanted` units: its head as the turn loaded it, or, when that is too
 * few, the ledger after it (`currentStockHead`), written into the turn's product so the cart view and
 * the reservation start from it. So "out of stock" never rests on a head the ledger has moved past.
 */
async function stockFor(product: CatalogProduct, wanted: number): Promise<number> {
  if (product.stock >= wanted) return product.stock;
  const head = await currentStockHead(product.sku, product);
  product.stock = head.stock;
  product.stockSeq = head.stockSeq;
  return product.stock;
}

/**
 * Adds to the customer's one cart (shared by all channels) at today's price, within the stock there
 * is. The stock figure is the product's, the ledger's head (checked on the ledger before refusing):
 * placing the order decides on the ledger.
 */
export async function addToCart(work: CartWork, sku: string, quantity: number, settings: CommerceSettings): Promise<AddOutcome> {
  const product = (await work.products([sku])).get(sku);
  if (!product || !product.active) return { ok: false, code: 'PRODUCT_NOT_FOUND' };
  const { cart } = work;
  const existing = cart.lines.find((line) => line.sku === sku);
  const wanted = (existing?.quantity ?? 0) + quantity;
  const stock = await stockFor(product, wanted);
  if (stock < wanted) return { ok: false, code: 'OUT_OF_STOCK', available: Math.max(0, stock - (existing?.quantity ?? 0)), product };
  work.replaceCartLines(
    existing ? cart.lines.map((line) => (line.sku === sku ? { ...line, quantity: wanted, unitPriceMinor: product.priceMinor } : line)) : [...cart.lines, { sku, quantity, unitPriceMinor: product.priceMinor }],
  );
  return { ok: true, cart: await viewCart(work, settings), quantityInCart: wanted };
}

/** Removes `quantity` units (all of them when omitted). Returns null when the product was not in the cart. */
export async function removeFromCart(work: CartWork, sku: string, quantity: number | null, settings: CommerceSettings): Promise<CartView | null> {
  const { cart } = work;
  const existing = cart.lines.find((line) => line.sku === sku);
  if (!existing) return null;
  const remaining = quantity === null ? 0 : existing.quantity - quantity;
  work.replaceCartLines(remaining > 0 ? cart.lines.map((line) => (line.sku === sku ? { ...line, quantity: remaining } : line)) : cart.lines.filter((line) => line.sku !== sku));
  return viewCart(work, settings);
}

/** A cart change outside a turn (an order sent from a WhatsApp catalogue): the cart is read, changed and written here. */
export async function changeCustomerCart<T>(customerId: Types.ObjectId, settings: CommerceSettings, change: (work: CartWork) => T | Promise<T>): Promise<T> {
  const work = await openCartWork(customerId, settings.pricing.currency);
  const result = await change(work);
  await work.save();
  return result;
}

/**
 * Lines held outside the customer's one cart (an assistant's checkout session, at the prices last
 * shown): read-only, priced and stocked by `viewCart` exactly as the cart is.
 */
export function basketWork(customerId: Types.ObjectId, lines: readonly CartLine[], currency: string): CartWork {
  const loaded = new Map<string, CatalogProduct | null>();
  return {
    cart: { customerId, currency, revision: 0, lines: lines.map(({ sku, quantity, unitPriceMinor }) => ({ sku, quantity, unitPriceMinor })) },
    replaceCartLines() {
      throw new Error('a basket outside the cart is not changed through the cart');
    },
    setDiscountCode() {
      throw new Error('a basket outside the cart is not changed through the cart');
    },
    async products(skus) {
      const missing = skus.filter((sku) => !loaded.has(sku));
      if (missing.length > 0) {
        const found = await productsBySku(missing);
        for (const sku of missing) loaded.set(sku, found.get(sku) ?? null);
      }
      return new Map(skus.flatMap((sku) => (loaded.get(sku) ? [[sku, loaded.get(sku)!] as const] : [])));
    },
  };
}

/** The cart priced at today's catalogue prices, with stock and any price changes since adding. */
export async function viewCart(work: CartWork, settings: CommerceSettings, now = new Date()): Promise<CartView> {
  const { cart } = work;
  const products = await work.products(cart.lines.map((line) => line.sku));
  const lines: CartView['lines'] = [];
  const repriced: CartView['repriced'] = [];
  for (const line of cart.lines) {
    const product = products.get(line.sku);
    if (!product) continue;
    if (product.priceMinor !== line.unitPriceMinor) repriced.push({ sku: line.sku, name: product.name, fromMinor: line.unitPriceMinor, toMinor: product.priceMinor });
    lines.push({
      sku: line.sku,
      name: product.name,
      quantity: line.quantity,
      unitPriceMinor: product.priceMinor,
      lineTotalMinor: product.priceMinor * line.quantity,
      priceWhenAddedMinor: line.unitPriceMinor,
      inStock: await stockFor(product, line.quantity),
      product,
    });
  }
  const discount = cart.discountCode ? await priceDiscount(cart.discountCode, discountLines(lines), now) : null;
  return { lines, totals: computeTotals(lines, settings.pricing, discount?.ok ? discount : undefined), repriced, revision: cart.revision, discount };
}

function discountLines(lines: CartView['lines']) {
  return lines.map(({ sku, name, quantity, unitPriceMinor, product }) => ({ sku, name, quantity, unitPriceMinor, category: product.category }));
}

export type ApplyDiscountOutcome = { ok: true; cart: CartView } | { ok: false; refusal: DiscountOutcome & { ok: false } };

/**
 * "Apply code X" on any channel: the code's terms on this basket and this customer's (or everyone's)
 * uses so far. Kept on the cart only when it applies now; the read-back and the yes price it again.
 */
export async function applyDiscountCode(work: CartWork, customerId: Types.ObjectId, code: string, settings: CommerceSettings, now = new Date()): Promise<ApplyDiscountOutcome> {
  const before = await viewCart(work, settings, now);
  const outcome = await checkDiscountForCustomer(code, customerId, discountLines(before.lines), now);
  if (!outcome.ok) return { ok: false, refusal: outcome };
  work.setDiscountCode(code);
  return { ok: true, cart: await viewCart(work, settings, now) };
}

/** Takes the applied code off the cart (it no longer applies, or the shopper asked). */
export function removeDiscountCode(work: CartWork): void {
  if (work.cart.discountCode) work.setDiscountCode(null);
}

/** One line of an order sent from a platform's catalogue (a WhatsApp cart), as the channel parsed it. */
export interface CatalogOrderItem {
  sku: string;
  quantity: number;
}

/**
 * Replaces the customer's one cart with an order sent from a platform's catalogue, at OUR catalogue
 * prices (a price the platform sends comes from the customer's device and is never trusted): unknown
 * or inactive products are left out and returned, repeated products merged.
 */
export async function replaceCartWithCatalogOrder(customerId: Types.ObjectId, items: readonly CatalogOrderItem[], settings: CommerceSettings): Promise<{ dropped: string[] }> {
  return changeCustomerCart(customerId, settings, async (work) => {
    const quantities = new Map<string, number>();
    for (const item of items) quantities.set(item.sku, (quantities.get(item.sku) ?? 0) + item.quantity);
    const products = await work.products([...quantities.keys()]);
    const lines: CartLine[] = [];
    const dropped: string[] = [];
    for (const [sku, quantity] of quantities) {
      const product = products.get(sku);
      if (!product || !product.active) dropped.push(sku);
      else lines.push({ sku, quantity, unitPriceMinor: product.priceMinor });
    }
    work.replaceCartLines(lines);
    return { dropped };
  });
}
