import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

/** 'withheld': ended unsent on purpose (no consent, no reachable channel); never retried. */
export const OUTBOX_STATUSES = ['pending', 'sent', 'dead', 'withheld'] as const;

const outboxSchema = new Schema(
  {
    /** Derived from what caused the job (e.g. order + status change), so the same cause never queues twice. */
    jobKey: { type: String, required: true },
    /** Which sender delivers it, e.g. 'messenger' or 'instagram'. */
    kind: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer' },
    /**
     * Set on a message the recipient never asked for by writing to us (a link code texted to a number
     * a customer typed): who asked for it. The outbound policy caps such messages (notify/send-policy).
     */
    requestedBy: { type: Schema.Types.ObjectId, ref: 'Customer' },
    payload: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: OUTBOX_STATUSES, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true, default: () => new Date() },
    /** `bucketOf(nextAttemptAt)` (store/time-buckets.ts): the worker finds due jobs by equality on it. */
    dueBucket: { type: Number },
    lastError: { type: String },
    sentAt: { type: Date },
    /** For a job of several messages: how many went out, so a retry resumes after them. */
    progress: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
outboxSchema.index({ jobKey: 1 }, { unique: true });
outboxSchema.index({ status: 1, nextAttemptAt: 1 });
outboxSchema.index({ dueBucket: 1, status: 1 });

export type Outbox = InferSchemaType<typeof outboxSchema>;
export const OutboxModel = model('Outbox', outboxSchema);
