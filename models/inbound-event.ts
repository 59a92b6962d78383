import { model, type InferSchemaType } from 'mongoose';
import { Schema, channelField, expiresAtField, expiryBucket } from './shared';

/** 'pending': to be worked (again); 'done': answered; 'parked': gave up after the last attempt, kept for an operator. */
export const INBOUND_STATES = ['pending', 'done', 'parked'] as const;

/**
 * One customer message a messaging webhook acknowledged. Inserting it is the dedupe claim (a
 * redelivery hits the unique key) and the promise that it will be worked: a worker answers it, retries
 * it after a failure or a crash, and parks it with its error after the last attempt.
 */
const inboundEventSchema = new Schema({
  /** `${channel}:${eventId}`: the platform's id of the message, so a redelivery is the same key. */
  key: { type: String, required: true },
  channel: channelField,
  eventId: { type: String, required: true },
  /** `${channel}:${channelUserId}`: one customer's queue; their events are worked one at a time, in order. */
  lane: { type: String, required: true },
  /** What the channel needs to run the turn again from scratch (the parsed message, a WhatsApp order ...). */
  payload: { type: Schema.Types.Mixed, required: true },
  /** The platform's time of the message when it gives one, else arrival: the order within a lane. */
  sentAt: { type: Date, required: true },
  receivedAt: { type: Date, required: true },
  state: { type: String, required: true, enum: INBOUND_STATES, default: 'pending' },
  attempts: { type: Number, required: true, default: 0 },
  /** When a pending event may next be worked; moved past the lease while a worker has it, so a crash brings it back. */
  dueAt: { type: Date },
  /** The minute bucket of `dueAt` (store/time-buckets.ts), so workers find due events by equality. */
  dueMinute: { type: Number },
  lastError: { type: String },
  doneAt: { type: Date },
  parkedAt: { type: Date },
  /** Set once worked or parked; the sweeper deletes it then (the key must outlive the platform's redeliveries). */
  expiresAt: { ...expiresAtField, required: false },
});
inboundEventSchema.plugin(expiryBucket);
inboundEventSchema.index({ key: 1 }, { unique: true });
inboundEventSchema.index({ lane: 1, state: 1 });
inboundEventSchema.index({ state: 1, dueMinute: 1 });

export type InboundEvent = InferSchemaType<typeof inboundEventSchema>;
export const InboundEventModel = model('InboundEvent', inboundEventSchema);

/**
 * The lease log of one lane: a worker works a customer's events only after appending the next
 * 'claimed' entry (unique (lane, seq), store/sequenced-log.ts), so two workers in any number of
 * processes never work one customer at once; a claim past `leaseUntil` is a crashed worker's.
 */
const inboundLeaseSchema = new Schema({
  lane: { type: String, required: true },
  seq: { type: Number, required: true, min: 0 },
  outcome: { type: String, required: true, enum: ['claimed', 'released'] },
  owner: { type: String, required: true },
  leaseUntil: { type: Date },
  at: { type: Date, required: true },
  expiresAt: expiresAtField,
});
inboundLeaseSchema.plugin(expiryBucket);
inboundLeaseSchema.index({ lane: 1, seq: 1 }, { unique: true });

export type InboundLease = InferSchemaType<typeof inboundLeaseSchema>;
export const InboundLeaseModel = model('InboundLease', inboundLeaseSchema);
