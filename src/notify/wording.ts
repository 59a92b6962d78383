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
  /** An order waiting for payment: where to pay. */
  paymentUrl?: string;
}

const STATUS_SENTENCES: Partial<Record<OrderStatus, (orderNumber: string) => string>> = {
  paid: (n) => `your order ${n} is paid and we are getting it ready.`,
  shipped: (n) => `your order ${n} is on its way.`,
  delivered: (n) => `your order ${n} was delivered.`,
  cancelled: (n) => `your order ${n} was cancelled.`,
  returned: (n) => `we received the return of your order ${n}.`,
  refunded: (n) => `your order ${n} was refunded.`,
};

/** One word for the status, as a template's {{2}}. */
export function statusPhrase(status: OrderStatus): string {
  return status;
}

export function trackingPhrase(facts: OrderUpdateFacts): string {
  const tracking = facts.tracking;
  if (!tracking?.number) return '';
  const carrier = tracking.carrier ? `${tracking.carrier} ` : '';
  return `Tracking: ${carrier}${tracking.number}${tracking.url ? ` ${tracking.url}` : ''}`;
}

export function orderUpdateText(facts: OrderUpdateFacts): string {
  if (facts.status === 'awaiting_payment' && facts.paymentUrl) return `${facts.sellerName}: to complete your order ${facts.orderNumber}, please pay here: ${facts.paymentUrl}`;
  const sentence = STATUS_SENTENCES[facts.status]?.(facts.orderNumber) ?? `your order ${facts.orderNumber} is ${facts.status}.`;
  const tracking = facts.status === 'shipped' ? trackingPhrase(facts) : '';
  return `${facts.sellerName}: ${sentence}${tracking ? ` ${tracking}` : ''}`;
}

/** Template parameters, in order: {{1}} order number, {{2}} status, {{3}} tracking or the payment link (or "-", as templates refuse empty values). */
export function orderUpdateParameters(facts: OrderUpdateFacts): string[] {
  return [facts.orderNumber, statusPhrase(facts.status), facts.paymentUrl ?? (trackingPhrase(facts) || '-')];
}

export function backInStockText(sellerName: string, productName: string): string {
  return `${sellerName}: good news, ${productName} is back in stock. Reply to order it.`;
}
