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
  const id = insightId(day, metric, key);
  const counted = pending.get(id);
  if (counted) counted.amount += amount;
  else pending.set(id, { day, metric, key, amount });
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
}

/** The counts of a metric on these days (equality on metric and each day), per day and key. */
export async function insightCounts(metric: string, days: readonly string[]): Promise<{ day: string; key: string; count: number }[]> {
  return InsightDailyModel.find({ metric, day: { $in: [...days] } })
    .select({ _id: 0, day: 1, key: 1, count: 1 })
    .lean();
}
