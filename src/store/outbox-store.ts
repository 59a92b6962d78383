import type { Types } from 'mongoose';
import { OutboxAttemptModel, OutboxModel, type Outbox } from '../../models';
import { isDuplicateKeyError } from '../db/connection';
import { insertOnce } from './insert-once';
import { appendInSequence } from './sequenced-log';
import { bucketOf, scanBuckets, type BucketScan } from './time-buckets';

export interface NewOutboxJob {
  jobKey: string;
  kind: string;
  customerId?: Types.ObjectId;
  /** Who asked for a message the recipient never asked for (see Outbox.requestedBy). */
  requestedBy?: Types.ObjectId;
  payload: unknown;
}

function pendingJob(job: NewOutboxJob, now: Date) {
  return { ...job, status: 'pending', attempts: 0, progress: 0, nextAttemptAt: now, dueBucket: dueBucketOf(now) };
}

/** Queues a job once per key: a redelivered cause finds its job already there and adds nothing. */
export async function enqueueJob(job: NewOutboxJob, now: Date): Promise<boolean> {
  return insertOnce(OutboxModel, pendingJob(job, now));
}

/**
 * Queues several jobs of one cause in one round trip (an unordered `insertMany`), each once per key
 * as `enqueueJob` does: a key already queued (a repeated cause) is skipped, the others are inserted.
 */
export async function enqueueJobs(jobs: readonly NewOutboxJob[], now: Date): Promise<void> {
  if (jobs.length === 0) return;
  try {
    await OutboxModel.insertMany(
      jobs.map((job) => pendingJob(job, now)),
      { ordered: false },
    );
  } catch (error) {
    const failed = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
    if (!failed?.length || !failed.every((entry) => isDuplicateKeyError(entry) || isDuplicateKeyError(entry.err))) throw error;
  }
}

export function findJob(jobKey: string) {
  return OutboxModel.findOne({ jobKey }).lean();
}

const FINAL_OUTCOMES = new Set(['sent', 'dead', 'withheld']);

/**
 * Takes the right to send a job: only when its log shows it neither finished nor held by an unexpired
 * claim, and only one of several racing workers can append the claim.
 */
export async function claimJob(jobKey: string, now: Date, leaseMs: number): Promise<boolean> {
  const { appended } = await appendInSequence(OutboxAttemptModel, { jobKey }, (latest) => {
    if (latest && FINAL_OUTCOMES.has(latest.outcome)) return null;
    if (latest?.outcome === 'claimed' && latest.leaseUntil && latest.leaseUntil > now) return null;
    return { outcome: 'claimed', leaseUntil: new Date(now.getTime() + leaseMs), at: now };
  });
  return appended !== null;
}

export async function saveProgress(jobKey: string, progress: number): Promise<void> {
  await OutboxModel.updateOne({ jobKey }, { $set: { progress } });
}

export async function recordOutcome(jobKey: string, outcome: 'sent' | 'retry' | 'dead' | 'withheld', details: { now: Date; error?: string; nextAttemptAt?: Date }): Promise<void> {
  await appendInSequence(OutboxAttemptModel, { jobKey }, () => ({ outcome, error: details.error, at: details.now }));
  const status = outcome === 'retry' ? 'pending' : outcome;
  await OutboxModel.updateOne(
    { jobKey },
    {
      $set: { status, ...(details.error ? { lastError: details.error } : {}), ...(details.nextAttemptAt ? { nextAttemptAt: details.nextAttemptAt, dueBucket: dueBucketOf(details.nextAttemptAt) } : {}), ...(outcome === 'sent' ? { sentAt: details.now } : {}) },
      $inc: { attempts: outcome === 'withheld' ? 0 : 1 },
    },
  );
}

const OUTBOX_BUCKETS: BucketScan = { name: 'outbox', sizeMs: 60_000, overlap: 2, maxBuckets: 60 };

function dueBucketOf(at: Date): number {
  return bucketOf(at, OUTBOX_BUCKETS.sizeMs);
}

/**
 * Pending jobs due by `now`, oldest bucket first: an equality lookup per one-minute bucket from the
 * scan's cursor, so the cost follows the jobs of the last minutes, not the whole outbox.
 */
export async function dueJobs(now: Date, limit: number) {
  const due: Outbox[] = [];
  await scanBuckets(
    OUTBOX_BUCKETS,
    now,
    async (bucket) => {
      const pending = await OutboxModel.find({ dueBucket: bucket, status: 'pending' }).lean();
      pending.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
      for (const job of pending) if (job.nextAttemptAt <= now && due.length < limit) due.push(job);
      return pending.length === 0;
    },
    firstOutboxBucket,
  );
  return due;
}

/**
 * Only when no cursor exists yet (a new database, or one from before buckets): gives every pending
 * job its bucket and starts at the oldest. A scan, run once.
 */
async function firstOutboxBucket(): Promise<number | null> {
  let oldest: number | null = null;
  for await (const job of OutboxModel.find({ status: 'pending' }).select('jobKey nextAttemptAt dueBucket').lean().cursor()) {
    const bucket = dueBucketOf(job.nextAttemptAt);
    if (job.dueBucket !== bucket) await OutboxModel.updateOne({ jobKey: job.jobKey }, { $set: { dueBucket: bucket } });
    if (oldest === null || bucket < oldest) oldest = bucket;
  }
  return oldest;
}

/** Puts a claimed job back until `until` without counting an attempt (quiet hours are no failure). */
export async function deferJob(jobKey: string, until: Date, reason: string, now: Date): Promise<void> {
  await appendInSequence(OutboxAttemptModel, { jobKey }, () => ({ outcome: 'deferred', error: reason, at: now }));
  await OutboxModel.updateOne({ jobKey }, { $set: { status: 'pending', nextAttemptAt: until, dueBucket: dueBucketOf(until) } });
}

export function listJobs(filter: { status?: Outbox['status']; kind?: string }, limit: number) {
  return OutboxModel.find({ ...(filter.status ? { status: filter.status } : {}), ...(filter.kind ? { kind: filter.kind } : {}) })
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean();
}

/**
 * Gives a dead job a fresh set of attempts. Decided on the attempt log, so of two operators pressing
 * retry at once only one revives it, and a job that is not dead is left alone.
 */
export async function requeueDeadJob(jobKey: string, now: Date): Promise<'requeued' | 'not-dead'> {
  const { appended } = await appendInSequence(OutboxAttemptModel, { jobKey }, (latest) => (latest?.outcome === 'dead' ? { outcome: 'requeued', at: now } : null));
  if (!appended) return 'not-dead';
  await OutboxModel.updateOne({ jobKey }, { $set: { status: 'pending', attempts: 0, nextAttemptAt: now, dueBucket: dueBucketOf(now) } });
  return 'requeued';
}
