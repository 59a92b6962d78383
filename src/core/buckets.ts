/**
 * The arithmetic of time buckets, kept free of the database so models can stamp a bucket on write
 * (`models/shared.ts`); the scans over buckets live in `store/time-buckets.ts`.
 */
export function bucketOf(at: Date | number, sizeMs: number): number {
  return Math.floor((typeof at === 'number' ? at : at.getTime()) / sizeMs);
}

/** The first instant that falls in `bucket`. */
export function bucketStart(bucket: number, sizeMs: number): Date {
  return new Date(bucket * sizeMs);
}
