import { InsightDailyModel } from '../../models';
import { upsertRacing } from './upsert';

/** Adds one to a day's count of `key` under `metric`: one upsert, no read. */
export async function countInsight(day: string, metric: string, key: string): Promise<void> {
  await upsertRacing(() => InsightDailyModel.updateOne({ _id: `${day}|${metric}|${key}` }, { $inc: { count: 1 }, $setOnInsert: { day, metric, key } }, { upsert: true }));
}

/** The counts of a metric on these days (equality on metric and each day), summed per key. */
export async function insightTotals(metric: string, days: readonly string[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const entry of await InsightDailyModel.find({ metric, day: { $in: [...days] } }).select({ key: 1, count: 1 }).lean()) {
    totals.set(entry.key, (totals.get(entry.key) ?? 0) + entry.count);
  }
  return totals;
}
