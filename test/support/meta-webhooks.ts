import { createHmac } from 'node:crypto';

/** X-Hub-Signature-256 as Meta computes it over the exact body bytes (Messenger, Instagram, WhatsApp). */
export function metaSignature(raw: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
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
