import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { rawBodyOf } from '../body';
import type { InboundHandler, StoredInboundEvent } from '../adapter';
import { metaHandshake, readSignedMetaJson } from '../meta/webhook';
import { platformTime, processInboundMessage, recordInbound, type ChannelOutput, type InboundDelivery, type InboundMessage, type MessagingDependencies } from '../messaging-inbound';
import { messengerGraphSettings, showTyping, type MessengerJob } from './client';
import { renderMessengerMessages, type MessengerMessage } from './render';

/** The Messenger Platform webhook body for pages (Messenger) and Instagram; unknown fields pass. */
const messagingEventSchema = z
  .object({
    sender: z.object({ id: z.string().min(1).max(128) }),
    recipient: z.object({ id: z.string() }),
    timestamp: z.number(),
    message: z
      .object({ mid: z.string().min(1).max(512), text: z.string().max(20_000).optional(), is_echo: z.boolean().optional(), quick_reply: z.object({ payload: z.string().max(1000) }).optional() })
      .passthrough()
      .optional(),
    postback: z.object({ mid: z.string().max(512).optional(), payload: z.string().max(1000), title: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

const webhookSchema = z.object({
  object: z.enum(['page', 'instagram']),
  entry: z.array(z.object({ id: z.string(), time: z.number(), messaging: z.array(messagingEventSchema).max(1000).optional() }).passthrough()).min(1).max(1000),
});

type MessagingEvent = z.infer<typeof messagingEventSchema>;

/** A customer's message or button press, or null for what needs no answer (echoes, reads, deliveries). */
function toInbound(event: MessagingEvent, channel: 'messenger' | 'instagram'): InboundMessage | null {
  if (event.message?.is_echo) return null;
  const payload = event.message?.quick_reply?.payload ?? event.postback?.payload;
  const text = event.message?.text;
  if (!payload && !text) return null;
  const eventId = event.message?.mid ?? event.postback?.mid ?? `${event.sender.id}:${event.timestamp}`;
  return { channel, channelUserId: event.sender.id, eventId, text, payload };
}


export interface MessengerRouterOptions extends MessagingDependencies {
  config: Config;
}

function messengerOutput(message: InboundMessage, config: Config): ChannelOutput {
  const platform = message.channel === 'instagram' ? 'instagram' : 'messenger';
  return {
    render: (reply) => renderMessengerMessages(reply, { platform }),
    job: (messages): MessengerJob => ({ recipientId: message.channelUserId, messages: messages as MessengerMessage[] }),
    beforeTurn: () => showTyping(messengerGraphSettings(config), message.channelUserId),
  };
}

/** The worker's side: one recorded Messenger or Instagram message to one turn and its queued reply. */
export function messengerInboundHandler(options: MessengerRouterOptions): InboundHandler {
  return async (event: StoredInboundEvent) => {
    const message = event.payload as InboundMessage;
    await processInboundMessage(message, messengerOutput(message, options.config), options);
  };
}

/**
 * GET /messenger answers Meta's subscription handshake; POST /messenger verifies X-Hub-Signature-256
 * over the raw body (401 missing, 403 wrong, nothing processed), records every message of every entry
 * (a redelivered one is dropped there) and answers 200; the inbound workers answer the messages.
 */
export function messengerRouter(options: MessengerRouterOptions): Router {
  const { config } = options;
  const router = Router();

  router.get('/', metaHandshake(config));

  router.post('/', ...rawBodyOf(['application/json'], '1mb'), async (req, res) => {
    const body = webhookSchema.parse(readSignedMetaJson(req, config));
    const channel = body.object === 'instagram' ? 'instagram' : 'messenger';
    const deliveries: InboundDelivery[] = [];
    for (const entry of body.entry) {
      for (const event of entry.messaging ?? []) {
        const inbound = toInbound(event, channel);
        if (!inbound) continue;
        deliveries.push({ event: { channel, eventId: inbound.eventId, channelUserId: inbound.channelUserId, payload: inbound, sentAt: platformTime(event.timestamp) }, output: messengerOutput(inbound, config) });
      }
    }
    await recordInbound(deliveries, options);
    res.status(200).send('EVENT_RECEIVED');
  });

  return router;
}
