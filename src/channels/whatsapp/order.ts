import type { Logger } from '../../logger';
import { changeCustomerCart } from '../../services/cart-service';
import { productsBySku } from '../../services/catalog-service';
import { identifyCustomer } from '../../services/customer-service';
import type { CommerceSettings } from '../../services/settings';
import type { CartLine } from '../../store/cart-store';

/** One line of a WhatsApp `order` message (sent from a catalog cart). Its price is the customer's device's, never trusted. */
export interface WhatsAppOrderItem {
  product_retailer_id: string;
  quantity: number;
  item_price?: number;
  currency?: string;
}

/**
 * The ordered items as cart lines at OUR catalogue prices: item_price and currency from the webhook are
 * ignored, unknown or inactive products dropped, repeated products merged.
 */
export async function repricedOrderLines(items: readonly WhatsAppOrderItem[]): Promise<{ lines: CartLine[]; dropped: string[] }> {
  const quantities = new Map<string, number>();
  for (const item of items) quantities.set(item.product_retailer_id, (quantities.get(item.product_retailer_id) ?? 0) + item.quantity);
  const products = await productsBySku([...quantities.keys()]);
  const lines: CartLine[] = [];
  const dropped: string[] = [];
  for (const [sku, quantity] of quantities) {
    const product = products.get(sku);
    if (!product || !product.active) dropped.push(sku);
    else lines.push({ sku, quantity, unitPriceMinor: product.priceMinor });
  }
  return { lines, dropped };
}

/** Replaces the customer's one cart with the order sent from the WhatsApp catalog, re-priced from our catalogue. */
export async function applyWhatsAppOrder(channelUserId: string, items: readonly WhatsAppOrderItem[], settings: CommerceSettings, log: Logger, locale = 'en-US'): Promise<void> {
  const { customerId } = await identifyCustomer('whatsapp', channelUserId, locale);
  const { lines, dropped } = await repricedOrderLines(items);
  if (dropped.length > 0) log.warn({ dropped }, 'whatsapp order named products we do not sell; left out of the cart');
  await changeCustomerCart(customerId, settings, (cart) => cart.replaceCartLines(lines));
}
