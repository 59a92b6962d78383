import { Schema } from 'mongoose';

/** Money is always integer minor units; a float here would be a bug, so the schema refuses it. */
export const minorUnits = {
  type: Number,
  required: true,
  min: 0,
  validate: { validator: Number.isSafeInteger, message: '{PATH} must be a whole number of minor units' },
} as const;

export const currencyCode = { type: String, required: true, match: /^[A-Z]{3}$/ } as const;

export const CHANNELS = ['alexa', 'google', 'messenger', 'instagram', 'whatsapp', 'sms', 'wechat', 'webchat'] as const;
export type Channel = (typeof CHANNELS)[number];

export const channelField = { type: String, required: true, enum: CHANNELS } as const;

/** Our own expiry field: FerretDB has no TTL indexes, so a sweeper deletes on `expiresAt` everywhere. */
export const expiresAtField = { type: Date, required: true, index: true } as const;

export { Schema };
