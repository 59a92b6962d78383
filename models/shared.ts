import { Schema } from 'mongoose';
import { bucketOf } from '../src/core/buckets';
import { CHANNEL_ID_PATTERN } from '../src/core/channels';

/** Money is always integer minor units; a float here would be a bug, so the schema refuses it. */
export const minorUnits = {
  type: Number,
  required: true,
  min: 0,
  validate: { validator: Number.isSafeInteger, message: '{PATH} must be a whole number of minor units' },
} as const;

export const currencyCode = { type: String, required: true, match: /^[A-Z]{3}$/ } as const;

/** A channel id: any registered channel's (the registry checks ids where they enter), so no list to edit here. */
export const channelField = { type: String, required: true, match: CHANNEL_ID_PATTERN } as const;

/**
 * Our own expiry field: FerretDB has no TTL indexes, so a sweeper deletes expired documents. It finds
 * them by `expiresBucket` (equality), which `expiryBucket` below stamps beside every `expiresAt`.
 */
export const expiresAtField = { type: Date, required: true } as const;

/** One minute: the sweeper's current bucket holds at most a minute of expiries. */
export const EXPIRY_BUCKET_MS = 60_000;

export function expiresBucketOf(at: Date): number {
  return bucketOf(at, EXPIRY_BUCKET_MS);
}

type UpdateDoc = Record<string, unknown> & { $set?: Record<string, unknown>; $setOnInsert?: Record<string, unknown>; $unset?: Record<string, unknown> };

function stampUpdate(update: UpdateDoc): void {
  for (const part of [update, update.$set, update.$setOnInsert]) {
    const at = part?.expiresAt;
    if (part && at !== undefined && at !== null) part.expiresBucket = expiresBucketOf(new Date(at as Date));
  }
  if (update.$unset && 'expiresAt' in update.$unset) update.$unset.expiresBucket = 1;
}

/**
 * Schema plugin for every collection the sweeper empties: adds the indexed `expiresBucket` and keeps
 * it in step with `expiresAt` on every way we write (create/save, update operators, insertMany), so
 * no writer can forget it. Documents from before the field are bucketed by the sweeper's first scan.
 */
export function expiryBucket(schema: Schema): void {
  schema.add({ expiresBucket: { type: Number } });
  schema.index({ expiresBucket: 1 });
  schema.pre('save', function () {
    const at = this.get('expiresAt') as Date | undefined | null;
    if (at) this.set('expiresBucket', expiresBucketOf(at));
    else this.set('expiresBucket', undefined);
  });
  schema.pre(['updateOne', 'updateMany', 'findOneAndUpdate'], function () {
    const update = this.getUpdate();
    if (update && !Array.isArray(update)) stampUpdate(update as UpdateDoc);
  });
  schema.pre('insertMany', function (docs: unknown) {
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      const at = (doc as { expiresAt?: Date } | null)?.expiresAt;
      if (at) (doc as { expiresBucket?: number }).expiresBucket = expiresBucketOf(new Date(at));
    }
  });
}

export { Schema };
