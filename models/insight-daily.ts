import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

/**
 * Daily aggregates for the merchant's insights, counted as events happen (buffered per process and
 * written as `$inc` upserts, `store/insight-store.ts`), so a report reads a few days' documents by
 * equality on each day instead of scanning turns or orders on page load. `_id` is `day|metric|key`; no customer is named.
 */
const insightDailySchema = new Schema({
  _id: { type: String, required: true },
  /** UTC day, `YYYY-MM-DD`. */
  day: { type: String, required: true },
  /** One of `INSIGHT_METRICS` (`src/core/insights.ts`), e.g. `conversation`, `funnel:cart`, `search:unmatched`. */
  metric: { type: String, required: true },
  /** What is counted under the metric: a channel, `channel|currency`, `channel|source`, a campaign id, a product name, a search term (lowercase, bounded, masked), an NPS score. */
  key: { type: String, required: true },
  /** A number of events, or a sum (minor units of revenue, seconds to a first reply) for the metrics that say so. */
  count: { type: Number, required: true, default: 0 },
});
// A report reads each day by equality on it, and the sweeper deletes a day past retention the same way.
insightDailySchema.index({ day: 1 });

export type InsightDaily = InferSchemaType<typeof insightDailySchema>;
export const InsightDailyModel = model('InsightDaily', insightDailySchema);
