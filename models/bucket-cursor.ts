import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

/**
 * How far a time-bucketed scan (due outbox jobs, expiry) has drained: every bucket before `bucket`
 * was found empty. `_id` is the scan's name, so reading it is one `_id` lookup.
 */
const bucketCursorSchema = new Schema(
  {
    _id: { type: String, required: true },
    bucket: { type: Number, required: true, validate: Number.isSafeInteger },
  },
  { timestamps: true },
);

export type BucketCursor = InferSchemaType<typeof bucketCursorSchema>;
export const BucketCursorModel = model('BucketCursor', bucketCursorSchema);
