import type { Types } from 'mongoose';
import type { Config } from '../../config';
import { UCP_CAPABILITIES, UCP_CHANNEL, UCP_VERSION, ucpLineItem, ucpTotals, type UcpMessage } from '../../core/ucp';
import { basketWork, viewCart, type CartView } from '../../services/cart';
import { placeSessionBasket, type BuyerContext, type CheckoutRefusal } from '../../services/checkout';
import { advanceOrder } from '../../services/orders';
import type { CommerceSettings } from '../../services/settings';
import { findCustomer } from '../../store/customer-store';
import { saveUcpCheckout, type UcpCheckoutLine, type UcpCheckoutRecord } from '../../store/ucp-checkout-store';
import type { ChargeUcpOrder, UcpPaymentCredential } from './payment';
import { ucpPaymentHandlers } from './profile';

/**
 * A UCP checkout session against our commerce core: its lines priced and stocked as the cart is
 * (`viewCart`), every change since the platform last saw a price reported as a message and never
 * charged silently, and completion through the same placement and guard checks as a yes.
 */

/** The platform's own checkout UI is where the buyer confirms: not a voice order, and no voice code. */
const UCP_BUYER: BuyerContext = { channel: UCP_CHANNEL, voice: false, speakerRecognized: false };

export interface Assessed {
  view: CartView;
  messages: UcpMessage[];
  status: 'incomplete' | 'ready_for_complete';
  /** The lines with the prices now shown, for when the platform has been told of a change. */
  shownNow: UcpCheckoutLine[];
  repriced: boolean;
}

/** Lines asked for by sku and quantity, at the prices the platform will now be shown (same sku merged). */
export async function linesAtTodaysPrices(customerId: Types.ObjectId, wanted: readonly { sku: string; quantity: number }[], settings: CommerceSettings): Promise<UcpCheckoutLine[]> {
  const merged = new Map<string, number>();
  for (const line of wanted) merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
  const products = await basketWork(customerId, [], settings.pricing.currency).products([...merged.keys()]);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity, shownPriceMinor: products.get(sku)?.priceMinor ?? 0 }));
}

export async function assess(session: UcpCheckoutRecord, settings: CommerceSettings): Promise<Assessed> {
  const cartLines = session.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPriceMinor: line.shownPriceMinor }));
  const view = await viewCart(basketWork(session.customerId, cartLines, session.currency), settings);
  const messages: UcpMessage[] = [];
  session.lines.forEach((line, index) => {
    const priced = view.lines.find((candidate) => candidate.sku === line.sku);
    const path = `$.line_items[${index}]`;
    if (!priced || !priced.product.active) {
      messages.push({ type: 'error', code: 'item_unavailable', path, severity: 'recoverable', content: `${line.sku} is no longer sold.` });
    } else if (priced.inStock < line.quantity) {
      messages.push({ type: 'error', code: 'out_of_stock', path, severity: 'recoverable', content: `Only ${Math.max(0, priced.inStock)} of ${priced.name} in stock.` });
    }
  });
  for (const change of view.repriced) {
    const index = session.lines.findIndex((line) => line.sku === change.sku);
    messages.push({ type: 'warning', code: 'totals_changed', path: `$.line_items[${index}].item.price`, content: `The price of ${change.name} changed from ${change.fromMinor} to ${change.toMinor} (minor units).` });
  }
  const customer = await findCustomer(session.customerId);
  if (!customer?.addresses?.[0]) messages.push({ type: 'error', code: 'missing', path: '$.fulfillment', severity: 'requires_buyer_input', content: 'The customer has no delivery address on file.' });
  const shownNow = session.lines.map((line) => ({ ...line, shownPriceMinor: view.lines.find((candidate) => candidate.sku === line.sku)?.unitPriceMinor ?? line.shownPriceMinor }));
  return { view, messages, status: messages.some((message) => message.type === 'error') ? 'incomplete' : 'ready_for_complete', shownNow, repriced: view.repriced.length > 0 };
}

/** The checkout as UCP's checkout capability returns it. */
export function checkoutBody(config: Config, session: UcpCheckoutRecord, assessed: Pick<Assessed, 'view' | 'messages'>, status: string) {
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const lines = session.lines.map((line, index) => {
    const priced = assessed.view.lines.find((candidate) => candidate.sku === line.sku);
    return ucpLineItem({ sku: line.sku, name: priced?.name ?? line.sku, quantity: line.quantity, unitPriceMinor: priced?.unitPriceMinor ?? line.shownPriceMinor }, index);
  });
  return {
    ucp: { version: UCP_VERSION, capabilities: { [UCP_CAPABILITIES.checkout]: [{ version: UCP_VERSION }] }, payment_handlers: ucpPaymentHandlers() },
    id: session._id,
    status,
    currency: session.currency,
    line_items: lines,
    totals: ucpTotals(assessed.view.totals),
    messages: assessed.messages,
    // UNCONFIRMED: which link types a platform requires; the shop's terms are the one we have.
    links: [{ type: 'terms_of_service', url: `${base}/terms` }],
    expires_at: new Date(session.expiresAt).toISOString(),
    ...(session.orderNumber ? { order: { id: session.orderNumber, permalink_url: `${base}/orders/${session.orderNumber}` } } : {}),
  };
}

const REFUSAL_MESSAGES: Record<CheckoutRefusal['code'], Pick<UcpMessage, 'code' | 'severity'>> = {
  CART_EMPTY: { code: 'missing', severity: 'recoverable' },
  NO_ADDRESS: { code: 'missing', severity: 'requires_buyer_input' },
  OUT_OF_STOCK: { code: 'out_of_stock', severity: 'recoverable' },
  RESTRICTED_BY_VOICE: { code: 'item_ineligible', severity: 'recoverable' },
  AGE_VERIFICATION_REQUIRED: { code: 'item_ineligible', severity: 'requires_buyer_review' },
  ORDER_LIMIT_EXCEEDED: { code: 'quantity_invalid_limit_exceeded', severity: 'recoverable' },
  DAILY_LIMIT_EXCEEDED: { code: 'quantity_invalid_limit_exceeded', severity: 'unrecoverable' },
  VOICE_CODE_NOT_SET: { code: 'item_ineligible', severity: 'unrecoverable' },
  VOICE_CODE_LOCKED: { code: 'item_ineligible', severity: 'unrecoverable' },
  // UNCONFIRMED: the UCP message code for a discount that no longer applies; sessions carry no discount code yet.
  DISCOUNT_NOT_APPLICABLE: { code: 'invalid', severity: 'recoverable' },
};

export type Completion = { kind: 'answer'; status: string; messages: UcpMessage[]; session: UcpCheckoutRecord; view: CartView };

/**
 * Completes a ready session: a price changed since the platform saw it is reported and the shown
 * prices move on (the platform completes again, knowingly); otherwise the basket is placed (one
 * order per session, whatever the retries), and the credential charged for the order's exact total.
 * A declined charge cancels the order (its stock and spend go back) and the session.
 */
export async function completeCheckout(session: UcpCheckoutRecord, credential: UcpPaymentCredential, charge: ChargeUcpOrder, settings: CommerceSettings, now: Date): Promise<Completion> {
  const assessed = await assess(session, settings);
  if (assessed.status !== 'ready_for_complete' || assessed.repriced) {
    const shown = { ...session, lines: assessed.shownNow };
    await saveUcpCheckout({ ...shown, status: assessed.status }, now);
    return { kind: 'answer', status: assessed.status, messages: assessed.messages, session: shown, view: assessed.view };
  }
  const customer = await findCustomer(session.customerId);
  if (!customer) return { kind: 'answer', status: 'canceled', messages: [{ type: 'error', code: 'unrecoverable', severity: 'unrecoverable', content: 'The customer no longer exists.' }], session, view: assessed.view };
  const lines = session.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPriceMinor: line.shownPriceMinor }));
  const placed = await placeSessionBasket(customer, { sessionKey: session._id, lines }, UCP_BUYER, settings, now);
  if (placed.result !== 'placed') {
    const code = placed.result === 'refused' ? placed.refusal.code : placed.code;
    const known = code in REFUSAL_MESSAGES ? REFUSAL_MESSAGES[code as CheckoutRefusal['code']] : { code: 'out_of_stock', severity: 'recoverable' as const };
    return { kind: 'answer', status: 'incomplete', messages: [{ type: 'error', ...known, content: code }], session, view: assessed.view };
  }
  const order = placed.order;
  if (order.status === 'cancelled') return cancelledByPayment(session, assessed.view, now);
  const charged = await charge(order, credential, settings, now);
  if (!charged.ok) {
    await advanceOrder(order._id, 'cancelled', 'system:ucp-payment', { note: `payment ${charged.reason}` }, now);
    return cancelledByPayment(session, assessed.view, now);
  }
  const completed = { ...session, status: 'completed' as const, orderNumber: order.orderNumber };
  await saveUcpCheckout(completed, now);
  return { kind: 'answer', status: 'completed', messages: [], session: completed, view: assessed.view };
}

async function cancelledByPayment(session: UcpCheckoutRecord, view: CartView, now: Date): Promise<Completion> {
  const canceled = { ...session, status: 'canceled' as const };
  await saveUcpCheckout(canceled, now);
  return { kind: 'answer', status: 'canceled', messages: [{ type: 'error', code: 'payment_declined', severity: 'unrecoverable', content: 'The payment was not accepted; nothing was charged and the order was cancelled.' }], session: canceled, view };
}

