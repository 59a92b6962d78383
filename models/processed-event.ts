import { model, type InferSchemaType } from 'mongoose';
import { Schema, channelField, expiresAtField, expiryBucket } from './shared';

/** One row per inbound platform event: inserting it first is what makes a redelivery a no-op. */
const processedEventSchema = new Schema({
  /** `${channel}:${eventId}`. */
  key: { type: String, required: true },
  channel: channelField,
  eventId: { type: String, required: true },
  receivedAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: expiresAtField,
});
processedEventSchema.plugin(expiryBucket);
processedEventSchema.index({ key: 1 }, { unique: true });

export type ProcessedEvent = InferSchemaType<typeof processedEventSchema>;
export const ProcessedEventModel = model('ProcessedEvent', processedEventSchema);
