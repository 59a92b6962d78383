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

/** Told to a shopper nobody has claimed yet: keep waiting, or "menu" for the assistant. */
export function stillWaitingReply(to: { channel: Channel; channelUserId: string; locale: string }, settings: CommerceSettings): Reply {
  const turn = { ...to, voice: false };
  const messages = messagesFor(to.locale);
  return reply({ turn, settings, messages }, messages.handoffStillWaiting(), { endSession: false, reprompt: NO_REPROMPT });
}
