import { model, type InferSchemaType } from 'mongoose';
import { Schema, expiryBucket } from './shared';

/**
 * Where a sequenced log's newest entry is (store/sequenced-log.ts): `_id` is the log's collection and
 * scope, so finding the newest entry is an `_id` read and an equality lookup on (scope, seq) instead
 * of a sort over the scope. A hint only: it may lag behind the entries (it is advanced after the
 * insert), never decides a race (the unique (scope, seq) insert does), and is rebuilt from the
 * entries when missing.
 */
const sequenceHeadSchema = new Schema({
  _id: { type: String, required: true },
  seq: { type: Number, required: true, min: 0 },
  /** The scope's fields as the log has them, so export and erase find a customer's heads (store/personal-data.ts). */
  scope: { type: Schema.Types.Mixed, required: true },
  /** The latest expiry among the scope's entries, when they expire: the head goes with them. */
  expiresAt: { type: Date },
});
sequenceHeadSchema.plugin(expiryBucket);

export type SequenceHead = InferSchemaType<typeof sequenceHeadSchema>;
export const SequenceHeadModel = model('SequenceHead', sequenceHeadSchema);
