import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

/**
 * One row per wrong voice code, numbered per code: the unique (customerId, codeSetAt, seq) index
 * means parallel guesses each take their own number, so "three wrong codes" holds under load.
 */
const voiceCodeAttemptSchema = new Schema({
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  /** Which code was guessed at: attempts against an old code do not count against a new one. */
  codeSetAt: { type: Date, required: true },
  seq: { type: Number, required: true, min: 0 },
  at: { type: Date, required: true, default: () => new Date() },
});
voiceCodeAttemptSchema.index({ customerId: 1, codeSetAt: 1, seq: 1 }, { unique: true });

export type VoiceCodeAttempt = InferSchemaType<typeof voiceCodeAttemptSchema>;
export const VoiceCodeAttemptModel = model('VoiceCodeAttempt', voiceCodeAttemptSchema);
