import { model, type InferSchemaType } from 'mongoose';
import { NPS_COMMENT_MAX, NPS_MAX, NPS_MIN } from '../src/core/nps';
import { Schema, channelField } from './shared';

/**
 * One NPS question per delivered order ("0 to 10, how likely are you to recommend us?"), recorded when it
 * is sent: the insert (unique order number) is the one ask for that order, and a customer's questions
 * (equality on the customer) say when they were last asked.
 */
const npsQuestionSchema = new Schema(
  {
    orderNumber: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
    /** Where it was asked: the answer is taken on that channel user's session. */
    channel: channelField,
    askedAt: { type: Date, required: true },
    /** An answer after this is an ordinary turn. */
    openUntil: { type: Date, required: true },
  },
  { timestamps: true },
);
npsQuestionSchema.index({ orderNumber: 1 }, { unique: true });
npsQuestionSchema.index({ customerId: 1 });

/** The answer to one NPS question: its insert (unique per question) records and counts the score once; a detractor's comment follows. */
const npsResponseSchema = new Schema(
  {
    orderNumber: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
    channel: channelField,
    score: { type: Number, required: true, min: NPS_MIN, max: NPS_MAX, validate: { validator: Number.isInteger, message: '{PATH} must be a whole number' } },
    answeredAt: { type: Date, required: true },
    /** A detractor's answer to "what could we have done better?", bounded. */
    comment: { type: String, maxlength: NPS_COMMENT_MAX },
    commentedAt: { type: Date },
  },
  { timestamps: true },
);
npsResponseSchema.index({ orderNumber: 1 }, { unique: true });
npsResponseSchema.index({ customerId: 1 });

export type NpsQuestion = InferSchemaType<typeof npsQuestionSchema>;
export type NpsResponse = InferSchemaType<typeof npsResponseSchema>;
export const NpsQuestionModel = model('NpsQuestion', npsQuestionSchema);
export const NpsResponseModel = model('NpsResponse', npsResponseSchema);
