import type { OrderStatus } from '../core/order-rules';
import { messagesFor } from '../conversation/locales';

/**
 * What a notification says, once for every text channel (each trims it to its own limits) and as the
 * parameters of the operator's approved templates, in the customer's language (the conversation's
 * locale bundles hold the words).
 */

export interface OrderUpdateFacts {
  sellerName: string;
  orderNumber: string;
  status: OrderStatus;
  tracking?: { carrier?: string | null; number?: string | null; url?: string | null } | null;
  /** An order waiting for payment: where to pay. */
  paymentUrl?: string;
}

/** One word for the status, as a template's {{2}}. */
export function statusPhrase(status: OrderStatus, locale = 'en-US'): string {
  return messagesFor(locale).notifications.status(status);
}

export function trackingPhrase(facts: OrderUpdateFacts, locale = 'en-US'): string {
  const tracking = facts.tracking;
  if (!tracking?.number) return '';
  const carrier = tracking.carrier ? `${tracking.carrier} ` : '';
  return messagesFor(locale).notifications.tracking(`${carrier}${tracking.number}${tracking.url ? ` ${tracking.url}` : ''}`);
}

export function orderUpdateText(facts: OrderUpdateFacts, locale = 'en-US'): string {
  if (facts.status === 'awaiting_payment' && facts.paymentUrl) return `${facts.sellerName}: ${messagesFor(locale).notifications.payHere(facts.orderNumber, facts.paymentUrl)}`;
  const sentence = messagesFor(locale).notifications.orderUpdate(facts.status, facts.orderNumber);
  const tracking = facts.status === 'shipped' ? trackingPhrase(facts, locale) : '';
  return `${facts.sellerName}: ${sentence}${tracking ? ` ${tracking}` : ''}`;
}

/** Template parameters, in order: {{1}} order number, {{2}} status, {{3}} tracking or the payment link (or "-", as templates refuse empty values). */
export function orderUpdateParameters(facts: OrderUpdateFacts, locale = 'en-US'): string[] {
  return [facts.orderNumber, statusPhrase(facts.status, locale), facts.paymentUrl ?? (trackingPhrase(facts, locale) || '-')];
}

export function backInStockText(sellerName: string, productName: string, locale = 'en-US'): string {
  return messagesFor(locale).notifications.backInStock(sellerName, productName);
}

/** The card-setup link asked for by voice: it names the seller, since the text arrives unprompted on another channel. */
export function cardSetupText(sellerName: string, url: string, locale = 'en-US'): string {
  return `${sellerName}: ${messagesFor(locale).notifications.addCardHere(url)}`;
}

/** An abandoned cart's reminder (a marketing message: each channel adds the brand and the opt-out it needs). */
export function cartReminderText(items: string, locale = 'en-US'): string {
  return messagesFor(locale).notifications.cartReminder(items);
}

/** The NPS question after delivery, in the customer's language. */
export function npsQuestionText(sellerName: string, locale = 'en-US'): string {
  return messagesFor(locale).notifications.npsQuestion(sellerName);
}

/** A birthday message (marketing: each channel adds the brand and the opt-out it needs), naming the configured code if any. */
export function birthdayText(discountCode: string | null, locale = 'en-US'): string {
  return messagesFor(locale).notifications.birthday(discountCode);
}

/** How a marketing SMS ends, in the customer's language: reply STOP, or tap the one-tap opt-out link when there is one. */
export function marketingOptOut(optOutLink: string | null, locale = 'en-US'): string {
  return messagesFor(locale).notifications.marketingOptOut(optOutLink);
}

/** A campaign e-mail's footer, in the customer's language: why they get it, and the unsubscribe link's label. */
export function marketingEmailFooter(brand: string, locale = 'en-US'): { why: string; unsubscribe: string } {
  const words = messagesFor(locale).notifications;
  return { why: words.marketingEmailWhy(brand), unsubscribe: words.marketingEmailUnsubscribe() };
}
