import { BucketCursorModel } from '../../models';
import { bucketOf } from '../core/buckets';
import { upsertRacing } from './upsert';

/**
 * Time buckets: the shape that lets "everything due by now" be found by equality. A document that
 * becomes due (or expires) at time t also stores `bucketOf(t)`; a scan visits the few buckets from
 * its cursor up to the current one, each with an equality filter, instead of a range over the
 * whole collection. FerretDB on PostgreSQL pushes equality down to an index but fetches and sorts
 * every match of a range itself, so a range over `dueAt` grows with the collection; one bucket only
 * grows with the traffic of one bucket-sized interval.
 *
 * Used by the outbox worker (`outbox-store.ts`), the inbound workers (`inbound-store.ts`), the sweeper (`sweeper.ts`) and, by design, any
 * other queue that needs "due by now": reuse these functions rather than writing a range.
 */

export { bucketOf, bucketStart } from '../core/buckets';

export interface BucketScan {
  /** Names the cursor document; one per queue or collection. */
  name: string;
  sizeMs: number;
  /**
   * How many buckets before the current one are always visited again, whatever the cursor says:
   * covers a writer whose clock lags and a writer that stored a due time just behind the cursor.
   */
  overlap: number;
  /** How many buckets one scan visits at most, so a long outage is caught up over several scans. */
  maxBuckets: number;
}

/**
 * Visits buckets oldest first, from the stored cursor (or, on the very first scan, from
 * `firstBucket()`) to the current bucket (at most `maxBuckets` from the cursor, and always the
 * overlap and the current bucket). `visit(bucket)` returns true when the bucket holds
 * nothing left to do; the cursor then moves past every leading drained bucket, but never into the
 * overlap. Returns the buckets visited.
 */
export async function scanBuckets(scan: BucketScan, now: Date, visit: (bucket: number) => Promise<boolean>, firstBucket?: () => Promise<number | null>): Promise<number[]> {
  const current = bucketOf(now, scan.sizeMs);
  const floor = current - scan.overlap;
  const stored = await BucketCursorModel.findById(scan.name).lean();
  let from = stored?.bucket;
  if (from === undefined) from = (firstBucket ? await firstBucket() : null) ?? floor;
  from = Math.min(from, floor);
  const last = Math.min(current, from + scan.maxBuckets - 1);

  const visited: number[] = [];
  let drainedUpTo = from;
  let stillDraining = true;
  for (let bucket = from; bucket <= last; bucket++) {
    visited.push(bucket);
    const drained = await visit(bucket);
    if (stillDraining && drained) drainedUpTo = bucket + 1;
    else stillDraining = false;
  }
  // A cursor held far back (a job that stays pending) must not hide what is due now.
  for (let bucket = Math.max(last + 1, floor); bucket <= current; bucket++) {
    visited.push(bucket);
    await visit(bucket);
  }
  const cursor = Math.min(drainedUpTo, floor);
  if (stored?.bucket === undefined || cursor > stored.bucket) await moveCursor(scan.name, cursor);
  return visited;
}

/**
 * `$max` keeps the cursor from going back when two scanners race; a cursor that stays behind only
 * costs a few more equality lookups next time, never a missed bucket.
 */
async function moveCursor(name: string, bucket: number): Promise<void> {
  await upsertRacing(() => BucketCursorModel.updateOne({ _id: name }, { $max: { bucket } }, { upsert: true }));
}

/** Forgets a scan's cursor (tests, and maintenance after a backfill that wrote older buckets). */
export async function resetBucketCursor(name: string): Promise<void> {
  await BucketCursorModel.deleteOne({ _id: name });
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
