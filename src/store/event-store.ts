import { createHash } from 'node:crypto';
import { ProcessedEventModel } from '../../models';
import type { Channel } from '../core/channels';
import { insertOnce } from './insert-once';

/** Platforms retry deliveries for up to about a day; remember ids a little longer. */
const EVENT_MEMORY_MS = 48 * 60 * 60_000;

/** True for the first delivery of an event, false for every redelivery: the unique insert decides. */
export async function claimEvent(channel: Channel, eventId: string, now = new Date()): Promise<boolean> {
  return insertOnce(ProcessedEventModel, { key: `${channel}:${eventId}`, channel, eventId, receivedAt: now, expiresAt: new Date(now.getTime() + EVENT_MEMORY_MS) });
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
