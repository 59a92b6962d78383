import type { IncomingHttpHeaders } from 'node:http';
import type { Router } from 'express';
import type { Types } from 'mongoose';
import type { Config } from '../config';
import type { Channel } from '../core/channels';
import type { ConsentEvidence } from '../core/consent';
import type { OrderStatus } from '../core/order-rules';
import type { Reply } from '../conversation/turn';
import type { Logger } from '../logger';
import type { CommerceSettings } from '../services/settings';
import type { SignedNonceClaim } from '../store/event-store';
import type { SentMessageCost, TemplateCategory } from '../store/message-cost-store';
import type { StoredInboundEvent } from '../store/inbound-store';
import type { IssuedWebchatToken, WebchatSession } from '../store/webchat-store';
import type { InboundQueue } from './inbound-queue';

/**
 * The channel adapter contract: everything the rest of the service knows about a channel. The
 * registry (registry.ts) holds one adapter per channel id, and http (endpoints), the inbound workers,
 * the outbox (senders), notify (notifiers) and the console (previews) read only the registry.
 *
 * A channel folder imports this contract, its own files, `core/` and the shared channel helpers that
 * eslint.config.mjs lists; anything else reaches it through `ChannelDependencies` (its `services`) or
 * the turn entry re-exported at the end of this file.
 */

export type { Channel, IssuedWebchatToken, Reply, SentMessageCost, SignedNonceClaim, StoredInboundEvent, TemplateCategory, WebchatSession };

// ---- Delivery through the outbox (a platform's send API) ----------------------------------------

export type SendResult = { ok: true } | { ok: false; retryable: boolean; retryAfterMs?: number; error: string };

/**
 * A sender's decision not to send now, which is no failure: 'withheld' ends the job unsent for good
 * (no consent, nowhere to send it); 'deferred' puts it back until `until` (quiet hours) without
 * counting an attempt.
 */
export type HoldResult = { hold: 'withheld'; reason: string } | { hold: 'deferred'; until: Date; reason: string };

/** What a sender may know of the queued job it is sending (absent for a best-effort unqueued send). */
export interface OutboxJobContext {
  jobKey: string;
  attempts: number;
  /** How many of the job's messages went out before this try. */
  progress: number;
  /** Set on unsolicited jobs: who asked for them (see notify/send-policy). */
  requestedBy?: Types.ObjectId;
}

/** Delivers one job's messages for a kind of job (a channel's send API). */
export interface OutboxSender {
  messageCount(payload: unknown): number;
  send(payload: unknown, index: number, now: Date, job?: OutboxJobContext): Promise<SendResult | HoldResult>;
}

/** A channel's send API: an outbox sender that can also tell whom a job goes to (the outbound policy asks about them). */
export interface ChannelSender extends OutboxSender {
  /** The job's recipient in the channel's own terms (phone number, PSID, openid), or null for a malformed job. */
  recipientOf(payload: unknown): string | null;
}

/** The outbox as a channel uses it: a channel's jobs have the channel id as their kind. */
export interface Outbox {
  /** Queues a job once per key and tries it at once; retried until sent. */
  enqueue(job: { jobKey: string; kind: string; payload: unknown }): Promise<void>;
  /** One best-effort attempt, not recorded: only for messages whose loss is harmless (the outage apology). */
  sendUnqueued(kind: string, payload: unknown): Promise<boolean>;
}

// ---- What a channel is given ---------------------------------------------------------------------

/** A channel user's subscription to a channel as a whole, decided outside any conversation. */
export interface ChannelSubscription {
  channel: Channel;
  channelUserId: string;
  /** For the customer made on first contact. */
  locale: string;
  subscribed: boolean;
  /** How it came about (a WeChat follow, the carrier's report), where it came from ("wechat event: subscribe", "twilio error 21610"), and the words stored with the record. */
  evidence: ConsentEvidence;
}

/**
 * What a channel may ask of the rest of the service besides a turn (channels/services.ts gives the one
 * implementation): each a use case or a store, behind a door no wider than the channel needs.
 */
export interface ChannelServices {
  consent: {
    /**
     * Records a subscription decided outside a conversation (a WeChat follow or unfollow, a carrier's
     * report that a number opted out) for the customer behind the channel user, through the one consent
     * writer and by core/consent's rules: leaving ends every kind of message there, subscribing resumes
     * order and service messages only.
     */
    recordSubscription(subscription: ChannelSubscription, at?: Date): Promise<void>;
  };
  /** Each sent platform message's pricing category and estimated cost, counted once per `sendKey`. */
  messageCosts: {
    record(cost: SentMessageCost): Promise<void>;
  };
  /** What the platform says of the shop's message templates (WhatsApp's template_category_update). */
  templates: {
    categoryOf(channel: Channel, name: string, language: string): Promise<TemplateCategory | null>;
    recordCategory(channel: Channel, name: string, language: string, change: TemplateCategory): Promise<void>;
  };
  identities: {
    /**
     * The channel user `primaryId` is also `aliasId` on this channel (a WhatsApp BSUID and phone number):
     * both name one customer, and one already known by the alias keeps their history.
     */
    joinAlias(channel: Channel, primaryId: string, aliasId: string, locale: string): Promise<void>;
  };
  /** One use of an allowance of `limit` per fixed window for what `counted` names (stored hashed); false once this window's are used up. */
  takeRateSlot(counted: string, limit: number, windowMs: number, now: Date): Promise<boolean>;
  /**
   * The replay claim of a signature that does not cover the body (WeChat's): 'first' for a new signed
   * (timestamp, nonce), 'same-event' for the platform redelivering its event, 'replayed' for another event.
   */
  claimSignedNonce(channel: Channel, timestamp: string, nonce: string, eventId: string, windowMs: number): Promise<SignedNonceClaim>;
  /** Web chat's bearer tokens, each bound to a new web chat user id and stored only as a hash. */
  webchatSessions: {
    issue(locale: string, ttlMs: number): Promise<IssuedWebchatToken>;
    /** The live session a token belongs to, or null (unknown or expired). */
    find(token: string): Promise<WebchatSession | null>;
  };
}

export interface ChannelDependencies {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
  outbox: Outbox;
  /** Where messaging webhooks record messages, and whose workers answer them. */
  inbound: InboundQueue;
  services: ChannelServices;
}

/** Works one recorded event of a channel: runs the turn and queues its reply. Throws to be retried. */
export type InboundHandler = (event: StoredInboundEvent) => Promise<void>;

// ---- Render: a neutral Reply to the channel's own output -----------------------------------------

export interface RenderContext {
  config: Config;
  /** The channel user the reply goes to (PSID, wa_id, phone number, ...). */
  channelUserId: string;
}

export interface RenderedOutput {
  /** How `body` is formatted. */
  format: 'json' | 'xml' | 'text';
  /** Exactly what the channel gets: the HTTP response body, or the send API request bodies in sending order. */
  body: string;
  /** Short facts worth seeing next to it (SMS segments and encoding, message count). */
  facts: Record<string, string | number>;
}

// ---- The standard endpoint: verify, parse, one turn, answered in the HTTP response ----------------

/** A request as received, before anything is trusted. */
export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  /** The path and query as received. */
  url: string;
  rawBody: Buffer;
}

/** One customer message, verified and parsed into the neutral shape a turn starts from. */
export interface InboundTurn {
  channelUserId: string;
  /** The platform's id of the message: redeliveries carry the same id. */
  eventId: string;
  text?: string;
  /** A button or quick-reply payload, read before the text. */
  payload?: string;
  locale?: string;
}

// ---- Notifier: proactive messages -----------------------------------------------------------------

/** What one notification says, worked out once by notify/ and fitted by each channel's notifier. */
export interface Notification {
  /** The plain-text wording, for channels that may send free text now. */
  text: string;
  /** Set for an order update: what a channel with its own order-update event or template needs. */
  orderUpdate?: { sellerName: string; status: OrderStatus };
  /** The parameters of the operator's approved template for this kind of message, in order. */
  templateParameters: string[];
  /** 'survey': a service question (the NPS after delivery) that the customer may answer, not an offer; 'card-setup': the card-setup link a customer asked for by voice. */
  kind: 'order-update' | 'back-in-stock' | 'survey' | 'card-setup' | 'marketing';
  /** Set for marketing (a campaign): what each channel's marketing rules need. */
  /** A marketing message's extras; `optOut` is the sentence a marketing SMS ends with, in the recipient's language (with the one-tap link when there is one). */
  marketing?: { brand: string; whatsappTemplate: string | null; optOut: string; email?: MarketingEmail };
  /** Stable per cause, for platforms that deduplicate (Alexa's referenceId). */
  referenceKey: string;
  /** The page the message exists to carry (a payment or card-setup link), at the end of `text`: a channel that fits text to a length keeps it whole. */
  link?: string;
}

/** What a campaign e-mail needs besides its words (notify/campaign-email.ts). */
export interface MarketingEmail {
  subject: string;
  /** The campaign's short link, when it has a target. */
  link: string | null;
  /** The recipient's `/l/<code>/unsubscribe`: in the body and in List-Unsubscribe (one-click POST). */
  unsubscribeLink: string;
  /** The name a file transport gives the message (`campaign-<campaign>-<customer>`), so erasing the customer finds it. */
  fileName: string;
  /** Why the recipient gets it, and the unsubscribe link's label, in the recipient's language. */
  footer: { why: string; unsubscribe: string };
}

/** The customer as one of their identities on the channel. */
export interface NotificationRecipient {
  externalId: string;
  /** When they last wrote to us there: platforms open a window for free text after it. */
  lastInboundAt: Date | null;
  locale: string;
}

/** Sends the notification on this channel now (the outbox retries a retryable failure). */
export type NotificationAttempt = () => Promise<SendResult>;

export interface ChannelNotifier {
  /** How to send this notification to this recipient, or why this channel cannot (then the next is tried). */
  attempt(notification: Notification, recipient: NotificationRecipient, now: Date): NotificationAttempt | string;
}

// ---- Agent replies: a person's answer, through the outbox, within the channel's rules for it -------

/** Whether a person may write to this channel user now, worked out before sending so the agent sees it. */
export interface AgentReplyCheck {
  /** Whether anything can be sent now. */
  sendable: boolean;
  /** Whether the agent's own words go out (false: an approved template goes instead, or nothing). */
  freeText: boolean;
  /** The channel's way of sending it ('standard', 'human-agent tag', 'template', 'refused'), which `job` follows. */
  mode: string;
  /** What the agent is told: the rule, and why not when it refuses. */
  explanation: string;
}

export interface AgentReplier {
  /** `lastInboundAt`: the customer's last message on this channel (the platforms' windows run from it). */
  check(lastInboundAt: Date | null, now: Date): AgentReplyCheck;
  /** The outbox job (kind = the channel id) for a sendable check. */
  job(reply: Reply, channelUserId: string, check: AgentReplyCheck): unknown;
}

// ---- The adapter ----------------------------------------------------------------------------------

export interface ChannelAdapter<Overrides = never> {
  /** The id stored with identities, sessions, orders and events, and the outbox job kind of its replies. */
  readonly id: Channel;
  /** The channel's name for people (console, logs). */
  readonly label: string;
  /** A voice channel: the turn is spoken (no typed-number choices, a reprompt is needed). */
  readonly voice: boolean;
  /** The platform's limits (the capability table) that `render` fits every reply within. */
  readonly capabilities: Readonly<Record<string, unknown>>;
  /** Where the answer goes: the HTTP response to the platform's request, or the outbox (the send API). */
  readonly delivery: { via: 'response' | 'outbox'; caption: string };
  /** What the channel would receive for a reply: the real renderer (and request-body builder), which the console shows. */
  render(reply: Reply, context: RenderContext): RenderedOutput;

  /** Where the platform calls us; absent for a channel carried by another's endpoint (Instagram on /messenger). */
  readonly path?: string;
  /**
   * The standard endpoint, for a channel without `routes`: POST `path` with a body of at most
   * `capabilities.requestBodyBytes` (else 64 KiB); `verify` throws an AppError for a request that is
   * not the platform's (nothing else runs), `parse` reads the message, and the reply is `render`ed into
   * the HTTP response.
   */
  verify?(request: WebhookRequest, config: Config): void | Promise<void>;
  parse?(request: WebhookRequest): InboundTurn;
  /** The endpoint of a platform whose exchange the standard one cannot carry (batches, handshakes, passive replies). */
  routes?(deps: ChannelDependencies, overrides?: Overrides): Router;

  /** The worker's side of a channel whose endpoint records messages for the inbound queue. */
  inbound?(deps: ChannelDependencies): InboundHandler;
  /** The send API behind the outbox, for this channel's jobs (kind = id). */
  sender?(config: Config, services: ChannelServices): ChannelSender;
  /** Proactive messages: a channel without one is never used to reach a customer unprompted. */
  notifier?(config: Config, services: ChannelServices): ChannelNotifier;
  /** A person's replies (agent inbox): a channel without one cannot be answered by a person. */
  agentReplies?(config: Config): AgentReplier;
}

// ---- What a channel may use of the conversation: the turn, the intent vocabulary, its wording ------

export { handleTurn, outageApology } from '../conversation/engine';
export { escapeSsml, formatterFor } from '../conversation/format';
export { messagesFor } from '../conversation/locales';
export { PAYLOADS, understandPayload, understandText } from '../conversation/understand';
export {
  INTENT_DEFINITIONS,
  INVOCATION_NAMES,
  MODEL_LOCALES,
  ENGLISH_LOCALES,
  LOCALE_WORDS,
  mappedAlexaIntentNames,
  neutralIntentFor,
  type IntentDefinition,
  type ModelLocale,
  type SlotDefinition,
  type SlotType,
  type VocabularyLocale,
} from '../conversation/vocabulary';
export { categorySlotValues, productSlotValues, type CatalogEntry, type CatalogSlotValue } from '../conversation/vocabulary-catalog';
