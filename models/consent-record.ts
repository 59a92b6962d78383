import { model, type InferSchemaType } from 'mongoose';
import { CONSENT_PURPOSES } from '../src/core/consent';
import { Schema } from './shared';

/** Append-only audit of consent: the current state is the newest record per customer, channel and purpose. */
const consentRecordSchema = new Schema({
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  /** The channel the decision applies to, or 'all' (core/consent EVERY_CHANNEL) for every channel. */
  channel: { type: String, required: true },
  /** The channel the customer said it on (absent on records from before it was kept). */
  sourceChannel: { type: String },
  purpose: { type: String, required: true, enum: CONSENT_PURPOSES },
  granted: { type: Boolean, required: true },
  /** Where the choice came from, e.g. "sms keyword STOP" or "alexa: stop sending me messages". */
  source: { type: String, required: true },
  /** The exact words the customer agreed or objected to. */
  wording: { type: String, required: true },
  recordedAt: { type: Date, required: true, default: () => new Date() },
});
consentRecordSchema.index({ customerId: 1, channel: 1, purpose: 1, recordedAt: -1 });
// A campaign's audience: who ever opted in to marketing on a channel (each then checked on their newest records).
consentRecordSchema.index({ purpose: 1, channel: 1, granted: 1 });

const refuseChange = () => {
  throw new Error('ConsentRecord is append-only');
};
for (const op of ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne'] as const) {
  consentRecordSchema.pre(op, refuseChange);
}

export type ConsentRecord = InferSchemaType<typeof consentRecordSchema>;
export const ConsentRecordModel = model('ConsentRecord', consentRecordSchema);
