import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

/** 'deferred' (quiet hours) is not a failed attempt; 'requeued' is an operator reviving a dead job. */
export const OUTBOX_OUTCOMES = ['claimed', 'sent', 'retry', 'dead', 'withheld', 'deferred', 'requeued'] as const;

/**
 * The log of one outbox job's sending: a worker may send only after inserting the next 'claimed'
 * entry, and the unique (jobKey, seq) index lets one worker win each claim, so two workers never send
 * the same job at once. The job's status on Outbox is a cache of this log.
 */
const outboxAttemptSchema = new Schema({
  jobKey: { type: String, required: true },
  seq: { type: Number, required: true, min: 0 },
  outcome: { type: String, required: true, enum: OUTBOX_OUTCOMES },
  /** A claim is held until then; after it, a crashed worker's claim may be taken over. */
  leaseUntil: { type: Date },
  error: { type: String },
  at: { type: Date, required: true, default: () => new Date() },
});
outboxAttemptSchema.index({ jobKey: 1, seq: 1 }, { unique: true });

export type OutboxAttempt = InferSchemaType<typeof outboxAttemptSchema>;
export const OutboxAttemptModel = model('OutboxAttempt', outboxAttemptSchema);
