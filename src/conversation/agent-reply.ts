import type { CatalogProduct } from '../services/catalog';
import type { CommerceSettings } from '../services/settings';
import { reply } from './context';
import { productCard } from './flows/shopping';
import { messagesFor } from './locales';
import type { Channel } from '../core/channels';
import type { Reply } from './turn';

/** A person's message asks nothing of its own: no "What would you like to do?" after it. */
const NO_REPROMPT = () => '';

/**
 * What a person wrote, as the neutral Reply every channel renders: their words, and the product cards
 * they shared (a stylist's recommendation), each with its "add" button, in the customer's language.
 */
export function agentReply(to: { channel: Channel; channelUserId: string; locale: string }, text: string, products: readonly CatalogProduct[], settings: CommerceSettings): Reply {
  const turn = { ...to, voice: false };
  const messages = messagesFor(to.locale);
  const cards = products.map((product) => productCard({ turn, messages }, product));
  return reply({ turn, settings, messages }, () => text, { cards: cards.length > 0 ? cards : undefined, endSession: false, reprompt: NO_REPROMPT });
}

/**
 * A payment link a person sends for an order awaiting payment: the same words and "Pay now" button as
 * at placement (a CTA URL button, a button template, or the URL in the text, by channel).
 */
export function agentPaymentLinkReply(to: { channel: Channel; channelUserId: string; locale: string }, link: { url: string; holdUntil: Date }, settings: CommerceSettings, now: Date): Reply {
  const turn = { ...to, voice: false };
  const messages = messagesFor(to.locale);
  const holdMinutes = Math.max(1, Math.round((link.holdUntil.getTime() - now.getTime()) / 60_000));
  const said = messages.orderPayment({ kind: 'link', why: 'no-card', holdMinutes, url: link.url, sentToPhone: false });
  return reply({ turn, settings, messages }, said, { link: { label: messages.labels.payNow, url: link.url }, endSession: false, reprompt: NO_REPROMPT });
}

/** Told to a shopper nobody has claimed yet: keep waiting, or "menu" for the assistant. */
export function stillWaitingReply(to: { channel: Channel; channelUserId: string; locale: string }, settings: CommerceSettings): Reply {
  const turn = { ...to, voice: false };
  const messages = messagesFor(to.locale);
  return reply({ turn, settings, messages }, messages.handoffStillWaiting(), { endSession: false, reprompt: NO_REPROMPT });
}
