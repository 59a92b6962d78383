import { createHmac } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { testConfig } from './config';

/** X-Hub-Signature-256 as Meta computes it over the exact body bytes (Messenger, Instagram, WhatsApp). */
export function metaSignature(raw: string | Buffer, appSecret = testConfig().META_APP_SECRET!): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/** Posts a webhook as Meta does: the raw JSON, signed with the app secret unless the test passes its own signature. */
export function postMetaWebhook(app: Express, path: '/messenger' | '/whatsapp', body: object | string, signature?: string) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return request(app).post(path).set('content-type', 'application/json').set('x-hub-signature-256', signature ?? metaSignature(raw)).send(raw);
}

/** One inbound WhatsApp message as the Cloud API posts it: one entry, one change, the sender's contact. */
export function whatsappWebhook(options: { phoneNumberId: string; from: string; name: string; message: { id: string } & Record<string, unknown> }): object {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550009999', phone_number_id: options.phoneNumberId },
              contacts: [{ profile: { name: options.name }, wa_id: options.from }],
              messages: [{ from: options.from, timestamp: String(Math.floor(Date.now() / 1000)), ...options.message }],
            },
          },
        ],
      },
    ],
  };
}
