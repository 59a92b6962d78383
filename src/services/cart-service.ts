import type { Types } from 'mongoose';
import { computeTotals, type PricedLine, type Totals } from '../core/money';
import { loadCart, saveCartLines, type CartLine } from '../store/cart-store';
import { stockBalance } from '../store/inventory-store';
import { productsBySku, type CatalogProduct } from './catalog-service';
import type { CommerceSettings } from './settings';

export interface CartView {
  lines: (PricedLine & { lineTotalMinor: number; priceWhenAddedMinor: number; inStock: number; product: CatalogProduct })[];
  totals: Totals;
  /** Lines whose price changed since they were added: the customer is told, never silently charged. */
  repriced: { sku: string; name: string; fromMinor: number; toMinor: number }[];
  revision: number;
}

export type AddOutcome =
  | { ok: true; cart: CartView; quantityInCart: number }
  | { ok: false; code: 'PRODUCT_NOT_FOUND' }
  | { ok: false; code: 'OUT_OF_STOCK'; available: number; product: CatalogProduct };

/** Adds to the customer's one cart (shared by all channels) at today's price, within the stock there is. */
export async function addToCart(customerId: Types.ObjectId, sku: string, quantity: number, settings: CommerceSettings): Promise<AddOutcome> {
  const product = (await productsBySku([sku])).get(sku);
  if (!product || !product.active) return { ok: false, code: 'PRODUCT_NOT_FOUND' };
  const cart = await loadCart(customerId, settings.pricing.currency);
  const existing = cart.lines.find((line) => line.sku === sku);
  const wanted = (existing?.quantity ?? 0) + quantity;
  const available = await stockBalance(sku);
  if (available < wanted) return { ok: false, code: 'OUT_OF_STOCK', available: Math.max(0, available - (existing?.quantity ?? 0)), product };
  const lines: CartLine[] = existing
    ? cart.lines.map((line) => (line.sku === sku ? { ...line, quantity: wanted, unitPriceMinor: product.priceMinor } : line))
    : [...cart.lines, { sku, quantity, unitPriceMinor: product.priceMinor }];
  await saveCartLines(customerId, lines);
  return { ok: true, cart: await viewCart(customerId, settings), quantityInCart: wanted };
}

/** Removes `quantity` units (all of them when omitted). Returns null when the product was not in the cart. */
export async function removeFromCart(customerId: Types.ObjectId, sku: string, quantity: number | null, settings: CommerceSettings): Promise<CartView | null> {
  const cart = await loadCart(customerId, settings.pricing.currency);
  const existing = cart.lines.find((line) => line.sku === sku);
  if (!existing) return null;
  const remaining = quantity === null ? 0 : existing.quantity - quantity;
  const lines = remaining > 0 ? cart.lines.map((line) => (line.sku === sku ? { ...line, quantity: remaining } : line)) : cart.lines.filter((line) => line.sku !== sku);
  await saveCartLines(customerId, lines);
  return viewCart(customerId, settings);
}

export async function replaceCart(customerId: Types.ObjectId, lines: CartLine[], settings: CommerceSettings): Promise<CartView> {
  await loadCart(customerId, settings.pricing.currency);
  await saveCartLines(customerId, lines);
  return viewCart(customerId, settings);
}

/** The cart priced at today's catalogue prices, with stock and any price changes since adding. */
export async function viewCart(customerId: Types.ObjectId, settings: CommerceSettings): Promise<CartView> {
  const cart = await loadCart(customerId, settings.pricing.currency);
  const products = await productsBySku(cart.lines.map((line) => line.sku));
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
      inStock: await stockBalance(line.sku),
      product,
    });
  }
  return { lines, totals: computeTotals(lines, settings.pricing), repriced, revision: cart.revision };
}
