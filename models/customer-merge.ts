import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

/**
 * The record of one customer folded into another, written before anything moves: its unique
 * sourceCustomerId means a customer is merged once, into one target, and a merge interrupted by a
 * crash is finished by running it again (every step is safe to repeat).
 */
const customerMergeSchema = new Schema({
  sourceCustomerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  targetCustomerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  /** What caused it, e.g. "link-code" or "alexa-account-linking". */
  reason: { type: String, required: true },
  /** The combined cart, decided once so a re-run writes the same lines instead of adding twice. */
  cartLines: { type: [Schema.Types.Mixed], default: undefined },
  cartMergedAt: { type: Date },
  startedAt: { type: Date, required: true, default: () => new Date() },
  completedAt: { type: Date },
  /** Set while the merge runs and removed when it completes: maintenance finds unfinished merges by equality (a hot path never ranges). */
  open: { type: Boolean },
});
customerMergeSchema.index({ sourceCustomerId: 1 }, { unique: true });
customerMergeSchema.index({ targetCustomerId: 1 });
customerMergeSchema.index({ open: 1 });

export type CustomerMerge = InferSchemaType<typeof customerMergeSchema>;
export const CustomerMergeModel = model('CustomerMerge', customerMergeSchema);
