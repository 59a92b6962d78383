import { model, type InferSchemaType } from 'mongoose';
import { Schema, expiresAtField, expiryBucket } from './shared';

/**
 * A web chat session token, bound to one web chat identity. Stored as its SHA-256: a leaked
 * collection holds no usable tokens. Deleted by the sweeper once expired.
 */
const webchatTokenSchema = new Schema({
  tokenHash: { type: String, required: true },
  /** The `webchat` channel identity (ChannelIdentity.externalId) every turn of this token speaks as. */
  channelUserId: { type: String, required: true },
  locale: { type: String, required: true },
  createdAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: expiresAtField,
});
webchatTokenSchema.plugin(expiryBucket);
webchatTokenSchema.index({ tokenHash: 1 }, { unique: true });

export type WebchatToken = InferSchemaType<typeof webchatTokenSchema>;
export const WebchatTokenModel = model('WebchatToken', webchatTokenSchema);
