import { createHash } from 'node:crypto';
import { ProcessedEventModel } from '../../models';
import type { Channel } from '../core/channels';
import { insertOnce } from './insert-once';

/** Platforms retry deliveries for up to about a day; remember ids a little longer. */
const EVENT_MEMORY_MS = 48 * 60 * 60_000;

/** True for the first delivery of an event, false for every redelivery: the unique insert decides. */
export async function claimEvent(channel: Channel, eventId: string, now = new Date()): Promise<boolean> {
  return insertOnce(ProcessedEventModel, { key: eventKey(channel, eventId), channel, eventId, receivedAt: now, expiresAt: new Date(now.getTime() + EVENT_MEMORY_MS) });
}

function eventKey(channel: Channel, eventId: string): string {
  return `${channel}:${eventId}`;
}

/** A one-way digest of what an event asked, so a claim can tell a redelivery from another request under the same id. */
function requestDigest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * A claim whose answer is kept, for events answered in the response to the request itself (web chat):
 * the platform or client that missed the answer asks again with the same event id and must get it.
 * - `first`: this delivery runs the turn, then keeps its answer (`keepEventAnswer`) or gives the claim back (`releaseEvent`);
 * - `answered`: the answer the first delivery got;
 * - `pending`: the first delivery is still being answered (or died before giving the claim back; the claim then expires);
 * - `different-request`: the id was claimed for another request, which is never answered with this one's answer.
 */
export type AnswerClaim = { kind: 'first' } | { kind: 'answered'; answer: unknown } | { kind: 'pending' } | { kind: 'different-request' };

/** Claims an event whose answer is kept until `keepUntil` (the unique insert decides, as for `claimEvent`); `request` is what the event asked. */
export async function claimEventKeepingAnswer(channel: Channel, eventId: string, request: unknown, keepUntil: Date, now = new Date()): Promise<AnswerClaim> {
  const digest = requestDigest(request);
  if (await insertOnce(ProcessedEventModel, { key: eventKey(channel, eventId), channel, eventId, requestDigest: digest, receivedAt: now, expiresAt: keepUntil })) return { kind: 'first' };
  return readEventAnswer(channel, eventId, request);
}

/** Where a claimed event's answer stands, for a redelivery asking `request`. */
export async function readEventAnswer(channel: Channel, eventId: string, request: unknown): Promise<AnswerClaim> {
  const existing = await ProcessedEventModel.findOne({ key: eventKey(channel, eventId) }).select({ requestDigest: 1, answer: 1 }).lean();
  if (!existing) return { kind: 'pending' };
  if (existing.requestDigest !== requestDigest(request)) return { kind: 'different-request' };
  return existing.answer === undefined || existing.answer === null ? { kind: 'pending' } : { kind: 'answered', answer: existing.answer };
}

/** Keeps the answer of an event claimed with `claimEventKeepingAnswer`, for its redeliveries. */
export async function keepEventAnswer(channel: Channel, eventId: string, answer: unknown): Promise<void> {
  await ProcessedEventModel.updateOne({ key: eventKey(channel, eventId) }, { $set: { answer } });
}

/**
 * Gives a claim back when its turn failed, so a redelivery is worked again (rather than told "still
 * being answered" until the claim expires). Only a claim without an answer: a kept answer is never taken back.
 */
export async function releaseEvent(channel: Channel, eventId: string): Promise<void> {
  await ProcessedEventModel.deleteOne({ key: eventKey(channel, eventId), answer: { $exists: false } });
}

export type SignedNonceClaim = 'first' | 'same-event' | 'replayed';

/**
 * A signature that does not cover the body (WeChat's signs only token, timestamp and nonce) proves
 * nothing about the body on a second use. So each signed (timestamp, nonce) pair is remembered, by a
 * unique insert, with the event it carried: a second use for the same event is the platform
 * redelivering it; for any other event it is a replay with a body of someone else's choosing.
 * Remembered for `windowMs` past the signed time (after that the timestamp is refused as stale), then
 * swept. Only a hash of the event id is kept, so the row holds no platform user id.
 */
export async function claimSignedNonce(channel: Channel, timestamp: string, nonce: string, eventId: string, windowMs: number, now = new Date()): Promise<SignedNonceClaim> {
  const key = `${channel}-signature:${timestamp}:${nonce}`;
  const event = createHash('sha256').update(eventId).digest('hex');
  const signedAt = Number(timestamp) * 1000;
  const expiresAt = new Date(Math.max(now.getTime(), Number.isFinite(signedAt) ? signedAt : 0) + windowMs);
  if (await insertOnce(ProcessedEventModel, { key, channel, eventId: event, receivedAt: now, expiresAt })) return 'first';
  const seen = await ProcessedEventModel.findOne({ key }).select({ eventId: 1 }).lean();
  return seen?.eventId === event ? 'same-event' : 'replayed';
}
