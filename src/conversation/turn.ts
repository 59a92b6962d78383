import type { Channel } from '../core/channels';
import type { ErrorCode } from '../core/errors';

/** The channel-neutral intents every adapter maps to (Alexa intents, Dialogflow intents, typed text). */
export const INTENTS = [
  'Launch',
  'Browse',
  'ProductQuestion',
  'StockAlert',
  'AddToCart',
  'RemoveFromCart',
  'ViewCart',
  'Checkout',
  'ApplyDiscount',
  'Reorder',
  'OrderStatus',
  'CancelOrder',
  'SetVoiceCode',
  'AddCard',
  'RemoveCard',
  'WhichCard',
  'VoiceCode',
  'LinkAccount',
  'Consent',
  'Handoff',
  'GiftFinder',
  'Help',
  'Stop',
  'Fallback',
  'Yes',
  'No',
  'Select',
  'Silence',
] as const;
export type IntentName = (typeof INTENTS)[number];

export type ProductQuestionKind = 'price' | 'stock' | 'description' | 'rating';

export interface Slots {
  /** The product as said or typed. */
  product?: string;
  /** A product already resolved by the platform (Alexa entity resolution ids are skus). */
  sku?: string;
  quantity?: number;
  orderNumber?: string;
  /** A past date as said ("last tuesday"), for reorder. */
  date?: string;
  reorderOf?: 'last' | 'usual';
  code?: string;
  /** A discount code as said or typed ("spring ten", "SPRING10"); `normalizeDiscountCode` reads it. */
  discountCode?: string;
  /** A phone number given to send something to (a link code by SMS), in E.164. */
  phone?: string;
  question?: ProductQuestionKind;
  consent?: 'opt-in' | 'opt-out';
  /** What the consent words cover: every message (the default) or marketing only. */
  consentScope?: 'messages' | 'marketing';
  /** The consent came as a bare keyword (STOP, START), which acts on the channel it was sent on. */
  consentKeyword?: boolean;
  age?: number;
  budgetMinor?: number;
  category?: string;
  /** A choice picked from the last reply's choices, by its id. */
  choiceId?: string;
}

export interface Intent {
  name: IntentName;
  slots: Slots;
}

export interface Turn {
  channel: Channel;
  channelUserId: string;
  locale: string;
  /** The platform's model fixes the language (Alexa, Dialogflow): `locale` is the turn's language whatever was said before. */
  languageFromChannel?: boolean;
  /** A structured intent (voice platforms, buttons) or free text to be understood, or both. */
  intent?: Intent;
  text?: string;
  voice: boolean;
  /** The voice platform recognized the speaker (Alexa `context.System.person`). */
  speakerRecognized?: boolean;
  /** The voice platform's account-linking token, null when it sent none; undefined where linking does not apply. */
  accessToken?: string | null;
  /** False on a voice platform whose account-linking token is missing or invalid (set from `accessToken` by the pipeline); undefined where linking does not apply. */
  accountLinked?: boolean;
  /**
   * The platform's id of the inbound event: the pipeline claims it, so a redelivery runs nothing.
   * Left out where the channel has already claimed the event for good: a recorded inbound-queue event
   * (the record is the claim, and a failed turn is worked again).
   */
  eventId?: string;
  /**
   * Set where the answer travels back in the response to this very request (web chat), so a client
   * that missed it asks again with the same `eventId`: the claim then keeps this turn's answer until
   * this time and a redelivery gets that answer, not "nothing new"; a turn that fails gives the claim
   * back, so a resend is worked again. It costs one write per turn (the answer), so voice platforms,
   * which hold each turn to a round-trip budget, do without.
   */
  keepAnswerUntil?: Date;
  /** The carrier's whole-message keywords (STOP, START, HELP) apply here (SMS), with the channel's own wording. */
  carrierKeywords?: CarrierKeywordWording;
  /** An opt-out of this channel (or of every channel) silences even replies to the customer's own messages. */
  silentWhenOptedOut?: boolean;
  /** The channel cannot tell who is writing, so every order needs the voice code, also by text (Dialogflow). */
  requireVoiceCode?: boolean;
  /** The caller's network address where channel identities cost nothing to make (web chat): what guess limits count. */
  sourceAddress?: string;
  now?: Date;
}

export interface CarrierKeywordWording {
  /** Stored with an opt-out and an opt-in: what the customer agreed to. */
  optOut: string;
  optIn: string;
}

export interface Choice {
  /** What comes back when picked (a quick-reply or postback payload); stable and channel-neutral. */
  id: string;
  label: string;
}

export interface ProductCard {
  sku: string;
  title: string;
  subtitle: string;
  imageUrl?: string;
  choices: Choice[];
}

export interface Reply {
  /** For voice, SSML-safe (escaped, no tags): renderers wrap it. */
  speech: string;
  text: string;
  reprompt?: string;
  choices?: Choice[];
  cards?: ProductCard[];
  /** A purchase waiting for a yes: renderers may use a native confirmation (Alexa ConfirmIntent). */
  confirmation?: { kind: 'purchase' | 'cancel-order' | 'reorder'; token: string };
  /** The reply asks for consent: its words are what a yes agrees to, so a channel sends them whole (never trimmed to a budget). */
  consentAsk?: boolean;
  /** The guard wants the 4-digit voice code next. */
  expectsVoiceCode?: boolean;
  /** An order was just placed: receipts and cards are rendered from this. */
  placedOrder?: { orderNumber: string; totalMinor: number; currency: string; lines: { name: string; quantity: number }[]; receiptEmailed: boolean };
  /** A page to open (a payment link): a button where the channel has one (WhatsApp CTA URL, Messenger web_url); the text carries the URL too. */
  link?: { label: string; url: string };
  /** An error from the catalog, so a channel can render it in its own way. */
  errorCode?: ErrorCode;
  /** The platform should prompt the customer to link their account (Alexa: a LinkAccount card). */
  needsAccountLink?: boolean;
  handoff?: boolean;
  /**
   * The event was a redelivery and nothing ran: text channels send nothing, voice ones ask a question
   * that changes nothing. Where the answer is kept (`Turn.keepAnswerUntil`), a redelivery gets the
   * kept answer instead, or this says why it cannot: the id came with a different request, or its
   * first delivery is still being answered (both answered with the CONFLICT error).
   */
  duplicate?: true | 'different-request' | 'still-answering';
  /** Nothing to send (a person has taken over the conversation). */
  silent?: boolean;
  /** The reply speaks a secret (a link code): the transcript keeps a mask instead of its words. */
  sensitive?: true;
  endSession: boolean;
  /** The language the reply is in, for the words a renderer adds (numbered options); en-US when absent. */
  locale?: string;
}
