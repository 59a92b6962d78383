import { createHmac } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { testConfig } from './config';

/** x-twitter-webhooks-signature as X computes it: sha256= and the base64 HMAC-SHA256 of the exact body bytes under the consumer secret. */
export function xSignature(raw: string | Buffer, consumerSecret = testConfig().X_CONSUMER_SECRET!): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(raw).digest('base64')}`;
}

/** Posts an Account Activity delivery as X does: the raw JSON, signed unless the test passes its own signature (null: none). */
export function postXWebhook(app: Express, body: object | string, signature?: string | null) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const req = request(app).post('/x').set('content-type', 'application/json');
  if (signature !== null) req.set('x-twitter-webhooks-signature', signature ?? xSignature(raw));
  return req.send(raw);
}

/** One direct message event (the Message Create Object) from `senderId` to `recipientId`. */
export function directMessageEvent(options: { id: string; senderId: string; recipientId: string; text: string; quickReplyMetadata?: string }): object {
  return {
    type: 'message_create',
    id: options.id,
    created_timestamp: String(Date.now()),
    message_create: {
      target: { recipient_id: options.recipientId },
      sender_id: options.senderId,
      message_data: { text: options.text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] }, ...(options.quickReplyMetadata ? { quick_reply_response: { type: 'options', metadata: options.quickReplyMetadata } } : {}) },
    },
  };
}

/** An Account Activity delivery for the subscribed account `forUserId` carrying these DM events. */
export function accountActivity(forUserId: string, events: object[]): object {
  return { for_user_id: forUserId, direct_message_events: events, users: {} };
}
