import { model, type InferSchemaType } from 'mongoose';
import { Schema, channelField, expiresAtField, expiryBucket } from './shared';

/**
 * One row per inbound platform event: inserting it first is what makes a redelivery a no-op. For an
 * event answered in the response to its own request (web chat), the row also keeps that answer, so a
 * redelivery gets it again instead of running the turn a second time.
 */
const processedEventSchema = new Schema({
  /** `${channel}:${eventId}`. */
  key: { type: String, required: true },
  channel: channelField,
  eventId: { type: String, required: true },
  /** SHA-256 of what the event asked (kept-answer claims only): the same id with another request is refused, not answered with a stale answer. */
  requestDigest: { type: String },
  /** The turn's neutral Reply (kept-answer claims only), set once the turn has answered. */
  answer: { type: Schema.Types.Mixed },
  receivedAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: expiresAtField,
});
processedEventSchema.plugin(expiryBucket);
processedEventSchema.index({ key: 1 }, { unique: true });

export type ProcessedEvent = InferSchemaType<typeof processedEventSchema>;
export const ProcessedEventModel = model('ProcessedEvent', processedEventSchema);
