import type { Channel } from '../core/channels';
import { handleTurn, outageApology } from '../conversation/engine';
import { isDatabaseUnavailable } from '../core/errors';
import type { Intent, Reply } from '../conversation/turn';
import { understandPayload } from '../conversation/understand';
import type { Logger } from '../logger';
import { replaceCartWithCatalogOrder, type CatalogOrderItem } from '../services/cart';
import { identifyCustomer } from '../services/customers';
import type { CommerceSettings } from '../services/settings';
import { claimEvent } from '../store/event-store';
import type { NewInboundEvent } from '../store/inbound-store';
import { track } from './background';
import type { Outbox } from './adapter';
import type { InboundQueue } from './inbound-queue';

/** One customer message from a messaging platform, already verified and parsed. */
export interface InboundMessage {
  channel: Channel;
  channelUserId: string;
  /** The platform's id of the message: redeliveries carry the same id. */
  eventId: string;
  text?: string;
  /** A button or quick-reply payload, read before the text. */
  payload?: string;
  locale?: string;
}

/** How a channel turns a reply into its own messages and an outbox job. */
export interface ChannelOutput {
  render(reply: Reply): unknown[];
  job(messages: unknown[]): unknown;
  /** Shown while the turn runs, e.g. a typing indicator; best effort. */
  beforeTurn?(): Promise<void>;
}

export interface MessagingDependencies {
  settings: CommerceSettings;
  log: Logger;
  outbox: Outbox;
  /** Where webhooks record messages for the workers. */
  inbound: InboundQueue;
}

/**
 * What every messaging channel's worker does with a recorded message (the record was the dedupe claim,
 * see inbound-queue.ts): one turn of the conversation, and the rendered reply queued in the outbox as
 * one job keyed by the event, so it is sent once, in order, and retried if the platform fails, even
 * when the turn itself is worked again after a failure.
 */
export async function processInboundMessage(message: InboundMessage, output: ChannelOutput, deps: MessagingDependencies): Promise<void> {
  try {
    await answerThroughOutbox(message, output, deps);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    // The outbox lives in the database: say sorry straight away rather than leave the customer waiting
    // in silence; the event stays pending (its lease ends) and is answered once the database is back.
    await deps.outbox.sendUnqueued(message.channel, output.job(output.render(outageApology({ locale: message.locale ?? 'en-US', voice: false }))));
    throw error;
  }
}

async function answerThroughOutbox(message: InboundMessage, output: ChannelOutput, deps: MessagingDependencies): Promise<void> {
  await output.beforeTurn?.().catch(() => undefined);
  const intent: Intent | undefined = message.payload ? (understandPayload(message.payload) ?? undefined) : undefined;
  const text = intent ? undefined : (message.text ?? message.payload);
  const reply = await handleTurn({ channel: message.channel, channelUserId: message.channelUserId, locale: message.locale ?? 'en-US', intent, text, voice: false }, deps.settings, deps.log);
  const messages = output.render(reply);
  if (messages.length === 0) return;
  await deps.outbox.enqueue({ jobKey: `${message.channel}:${message.eventId}`, kind: message.channel, payload: output.job(messages) });
}

/** A parsed message ready to record, with how to say sorry if it cannot be. */
export interface InboundDelivery {
  event: NewInboundEvent;
  output: ChannelOutput;
  locale?: string;
}

/**
 * Records a webhook's messages before it answers 200: the insert is the dedupe claim and the promise
 * that a worker will answer. If the database is down nothing can be recorded; each sender is told to
 * try again shortly, straight through the send API, rather than left waiting for an answer that would
 * never come (the webhook still answers 200, as before; unconfirmed: how long Meta would redeliver a refused
 * one, so a 5xx is not relied on to bring the message back).
 */
export async function recordInbound(deliveries: InboundDelivery[], deps: Pick<MessagingDependencies, 'inbound' | 'outbox' | 'log'>): Promise<void> {
  try {
    await deps.inbound.record(deliveries.map((delivery) => delivery.event));
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    deps.log.warn({ count: deliveries.length }, 'database unavailable: inbound messages not recorded, senders asked to try again');
    track(
      (async () => {
        for (const { event, output, locale } of deliveries) {
          await deps.outbox.sendUnqueued(event.channel, output.job(output.render(outageApology({ locale: locale ?? 'en-US', voice: false })))).catch(() => false);
        }
      })(),
    );
  }
}

/** A platform's message time in epoch milliseconds, when it is a plausible one (it only orders a customer's messages). */
export function platformTime(ms: number): Date | undefined {
  return Number.isSafeInteger(ms) && ms > 0 && ms < 8_640_000_000_000_000 ? new Date(ms) : undefined;
}

/**
 * An order sent from the platform's catalogue (a WhatsApp cart) becomes the customer's cart before the
 * message's turn, once per message, also when the turn after it fails and is worked again.
 */
export async function applyCatalogOrder(message: InboundMessage, items: readonly CatalogOrderItem[], deps: { settings: CommerceSettings; log: Logger }): Promise<void> {
  if (!(await claimEvent(message.channel, `order:${message.eventId}`))) return;
  const { customerId } = await identifyCustomer(message.channel, message.channelUserId, message.locale ?? 'en-US');
  const { dropped } = await replaceCartWithCatalogOrder(customerId, items, deps.settings);
  if (dropped.length > 0) deps.log.warn({ dropped }, `${message.channel} order named products we do not sell; left out of the cart`);
}
