import type { Model } from 'mongoose';
import { ChannelIdentityModel, CustomerModel, EXPIRY_BUCKET_MS, expiresBucketOf, InboundEventModel, InboundLeaseModel, LinkCodeAttemptModel, LinkCodeModel, LinkCodeRedemptionModel, OAuthConsumptionModel, OAuthRecordModel, OrderModel, ProcessedEventModel, RateSlotModel, SessionModel, StaffSessionModel, TranscriptMessageModel, UcpCheckoutModel, UcpIdempotencyModel, WebchatTokenModel } from '../../models';
import { utcDay } from '../core/insights';
import { deleteInsightDay, INSIGHT_RETENTION_DAYS } from './insight-store';
import { eraseCustomerData } from './personal-data';
import { bucketOf, scanBuckets, type BucketScan } from './time-buckets';

interface Expiring {
  _id: unknown;
  expiresAt?: Date | null;
  expiresBucket?: number | null;
}

/**
 * FerretDB has no TTL indexes, so expiry is our own: anything past `expiresAt` is deleted here. Each
 * model carries the `expiryBucket` plugin (models/shared.ts), so every writer stamps `expiresBucket`.
 */
const EXPIRING_MODELS = [
  SessionModel,
  ProcessedEventModel,
  LinkCodeModel,
  LinkCodeAttemptModel,
  LinkCodeRedemptionModel,
  OAuthRecordModel,
  OAuthConsumptionModel,
  WebchatTokenModel,
  RateSlotModel,
  // Worked and parked inbound events once their redelivery window (or an operator's) is over; pending ones have no expiry.
  InboundEventModel,
  InboundLeaseModel,
  // Past TRANSCRIPT_RETENTION_DAYS.
  TranscriptMessageModel,
  StaffSessionModel,
  UcpCheckoutModel,
  UcpIdempotencyModel,
] as unknown as Model<Expiring>[];

/**
 * One-minute buckets, like `expiresBucket`. A sweep every minute visits the two overlap buckets and
 * the current one per collection; after an outage it catches up two hours of buckets per sweep.
 */
function sweepScan(model: Model<Expiring>): BucketScan {
  return { name: `sweep:${model.collection.collectionName}`, sizeMs: EXPIRY_BUCKET_MS, overlap: 2, maxBuckets: 120 };
}

export interface SweepResult {
  [collection: string]: number;
}

/** Expired web chat tokens looked at per sweep; the rest wait for the next pass. */
const ABANDONED_WEBCHAT_BATCH = 200;

export async function sweepExpired(now: Date = new Date()): Promise<SweepResult> {
  const result: SweepResult = { abandonedWebchatCustomers: await eraseAbandonedWebchatCustomers(now) };
  const current = bucketOf(now, EXPIRY_BUCKET_MS);
  for (const model of EXPIRING_MODELS) {
    let deleted = 0;
    await scanBuckets(
      sweepScan(model),
      now,
      async (bucket) => {
        // A bucket wholly in the past is deleted by equality alone; the current one only up to `now`
        // (a residual filter over one minute of expiries, not over the collection).
        const filter = bucket < current ? { expiresBucket: bucket } : { expiresBucket: bucket, expiresAt: { $lte: now } };
        deleted += (await model.deleteMany(filter)).deletedCount;
        return bucket < current;
      },
      async () => {
        deleted += await firstSweep(model, now);
        return null;
      },
    );
    result[model.collection.collectionName] = deleted;
  }
  result.insightDays = await sweepOldInsightDays(now);
  return result;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Insight counts expire by their day (no `expiresAt`: they are `$inc` upserts): each sweep deletes, by
 * equality on the day, the days that have become INSIGHT_RETENTION_DAYS old since its cursor (a day at
 * a time, so a long outage is caught up 30 days per sweep).
 */
async function sweepOldInsightDays(now: Date): Promise<number> {
  let deleted = 0;
  const cutoff = new Date(now.getTime() - INSIGHT_RETENTION_DAYS * DAY_MS);
  await scanBuckets({ name: 'sweep:insight-days', sizeMs: DAY_MS, overlap: 0, maxBuckets: 30 }, cutoff, async (bucket) => {
    deleted += await deleteInsightDay(utcDay(new Date(bucket * DAY_MS)));
    return true;
  });
  return deleted;
}

/**
 * A web chat customer is reachable only through its session token. Once the token has expired, a
 * customer with no order and no other identity (it never linked an account) can never be reached
 * again, so everything about it goes, as an erasure would take it. This runs before the tokens are
 * deleted, because the token is what names the customer.
 */
async function eraseAbandonedWebchatCustomers(now: Date): Promise<number> {
  const expired = await WebchatTokenModel.find({ expiresAt: { $lte: now } }).select('channelUserId').limit(ABANDONED_WEBCHAT_BATCH).lean();
  let erased = 0;
  for (const { channelUserId } of expired) {
    const identity = await ChannelIdentityModel.findOne({ channel: 'webchat', externalId: channelUserId }).select('customerId').lean();
    if (!identity) continue;
    const customerId = identity.customerId;
    // Another customer merged into this one is a real person's history: never swept with it.
    const [identities, order, mergedSource] = await Promise.all([
      ChannelIdentityModel.find({ customerId }).select('_id').limit(2).lean(),
      OrderModel.exists({ customerId }),
      CustomerModel.exists({ mergedInto: customerId }),
    ]);
    if (identities.length !== 1 || order || mergedSource) continue;
    await eraseCustomerData(customerId);
    erased += 1;
  }
  return erased;
}

/**
 * Only when a collection has no sweep cursor yet (a new database, or one from before expiry
 * buckets): deletes what has already expired and gives every other document its bucket. A scan with
 * a range, run once per collection; from then on the sweep starts at the current bucket.
 */
async function firstSweep(model: Model<Expiring>, now: Date): Promise<number> {
  const { deletedCount } = await model.deleteMany({ expiresAt: { $lte: now } });
  for await (const doc of model.find({ expiresBucket: { $exists: false } }).select('_id expiresAt').lean().cursor()) {
    if (doc.expiresAt) await model.updateOne({ _id: doc._id }, { $set: { expiresBucket: expiresBucketOf(doc.expiresAt) } });
  }
  return deletedCount;
}
