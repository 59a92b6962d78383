import { model, type InferSchemaType } from 'mongoose';
import { Schema, expiresAtField } from './shared';

/**
 * An OAuth access token a platform holds for a customer (Alexa account linking). Stored as its
 * SHA-256: a leaked collection holds no usable tokens. Minted by the account-linking token endpoint.
 */
const accessTokenSchema = new Schema({
  tokenHash: { type: String, required: true },
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  /** Which platform holds it, e.g. 'alexa'. */
  client: { type: String, required: true },
  createdAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: expiresAtField,
});
accessTokenSchema.index({ tokenHash: 1 }, { unique: true });

export type AccessToken = InferSchemaType<typeof accessTokenSchema>;
export const AccessTokenModel = model('AccessToken', accessTokenSchema);
