import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import type { ChannelDependencies, InboundHandler, StoredInboundEvent } from '../adapter';
import { parseJsonBody, rawBodyOf } from '../body';
import { platformTime, processInboundMessage, recordInbound, type ChannelOutput, type InboundDelivery, type InboundMessage } from '../messaging-inbound';
import { X_LIMITS } from './capabilities';
import type { XJob } from './client';
import { renderXMessages } from './render';
import { crcResponseToken, verifyXSignature } from './signature';

/** One direct message event of an Account Activity delivery (developer.x.com, the Message Create Object); unknown fields pass. */
const directMessageEventSchema = z
  .object({
    type: z.string(),
    id: z.string().regex(/^\d{1,20}$/),
    created_timestamp: z.string().regex(/^\d{1,15}$/).optional(),
    message_create: z
      .object({
        target: z.object({ recipient_id: z.string().max(20) }).passthrough(),
        sender_id: z.string().regex(/^\d{1,20}$/),
        message_data: z
          .object({
            text: z.string().max(20_000).optional(),
            /** Set when the customer tapped a quick-reply option (the v1.1 API's); its metadata is our payload. */
            quick_reply_response: z.object({ metadata: z.string().max(1000).optional() }).passthrough().optional(),
          })
          .passthrough(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** An Account Activity delivery: the subscribed account it is for, and any of many event arrays (only DMs are read). */
const deliverySchema = z
  .object({
    for_user_id: z.string().regex(/^\d{1,20}$/),
    direct_message_events: z.array(directMessageEventSchema).max(1000).optional(),
  })
  .passthrough();

type DirectMessageEvent = z.infer<typeof directMessageEventSchema>;

/** A customer's DM as a turn, or null for what needs no answer: our own messages (echoes) and other event types. */
function toInbound(event: DirectMessageEvent, accountId: string): InboundMessage | null {
  const create = event.message_create;
  if (event.type !== 'message_create' || !create) return null;
  if (create.sender_id === accountId) return null;
  const payload = create.message_data.quick_reply_response?.metadata;
  const text = create.message_data.text;
  if (!payload && !text) return null;
  return { channel: 'x-dm', channelUserId: create.sender_id, eventId: event.id, text, payload };
}

function xOutput(recipientId: string): ChannelOutput {
  return {
    render: (reply) => renderXMessages(reply),
    job: (texts): XJob => ({ recipientId, texts: texts as string[] }),
  };
}

/** The worker's side: one recorded DM to one turn and its queued reply. */
export function xInboundHandler(deps: ChannelDependencies): InboundHandler {
  return async (event: StoredInboundEvent) => {
    const message = event.payload as InboundMessage;
    await processInboundMessage(message, xOutput(message.channelUserId), deps);
  };
}

function readSignedBody(raw: Buffer, header: string | undefined, config: Config): unknown {
  const signature = verifyXSignature(raw, header, config.X_CONSUMER_SECRET ?? '');
  if (!signature.ok) {
    throw signature.reason === 'missing'
      ? new AppError('UNAUTHENTICATED', 'x-twitter-webhooks-signature is required.')
      : new AppError('FORBIDDEN', 'x-twitter-webhooks-signature does not match the body.', { reason: signature.reason });
  }
  return parseJsonBody(raw);
}

/**
 * GET /x answers X's challenge-response check; POST /x verifies x-twitter-webhooks-signature over the
 * raw body (401 missing, 403 wrong, nothing processed), refuses a body that is not an Account Activity
 * delivery (400), records every customer DM for the shop's account (a redelivered event id is dropped
 * there; our own sent messages come back as events and are skipped) and answers 200; the inbound
 * workers answer them.
 */
export function xRouter(deps: ChannelDependencies): Router {
  const { config, log } = deps;
  const router = Router();

  router.get('/', (req, res) => {
    const token = crcResponseToken(req.query.crc_token, config.X_CONSUMER_SECRET ?? '');
    if (!token) throw new AppError('VALIDATION_FAILED', 'crc_token is missing or not a CRC token.');
    res.status(200).json({ response_token: token });
  });

  router.post('/', ...rawBodyOf(['application/json'], X_LIMITS.requestBodyBytes), async (req, res) => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const delivery = deliverySchema.parse(readSignedBody(raw, req.header('x-twitter-webhooks-signature'), config));
    if (delivery.for_user_id !== config.X_ACCOUNT_ID) {
      log.warn({ forUserId: delivery.for_user_id }, 'x delivery for another account ignored');
      res.status(200).end();
      return;
    }
    const deliveries: InboundDelivery[] = [];
    for (const event of delivery.direct_message_events ?? []) {
      const inbound = toInbound(event, config.X_ACCOUNT_ID);
      if (!inbound) continue;
      const sentAt = event.created_timestamp ? platformTime(Number(event.created_timestamp)) : undefined;
      deliveries.push({ event: { channel: 'x-dm', eventId: inbound.eventId, channelUserId: inbound.channelUserId, payload: inbound, sentAt }, output: xOutput(inbound.channelUserId) });
    }
    await recordInbound(deliveries, deps);
    res.status(200).end();
  });

  return router;
}
