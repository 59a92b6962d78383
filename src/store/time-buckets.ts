/**
 * Time as equality keys. FerretDB pushes equality down but not ranges or sorts, so "everything due
 * by now" is asked as one equality lookup per bucket since the last look, each bounded by what fell
 * due in that bucket. (Written for the inbound queue; the hotpath work has the same idea for the
 * outbox and the sweeper, and the two are meant to become one file.)
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** The bucket number of an instant: whole `sizeMs` spans since the epoch. */
export function timeBucket(at: Date | number, sizeMs: number): number {
  return Math.floor((typeof at === 'number' ? at : at.getTime()) / sizeMs);
}

/** Every bucket from the one holding `from` to the one holding `to`, inclusive. */
export function bucketsBetween(from: Date | number, to: Date | number, sizeMs: number): number[] {
  const first = timeBucket(from, sizeMs);
  const last = timeBucket(to, sizeMs);
  const buckets: number[] = [];
  for (let bucket = first; bucket <= last; bucket++) buckets.push(bucket);
  return buckets;
}
