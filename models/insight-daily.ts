import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

/**
 * Daily aggregates for the merchant's insights, counted as turns happen (one upsert with $inc), so a
 * report reads a few days' documents by equality instead of scanning turns or orders on page load.
 * `_id` is `day|metric|key`; no customer is named.
 */
const insightDailySchema = new Schema({
  _id: { type: String, required: true },
  /** UTC day, `YYYY-MM-DD`. */
  day: { type: String, required: true },
  /** e.g. `search:unmatched`, `search:asked-back`. */
  metric: { type: String, required: true },
  /** What is counted under the metric: a search term as typed or said (lowercase, bounded). */
  key: { type: String, required: true },
  count: { type: Number, required: true, default: 0 },
});
insightDailySchema.index({ metric: 1, day: 1 });

export type InsightDaily = InferSchemaType<typeof insightDailySchema>;
export const InsightDailyModel = model('InsightDaily', insightDailySchema);
