import type { AnyBulkWriteOperation } from 'mongoose';
import { InsightDailyModel, type InsightDaily } from '../../models';
import { isDuplicateKeyError } from '../db/connection';

/**
 * Insight counts are buffered in the process and written together: counting on a hot path (a turn, a
 * webhook, a worker) costs no database round trip. The buffer is flushed by one `bulkWrite` of `$inc`
 * upserts every few seconds (`startInsightFlushing` in `services/insights`), as soon as it holds `MAX_PENDING_KEYS` keys, on
 * shutdown, and before a report is read (`flushInsights`).
 *
 * Analytics, not records: a crash loses the counts of the last few seconds; a flush the database
 * refused goes back into the buffer (after one retry of its clashing upserts) and is written with the
 * next one. Nothing that decides a send, an order or a consent reads these counts.
 */
const MAX_PENDING_KEYS = 500;

interface PendingCount {
  day: string;
  metric: string;
  key: string;
  amount: number;
}

let pending = new Map<string, PendingCount>();
/** The flush being written, if any: the next one waits for it, so a report sees every count taken before it asked. */
let writing: Promise<void> = Promise.resolve();
let onFlushError: (error: unknown) => void = () => undefined;

function insightId(day: string, metric: string, key: string): string {
  return `${day}|${metric}|${key}`;
}

/**
 * Adds `amount` (default one) to a day's count of `key` under `metric`, in the process's buffer: no
 * database round trip, unless the buffer just filled up (then it is written in the background).
 */
export async function countInsight(day: string, metric: string, key: string, amount = 1): Promise<void> {
  if (!Number.isFinite(amount) || amount === 0) return;
  const storedKey = admittedKey(day, metric, key);
  const id = insightId(day, metric, storedKey);
  const counted = pending.get(id);
  if (counted) counted.amount += amount;
  else pending.set(id, { day, metric, key: storedKey, amount });
  if (pending.size >= MAX_PENDING_KEYS) void flushInsights().catch(onFlushError);
}

/** Writes every buffered count (one `bulkWrite`), after any flush already under way. */
export function flushInsights(): Promise<void> {
  const batch = pending;
  pending = new Map();
  const flushing = writing.catch(() => undefined).then(() => writeCounts([...batch.values()]));
  writing = flushing;
  return flushing;
}

function incrementOf(count: PendingCount): AnyBulkWriteOperation<InsightDaily> {
  const { day, metric, key, amount } = count;
  return { updateOne: { filter: { _id: insightId(day, metric, key) }, update: { $inc: { count: amount }, $setOnInsert: { day, metric, key } }, upsert: true } };
}

async function writeCounts(counts: PendingCount[], clashRetries = 1): Promise<void> {
  if (counts.length === 0) return;
  try {
    await InsightDailyModel.bulkWrite(counts.map(incrementOf), { ordered: false });
  } catch (error) {
    // Unordered: the upserts not named in writeErrors were written. With none named (the database out of reach), none is known to be.
    const failed = (error as { writeErrors?: { index: number; code?: number; err?: { code?: number } }[] }).writeErrors;
    const unwritten = failed?.length ? failed.map((entry) => counts[entry.index]!) : counts;
    // Two processes' first writes of one key race to insert it: the loser's upserts are written again, once (the key exists now).
    if (failed?.length && clashRetries > 0 && failed.every((entry) => isDuplicateKeyError(entry) || isDuplicateKeyError(entry.err))) return writeCounts(unwritten, clashRetries - 1);
    // Anything else (a transient error) loses no count: the unwritten ones go back into the buffer for the next flush.
    keepForNextFlush(unwritten);
    throw error;
  }
}

function keepForNextFlush(counts: readonly PendingCount[]): void {
  for (const count of counts) {
    const id = insightId(count.day, count.metric, count.key);
    const buffered = pending.get(id);
    if (buffered) buffered.amount += count.amount;
    else pending.set(id, { ...count });
  }
}

/** Where a flush started in the background (the buffer filled up) reports its failure: the service's log. */
export function onInsightFlushError(handler: (error: unknown) => void): void {
  onFlushError = handler;
}

/** Drops what is buffered and not yet written (a test starting from an empty database). */
export function discardPendingInsights(): void {
  pending = new Map();
  admittedKeys.clear();
}

/**
 * Distinct keys one process counts under a metric on one day; later new keys are counted under
 * `OTHER_INSIGHT_KEY`. Free text becomes keys (search terms from anonymous web chat), so without a cap
 * a script could grow a day's documents, and every report reading it, without limit. Per process and
 * per start (the keys already stored are not read back): the stored keys of a metric-day stay within
 * this many per process start, which is what a report's read can bear.
 */
export const MAX_KEYS_PER_METRIC_DAY = 500;
export const OTHER_INSIGHT_KEY = '(other)';

/** The keys admitted so far, per `day|metric`; only the newest days are kept (counts arrive for today, now and then yesterday). */
const admittedKeys = new Map<string, Set<string>>();
const ADMITTED_DAYS_KEPT = 3;

/** The key a count is stored under: itself, or `(other)` once its metric has its day's fill of distinct keys. The one place the cap is applied. */
export function admittedKey(day: string, metric: string, key: string): string {
  const dayMetric = `${day}|${metric}`;
  let keys = admittedKeys.get(dayMetric);
  if (!keys) {
    keys = new Set();
    admittedKeys.set(dayMetric, keys);
    forgetOldDays();
  }
  if (keys.has(key)) return key;
  if (keys.size >= MAX_KEYS_PER_METRIC_DAY) return OTHER_INSIGHT_KEY;
  keys.add(key);
  return key;
}

function forgetOldDays(): void {
  const days = [...new Set([...admittedKeys.keys()].map((dayMetric) => dayMetric.slice(0, dayMetric.indexOf('|'))))].sort();
  const oldest = days.at(-ADMITTED_DAYS_KEPT);
  if (oldest === undefined) return;
  for (const dayMetric of admittedKeys.keys()) if (dayMetric < oldest) admittedKeys.delete(dayMetric);
}

export interface InsightCount {
  day: string;
  metric: string;
  key: string;
  count: number;
}

/**
 * Every count of these days, each day by equality on its own (FerretDB pushes equality down, not `$in`):
 * one query per day, each at most the metrics times `MAX_KEYS_PER_METRIC_DAY` documents per process start.
 */
export async function insightCountsOn(days: readonly string[]): Promise<InsightCount[]> {
  const perDay = await Promise.all(days.map((day) => InsightDailyModel.find({ day }).select({ _id: 0, day: 1, metric: 1, key: 1, count: 1 }).lean<InsightCount[]>()));
  return perDay.flat();
}

/** Insight counts are analytics for a report's range (at most 92 days back): a day's documents go after this many days. */
export const INSIGHT_RETENTION_DAYS = 400;

/** Deletes every count of one UTC day (equality on the day; the sweeper's daily expiry). */
export async function deleteInsightDay(day: string): Promise<number> {
  return (await InsightDailyModel.deleteMany({ day })).deletedCount;
}
