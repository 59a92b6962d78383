import { model, type InferSchemaType } from 'mongoose';
import { Schema, expiresAtField, expiryBucket } from './shared';

/**
 * One row per use of a limited allowance in one time bucket (link-code guesses per source, unsolicited
 * messages per requester, destination and overall). Numbered under a unique (key, seq), so parallel
 * uses each take their own number and a limit holds under load. The key is a one-way hash of what is
 * counted and the bucket, so no phone number, IP or customer id is stored; rows are swept after it.
 */
const rateSlotSchema = new Schema({
  key: { type: String, required: true },
  seq: { type: Number, required: true, min: 0 },
  at: { type: Date, required: true, default: () => new Date() },
  /** A one-way hash of who took the slot (an outbox job's key), when a retry by the same holder is to reuse it. */
  holder: { type: String },
  expiresAt: expiresAtField,
});
rateSlotSchema.plugin(expiryBucket);
rateSlotSchema.index({ key: 1, seq: 1 }, { unique: true });

export type RateSlot = InferSchemaType<typeof rateSlotSchema>;
export const RateSlotModel = model('RateSlot', rateSlotSchema);
