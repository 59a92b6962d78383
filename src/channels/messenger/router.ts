import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { inBackgroundInOrder } from '../background';
import { rawBodyOf } from '../../http/body';
import { metaHandshake, readSignedMetaJson } from '../meta/webhook';
import { processInboundMessage, type InboundMessage, type MessagingDependencies } from '../messaging-inbound';
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


export interface MessengerRouterOptions extends Omit<MessagingDependencies, 'outbox'> {
  config: Config;
  outbox: MessagingDependencies['outbox'];
}

/**
 * GET /messenger answers Meta's subscription handshake; POST /messenger verifies X-Hub-Signature-256
 * over the raw body (401 missing, 403 wrong, nothing processed), answers 200 at once, then handles
 * every event of every entry in the background.
 */
export function messengerRouter(options: MessengerRouterOptions): Router {
  const { config, log } = options;
  const graph = messengerGraphSettings(config);
  const router = Router();

  router.get('/', metaHandshake(config));

  router.post('/', ...rawBodyOf(['application/json'], '1mb'), (req, res) => {
    const body = webhookSchema.parse(readSignedMetaJson(req, config));
    res.status(200).send('EVENT_RECEIVED');

    const channel = body.object === 'instagram' ? 'instagram' : 'messenger';
    for (const entry of body.entry) {
      for (const event of entry.messaging ?? []) {
        const inbound = toInbound(event, channel);
        if (!inbound) continue;
        const output = {
          render: (reply: Parameters<typeof renderMessengerMessages>[0]) => renderMessengerMessages(reply, { platform: channel }),
          job: (messages: unknown[]): MessengerJob => ({ recipientId: inbound.channelUserId, messages: messages as MessengerMessage[] }),
          beforeTurn: () => showTyping(graph, inbound.channelUserId),
        };
        inBackgroundInOrder(`${channel}:${inbound.channelUserId}`, () => processInboundMessage(inbound, output, options), log);
      }
    }
  });

  return router;
}
