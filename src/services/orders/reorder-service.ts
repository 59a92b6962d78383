import { productNameIn } from '../../core/matching';
import type { Types } from 'mongoose';
import { addDays, startOfLocalDay, type LocalDate } from '../../core/dates';
import { stockBalance } from '../../store/inventory-store';
import { findCustomerOrderByNumber, REAL_ORDER_STATUSES, recentOrders } from '../../store/order-store';
import { ordersOnDay, type OrderSummary } from '../../store/order-summary-store';
import { spendDayOf } from '../../store/spend-ledger-store';
import { productsBySku } from '../catalog';

export type ReorderSelector = { kind: 'last' } | { kind: 'usual' } | { kind: 'number'; orderNumber: string } | { kind: 'date'; date: LocalDate };

/** How far back "my usual" looks: the most frequent basket among these orders. */
const USUAL_LOOKBACK_ORDERS = 20;
const USUAL_LOOKBACK_DAYS = 180;

export async function findReorderSource(customerId: Types.ObjectId, selector: ReorderSelector, timeZone: string, now = new Date()): Promise<OrderSummary | null> {
  switch (selector.kind) {
    case 'last':
      return (await recentOrders(customerId, { limit: 1 }))[0] ?? null;
    case 'number':
      return findCustomerOrderByNumber(customerId, selector.orderNumber);
    case 'date': {
      const since = startOfLocalDay(selector.date, timeZone);
      const until = startOfLocalDay(addDays(selector.date, 1), timeZone);
      const recent = (await recentOrders(customerId, { limit: 1, since, until, includeCancelled: true }))[0];
      if (recent) return recent;
      // Older than the summary reaches: the orders of that local day, found by equality on it.
      const statuses: string[] = [...REAL_ORDER_STATUSES, 'cancelled'];
      const onDay = (await ordersOnDay(customerId, spendDayOf(selector.date))).filter((order) => statuses.includes(order.status) && order.placedAt);
      return onDay.sort((a, b) => b.placedAt!.getTime() - a.placedAt!.getTime())[0] ?? null;
    }
    case 'usual': {
      const orders = await recentOrders(customerId, { limit: USUAL_LOOKBACK_ORDERS, since: new Date(now.getTime() - USUAL_LOOKBACK_DAYS * 86_400_000) });
      return mostFrequentBasket(orders);
    }
  }
}

/** The order whose basket (skus and quantities) recurs most; ties go to the most recent. */
function mostFrequentBasket(ordersNewestFirst: OrderSummary[]): OrderSummary | null {
  const counts = new Map<string, { count: number; newest: OrderSummary }>();
  for (const order of ordersNewestFirst) {
    const basket = order.lines
      .map((line) => `${line.sku}x${line.quantity}`)
      .sort()
      .join(',');
    const entry = counts.get(basket);
    if (entry) entry.count++;
    else counts.set(basket, { count: 1, newest: order });
  }
  let best: { count: number; newest: OrderSummary } | null = null;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.newest ?? null;
}

export type ReorderLineStatus = 'ok' | 'repriced' | 'short' | 'out-of-stock' | 'unavailable';

export interface ReorderLine {
  sku: string;
  name: string;
  quantity: number;
  /** What can be ordered now: less than `quantity` when stock is short. */
  availableQuantity: number;
  pricePaidMinor: number;
  priceNowMinor: number | null;
  status: ReorderLineStatus;
}

/**
 * The past order held against today's catalogue: what is the same, what costs something else now,
 * what is short or gone. The customer is told every difference and chooses; nothing changes silently.
 * Products are named in the shopper's language (`locale`).
 */
export async function compareWithToday(order: OrderSummary, locale = 'en-US'): Promise<ReorderLine[]> {
  const products = await productsBySku(order.lines.map((line) => line.sku));
  const lines: ReorderLine[] = [];
  for (const line of order.lines) {
    const product = products.get(line.sku);
    if (!product || !product.active) {
      lines.push({ sku: line.sku, name: line.name, quantity: line.quantity, availableQuantity: 0, pricePaidMinor: line.unitPriceMinor, priceNowMinor: null, status: 'unavailable' });
      continue;
    }
    const inStock = await stockBalance(line.sku);
    const availableQuantity = Math.min(line.quantity, inStock);
    const status: ReorderLineStatus = inStock === 0 ? 'out-of-stock' : inStock < line.quantity ? 'short' : product.priceMinor !== line.unitPriceMinor ? 'repriced' : 'ok';
    lines.push({ sku: line.sku, name: productNameIn(product, locale), quantity: line.quantity, availableQuantity, pricePaidMinor: line.unitPriceMinor, priceNowMinor: product.priceMinor, status });
  }
  return lines;
}
