import type { OrderStatus } from '../core/order-rules';

/**
 * What a notification says, once for every text channel (each trims it to its own limits) and as the
 * parameters of the operator's approved templates. en-US only for now: notifications follow the
 * conversation's locale bundles once those carry more than one language.
 */

export interface OrderUpdateFacts {
  sellerName: string;
  orderNumber: string;
  status: OrderStatus;
  tracking?: { carrier?: string | null; number?: string | null; url?: string | null } | null;
}

const STATUS_SENTENCES: Partial<Record<OrderStatus, string>> = {
  paid: 'payment received; we are getting it ready',
  shipped: 'on its way',
  delivered: 'delivered',
  cancelled: 'cancelled',
  returned: 'returned to us; thank you',
  refunded: 'refunded; the money is on its way back to you',
};

export function statusPhrase(status: OrderStatus): string {
  return STATUS_SENTENCES[status] ?? status;
}

export function trackingPhrase(facts: OrderUpdateFacts): string {
  const tracking = facts.tracking;
  if (!tracking?.number) return '';
  const carrier = tracking.carrier ? `${tracking.carrier} ` : '';
  return `Tracking: ${carrier}${tracking.number}${tracking.url ? ` ${tracking.url}` : ''}`;
}

export function orderUpdateText(facts: OrderUpdateFacts): string {
  const tracking = facts.status === 'shipped' ? trackingPhrase(facts) : '';
  return `${facts.sellerName}: your order ${facts.orderNumber} is ${statusPhrase(facts.status)}.${tracking ? ` ${tracking}` : ''}`;
}

/** Template parameters, in order: {{1}} order number, {{2}} status, {{3}} tracking (or "-", as templates refuse empty values). */
export function orderUpdateParameters(facts: OrderUpdateFacts): string[] {
  return [facts.orderNumber, statusPhrase(facts.status), trackingPhrase(facts) || '-'];
}

export function backInStockText(sellerName: string, productName: string): string {
  return `${sellerName}: good news, ${productName} is back in stock. Reply to order it.`;
}
