import { consentWordsIn } from '../core/consent';
import { boundedNumber, clipFreeText } from '../core/free-text';
import { parseOrderNumber } from '../core/order-rules';
import type { Choice, Intent, IntentName, ProductQuestionKind, Slots } from './turn';
import { vocabularyLocale } from './vocabulary';
import { leadingQuantity, matchSamples } from './vocabulary-text';

/**
 * Free text (typed, or a voice transcript with no intent) to a neutral intent. Rules, not a model:
 * predictable, testable, and fast; product names are resolved later by the catalog matcher. Every
 * sample of the vocabulary is understood (`vocabulary-text.ts`); the rules here add what typing
 * allows beyond them: choices, payloads, codes, keywords anywhere in a sentence, bare product names.
 */

export interface UnderstandingContext {
  /** The guard is waiting for a voice code: four digits are a code, not a choice. */
  awaitingCode: boolean;
  /** The choices offered last turn, so "2" or "the second one" can pick one. */
  lastChoices: Choice[];
  /** The turn's locale, whose vocabulary samples are matched (en-US when absent). */
  locale?: string;
}

const intent = (name: IntentName, slots: Slots = {}): Intent => ({ name, slots });

/** Stable, channel-neutral payload ids carried by buttons and quick replies. */
export const PAYLOADS = {
  yes: 'YES',
  no: 'NO',
  checkout: 'CHECKOUT',
  viewCart: 'VIEW_CART',
  reorderUsual: 'REORDER_USUAL',
  orderStatus: 'ORDER_STATUS',
  giftIdeas: 'GIFT_IDEAS',
  help: 'HELP',
  add: (sku: string) => `ADD:${sku}`,
  pick: (sku: string) => `PICK:${sku}`,
  /** The event dialog's cities, by position in its list. */
  city: (index: number) => `CITY:${index}`,
} as const;

export function understandPayload(payload: string): Intent | null {
  const fixed: Record<string, Intent> = {
    YES: intent('Yes'),
    NO: intent('No'),
    CHECKOUT: intent('Checkout'),
    VIEW_CART: intent('ViewCart'),
    REORDER_USUAL: intent('Reorder', { reorderOf: 'usual' }),
    ORDER_STATUS: intent('OrderStatus'),
    GIFT_IDEAS: intent('GiftFinder'),
    HELP: intent('Help'),
  };
  if (fixed[payload]) return fixed[payload];
  const [kind, value] = payload.split(':', 2);
  if (kind === 'ADD' && value) return intent('AddToCart', { sku: value, quantity: 1 });
  if (kind === 'PICK' && value) return intent('Select', { sku: value, choiceId: payload });
  if (kind === 'CITY' && /^\d{1,2}$/.test(value ?? '')) return intent('Select', { choiceId: payload });
  return null;
}

const ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, last: -1 };

function pickFromChoices(text: string, choices: Choice[]): Intent | null {
  if (choices.length === 0) return null;
  const numbered = /^(?:#|number |option )?(\d{1,2})\.?$/.exec(text);
  const ordinal = /^(?:the )?(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)(?: one)?$/.exec(text);
  const position = numbered ? Number(numbered[1]) : ordinal ? ORDINALS[ordinal[1]!]! : null;
  if (position === null) {
    const byLabel = choices.find((choice) => choice.label.toLowerCase() === text);
    return byLabel ? (understandPayload(byLabel.id) ?? null) : null;
  }
  const choice = position === -1 ? choices.at(-1) : choices[position - 1];
  return choice ? understandPayload(choice.id) : null;
}

function questionKind(text: string): ProductQuestionKind | null {
  if (/^(how much (is|are|does|do)|what('s| is| does) the price of|price of|what does .+ cost|how much .+ cost)/.test(text)) return 'price';
  if (/^(is|are) .+ (in stock|available)|^do you (have|sell|carry) |^(have you|you have) got /.test(text)) return 'stock';
  if (/^(is|are) .+ (any good|good)|reviews? (of|for)|rating (of|for)|^how (is|are) .+ rated/.test(text)) return 'rating';
  if (/^(tell me about|what is|what are|describe|more about) /.test(text)) return 'description';
  return null;
}

function stripQuestion(text: string): string {
  return text
    .replace(/^(how much (is|are|does|do)|what('s| is| does) the price of|price of|what does|how much|tell me about|what is|what are|describe|more about|do you (have|sell|carry)|have you got|is|are|reviews? (of|for)|rating (of|for)|how (is|are))\s+/, '')
    .replace(/\s+(cost|in stock|available|any good|good|rated)$/, '')
    .trim();
}

function moneyToMinor(text: string): number | undefined {
  // At most seven digits: "$999…" of any length is no budget, never an infinite one.
  const match = /\$\s*(\d{1,7}(?:\.\d{1,2})?)(?!\d)|(?<![\d.])(\d{1,7}(?:\.\d{1,2})?)\s*(?:dollars|bucks|usd)\b/.exec(text);
  if (!match) return undefined;
  const major = boundedNumber(Number(match[1] ?? match[2]));
  return major === undefined ? undefined : Math.round(major * 100);
}

/**
 * "link my account" asks for a code; "link 4821 9073 1640" redeems one; "text my link code to
 * +1 415 555 0123" asks for one by SMS (the words "text/send ... to" tell a phone number from a code).
 */
function linkAccountIntent(text: string): Intent {
  const phone = /\b(?:text|send|sms)\b.*\bto\s+(\+?\d[\d\s().-]{8,}\d)$/.exec(text);
  if (phone) {
    const digits = phone[1]!.replace(/\D/g, '');
    const e164 = phone[1]!.trim().startsWith('+') ? `+${digits}` : digits.length === 10 ? `+1${digits}` : `+${digits}`;
    if (/^\+[1-9]\d{6,14}$/.test(e164)) return intent('LinkAccount', { phone: e164 });
  }
  const code = /(\d(?:[\s.-]?\d){11})(?!\d)/.exec(text);
  return intent('LinkAccount', { code: code ? code[1]!.replace(/\D/g, '') : undefined });
}

export function understandText(raw: string, context: UnderstandingContext): Intent {
  const text = clipFreeText(raw)
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[!?.,]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

  if (text === '') return intent('Fallback');
  if (context.awaitingCode) {
    const code = /(?:^|\D)(\d(?:[\s-]?\d){3})(?![\d])/.exec(text);
    if (code) return intent('VoiceCode', { code: code[1]!.replace(/\D/g, '') });
  }
  const picked = pickFromChoices(text, context.lastChoices);
  if (picked) return picked;

  if (/^(yes|yeah|yep|yup|sure|ok|okay|confirm|correct|do it|place it|please do|go ahead|y)( please)?$/.test(text)) return intent('Yes');
  if (/^(no|nope|nah|n|no thanks|not now|don't|do not)$/.test(text)) return intent('No');
  const consent = consentWordsIn(text);
  if (consent) return intent('Consent', { consent: consent.granted ? 'opt-in' : 'opt-out', consentScope: consent.scope, consentKeyword: consent.byKeyword });
  const sample = matchSamples(text, context.locale, 'other');
  if (sample) return sample;
  if (/^(quit|exit|bye|goodbye|that's all|that is all|never mind|nevermind|cancel)$/.test(text)) return intent('Stop');
  if (/^(help|menu\?|what can you do|how does this work|\?)$/.test(text)) return intent('Help');
  if (/^(menu|bot|back to (the )?bot|main menu)$/.test(text)) return intent('Launch');
  if (/\b(agent|human|person|representative|someone real|customer service)\b/.test(text)) return intent('Handoff');
  if (/\b(link|connect) (my )?account\b|^link( code)?\b|\blink code\b/.test(text)) return linkAccountIntent(text);
  if (/\b(voice code|pin|passcode)\b/.test(text)) return intent('SetVoiceCode', { code: /\b(\d{4})\b/.exec(text)?.[1] });

  const orderNumber = parseOrderNumber(text) ?? undefined;
  if (/\b(cancel)\b.*\border\b|^cancel \d/.test(text)) return intent('CancelOrder', { orderNumber });
  if (/\b(reorder|re-order|order again|buy again|same (thing|order) (as|again)|(my|the) usual)\b/.test(text)) {
    return intent('Reorder', { orderNumber, reorderOf: /\busual\b/.test(text) ? 'usual' : undefined, date: text });
  }
  if (/\b(where('s| is) my|status|track|tracking|when will .* (arrive|come)|has my order)\b/.test(text)) return intent('OrderStatus', { orderNumber });
  if (/\b(gift|present)\b/.test(text)) {
    const age = /\b(\d{1,2})[ -]?(?:year|yr)s?[ -]?old\b/.exec(text);
    return intent('GiftFinder', { age: age ? Number(age[1]) : undefined, budgetMinor: moneyToMinor(text) });
  }
  if (/^(check ?out|checkout|place (my|the) order|buy now|pay|that's everything|complete (my )?order|finish)\b/.test(text)) return intent('Checkout');
  if (/^(what('s| is) in my (cart|basket)|(view|show|see)( my)? (cart|basket)|my (cart|basket)|cart|basket)$/.test(text)) return intent('ViewCart');
  // After the keyword rules: "i want {product}" would otherwise take "i want to talk to a human".
  const productSample = matchSamples(text, context.locale, 'product');
  if (productSample) return productSample;
  const removal = /^(?:remove|delete|take out|take off|drop)\s+(.+?)(?:\s+from (?:my )?(?:cart|basket))?$/.exec(text);
  if (removal) return intent('RemoveFromCart', { product: removal[1] });

  const question = questionKind(text);
  if (question) return intent('ProductQuestion', { question, product: stripQuestion(text) });

  const browse = /^(?:show me|search(?: for)?|browse|find|look for|what (.+) do you have|list)\s*(.*)$/.exec(text);
  if (browse) return intent('Browse', { product: (browse[2] || browse[1] || '').trim() });

  const adding = /^(?:add|i want|i'd like|i would like|can i (?:get|have)|could i (?:get|have)|get me|buy|order|i need|put)\b/.test(text) || /\bto (?:my |the )?(?:cart|basket)\b/.test(text);
  if (adding) return intent('AddToCart', { product: text });

  // A bare product name: with a number it is an order line, without one a look at the product. The
  // number is the turn's language's; English also counts with its articles ("a coffee", "a couple of").
  const english = vocabularyLocale(context.locale).startsWith('en');
  if (leadingQuantity(text, context.locale) !== undefined || (english && /^(a|an|a couple of|half a dozen)\b/.test(text))) return intent('AddToCart', { product: text });
  return intent('Browse', { product: text });
}
