import { model, type InferSchemaType } from 'mongoose';
import { Schema, expiresAtField } from './shared';

/** A short-lived one-time code that merges a second channel identity into a customer. */
const linkCodeSchema = new Schema({
  /** HMAC of the code: a leaked collection does not leak usable codes. */
  codeHash: { type: String, required: true },
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  failedAttempts: { type: Number, required: true, default: 0 },
  usedAt: { type: Date },
  createdAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: expiresAtField,
});
linkCodeSchema.index({ codeHash: 1 }, { unique: true });

export type LinkCode = InferSchemaType<typeof linkCodeSchema>;
export const LinkCodeModel = model('LinkCode', linkCodeSchema);
