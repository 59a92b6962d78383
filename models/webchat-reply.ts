import { model, type InferSchemaType } from 'mongoose';
import { Schema, expiresAtField, expiryBucket } from './shared';

/**
 * The answer to one web chat message. Inserted (without `reply`) before the turn runs: the unique
 * (tokenHash, messageId) index is what makes a resent message return the stored answer instead of
 * running the turn, and placing an order, a second time.
 */
const webchatReplySchema = new Schema({
  tokenHash: { type: String, required: true },
  messageId: { type: String, required: true },
  /** SHA-256 of the message's text and choice: the same id with another message is refused, not answered with a stale reply. */
  requestHash: { type: String, required: true },
  /** The rendered web chat reply (JSON), set once the turn has run. */
  reply: { type: Schema.Types.Mixed },
  createdAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: expiresAtField,
});
webchatReplySchema.plugin(expiryBucket);
webchatReplySchema.index({ tokenHash: 1, messageId: 1 }, { unique: true });

export type WebchatReply = InferSchemaType<typeof webchatReplySchema>;
export const WebchatReplyModel = model('WebchatReply', webchatReplySchema);
