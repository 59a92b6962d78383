import type { Types } from 'mongoose';
import { OutboxAttemptModel, OutboxModel, type Outbox } from '../../models';
import { isDuplicateKeyError } from '../db/connection';
import { appendInSequence } from './sequenced-log';

export interface NewOutboxJob {
  jobKey: string;
  kind: string;
  customerId?: Types.ObjectId;
  /** Who asked for a message the recipient never asked for (see Outbox.requestedBy). */
  requestedBy?: Types.ObjectId;
  payload: unknown;
}

/** Queues a job once per key: a redelivered cause finds its job already there and adds nothing. */
export async function enqueueJob(job: NewOutboxJob, now: Date): Promise<boolean> {
  try {
    await OutboxModel.create({ ...job, status: 'pending', attempts: 0, progress: 0, nextAttemptAt: now });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
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
      $set: { status, ...(details.error ? { lastError: details.error } : {}), ...(details.nextAttemptAt ? { nextAttemptAt: details.nextAttemptAt } : {}), ...(outcome === 'sent' ? { sentAt: details.now } : {}) },
      $inc: { attempts: outcome === 'withheld' ? 0 : 1 },
    },
  );
}

export function dueJobs(now: Date, limit: number) {
  return OutboxModel.find({ status: 'pending', nextAttemptAt: { $lte: now } }).sort({ nextAttemptAt: 1 }).limit(limit).lean();
}

/** Puts a claimed job back until `until` without counting an attempt (quiet hours are no failure). */
export async function deferJob(jobKey: string, until: Date, reason: string, now: Date): Promise<void> {
  await appendInSequence(OutboxAttemptModel, { jobKey }, () => ({ outcome: 'deferred', error: reason, at: now }));
  await OutboxModel.updateOne({ jobKey }, { $set: { status: 'pending', nextAttemptAt: until } });
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
  await OutboxModel.updateOne({ jobKey }, { $set: { status: 'pending', attempts: 0, nextAttemptAt: now } });
  return 'requeued';
}
