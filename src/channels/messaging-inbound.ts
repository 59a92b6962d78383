import type { Channel } from '../../models';
import { handleTurn, unavailableReply } from '../conversation/engine';
import { isDatabaseUnavailable } from '../core/errors';
import type { Intent, Reply } from '../conversation/turn';
import { understandPayload } from '../conversation/understand';
import type { Logger } from '../logger';
import type { OutboxDispatcher } from '../notify/outbox';
import type { CommerceSettings } from '../services/settings';
import { claimEvent } from '../store/event-store';

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
  outbox: OutboxDispatcher;
}

/**
 * What every messaging channel does with a message after acknowledging it: once per event id (a
 * redelivery stops at the unique insert), one turn of the conversation, and the rendered reply queued
 * in the outbox as one job, so it is sent once, in order, and retried if the platform fails.
 */
export async function processInboundMessage(message: InboundMessage, output: ChannelOutput, deps: MessagingDependencies): Promise<void> {
  try {
    await answerThroughOutbox(message, output, deps);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    // The webhook was acknowledged, so the platform will not redeliver, and the outbox lives in the
    // database: say sorry straight away, once, rather than leave the customer unanswered.
    await deps.outbox.sendUnqueued(message.channel, output.job(output.render(unavailableReply(message.locale ?? 'en-US'))));
  }
}

async function answerThroughOutbox(message: InboundMessage, output: ChannelOutput, deps: MessagingDependencies): Promise<void> {
  if (!(await claimEvent(message.channel, message.eventId))) return;
  await output.beforeTurn?.().catch(() => undefined);
  const intent: Intent | undefined = message.payload ? (understandPayload(message.payload) ?? undefined) : undefined;
  const text = intent ? undefined : (message.text ?? message.payload);
  const reply = await handleTurn({ channel: message.channel, channelUserId: message.channelUserId, locale: message.locale ?? 'en-US', intent, text, voice: false, eventId: message.eventId }, deps.settings, deps.log);
  const messages = output.render(reply);
  if (messages.length === 0) return;
  await deps.outbox.enqueue({ jobKey: `${message.channel}:${message.eventId}`, kind: message.channel, payload: output.job(messages) });
}
