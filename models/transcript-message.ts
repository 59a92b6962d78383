import { model, type InferSchemaType } from 'mongoose';
import { Schema, channelField, expiresAtField, expiryBucket } from './shared';

export const TRANSCRIPT_DIRECTIONS = ['inbound', 'outbound'] as const;
/** Who wrote a message: the customer (inbound), the assistant or a member of staff (outbound), or a private staff note. */
export const TRANSCRIPT_AUTHORS = ['customer', 'bot', 'agent', 'note'] as const;

/**
 * Every message of every channel, per customer: what the customer wrote or said, what the assistant or
 * an agent answered, and agents' private notes. Kept for TRANSCRIPT_RETENTION_DAYS (the sweeper deletes
 * it by `expiresBucket`), read per customer by equality for the agent inbox, exported and erased with
 * the customer (it has a `customerId`).
 */
const transcriptMessageSchema = new Schema({
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  channel: channelField,
  channelUserId: { type: String, required: true },
  direction: { type: String, required: true, enum: TRANSCRIPT_DIRECTIONS },
  author: { type: String, required: true, enum: TRANSCRIPT_AUTHORS },
  /** The staff member who wrote an agent reply or a note. */
  staffId: { type: Schema.Types.ObjectId, ref: 'Staff' },
  text: { type: String, default: '' },
  /** Skus of product cards sent with the message. */
  cards: { type: [String], default: undefined },
  at: { type: Date, required: true },
  expiresAt: expiresAtField,
});
transcriptMessageSchema.plugin(expiryBucket);
// The agent inbox reads a customer's newest page, and the newest inbound message of one channel user
// (messaging windows run from it); export and erase match the customerId prefix.
transcriptMessageSchema.index({ customerId: 1, at: -1 });
transcriptMessageSchema.index({ customerId: 1, channel: 1, channelUserId: 1, direction: 1, at: -1 });

export type TranscriptMessage = InferSchemaType<typeof transcriptMessageSchema>;
export const TranscriptMessageModel = model('TranscriptMessage', transcriptMessageSchema);
