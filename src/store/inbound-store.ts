import { InboundEventModel } from '../../models';
import type { Channel } from '../core/channels';
import type { Page, Paging } from './admin-store';
import { insertOnce } from './insert-once';
import { bucketOf, HOUR_MS, MINUTE_MS, scanBuckets, type BucketScan } from './time-buckets';

/** Platforms redeliver for up to about a day; a worked event's key is remembered a little longer. */
export const INBOUND_MEMORY_MS = 48 * HOUR_MS;
/** Parked events wait this long for an operator before the sweeper takes them. */
const PARKED_MEMORY_MS = 14 * 24 * HOUR_MS;

export interface NewInboundEvent {
  channel: Channel;
  eventId: string;
  /** The customer's id on the channel: their events form one lane. */
  channelUserId: string;
  payload: unknown;
  /** The platform's time of the message, if it gives one. */
  sentAt?: Date;
}

export interface StoredInboundEvent {
  key: string;
  channel: Channel;
  eventId: string;
  lane: string;
  payload: unknown;
  sentAt: Date;
  receivedAt: Date;
  attempts: number;
  dueAt?: Date | null;
}

export function laneOf(channel: Channel, channelUserId: string): string {
  return `${channel}:${channelUserId}`;
}

const INBOUND_BUCKETS: BucketScan = { name: 'inbound', sizeMs: MINUTE_MS, overlap: 2, maxBuckets: 120 };

function dueFields(dueAt: Date) {
  return { dueAt, dueMinute: bucketOf(dueAt, INBOUND_BUCKETS.sizeMs) };
}

/**
 * Records an acknowledged event, once: the unique key is the dedupe claim, so a redelivery (to this
 * or any other process) returns null and nothing else happens for it.
 */
export async function recordInboundEvent(event: NewInboundEvent, now: Date): Promise<StoredInboundEvent | null> {
  const stored: StoredInboundEvent = {
    key: `${event.channel}:${event.eventId}`,
    channel: event.channel,
    eventId: event.eventId,
    lane: laneOf(event.channel, event.channelUserId),
    payload: event.payload,
    sentAt: event.sentAt ?? now,
    receivedAt: now,
    attempts: 0,
    dueAt: now,
  };
  return (await insertOnce(InboundEventModel, { ...stored, state: 'pending', ...dueFields(now) })) ? stored : null;
}

/** A lane's unfinished events, oldest message first. Bounded by what one customer has waiting. */
export async function pendingInLane(lane: string): Promise<StoredInboundEvent[]> {
  const events = (await InboundEventModel.find({ lane, state: 'pending' }).lean()) as unknown as StoredInboundEvent[];
  return events.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || a.receivedAt.getTime() - b.receivedAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The lanes with an event due by `now`: an equality lookup per one-minute bucket from the scan's
 * stored cursor, which passes a bucket only once none of its events is pending (so an event due
 * while another worker held its lane is seen again on the next poll).
 */
export async function dueLanes(now: Date): Promise<Set<string>> {
  const lanes = new Set<string>();
  await scanBuckets(
    INBOUND_BUCKETS,
    now,
    async (bucket) => {
      const pending = (await InboundEventModel.find({ state: 'pending', dueMinute: bucket }).select('lane dueAt').lean()) as unknown as { lane: string; dueAt: Date }[];
      for (const event of pending) if (event.dueAt <= now) lanes.add(event.lane);
      return pending.length === 0;
    },
    oldestPendingBucket,
  );
  return lanes;
}

/** Only when no cursor exists yet (a new database): starts at the oldest pending event. A scan of the pending events, run once. */
async function oldestPendingBucket(): Promise<number | null> {
  const [oldest] = await InboundEventModel.find({ state: 'pending' }).select('dueMinute').sort({ dueMinute: 1 }).limit(1).lean();
  return oldest?.dueMinute ?? null;
}

/**
 * Counts the attempt and moves the event's due time past the lease before the turn runs: if the process
 * dies mid-turn the event falls due again when the lease ends, and a worker finds it in that bucket.
 */
export async function startAttempt(key: string, attempt: number, now: Date, leaseMs: number): Promise<void> {
  // Only the lane's lease holder writes a pending event, so a plain $set is safe here.
  await InboundEventModel.updateOne({ key }, { $set: { ...dueFields(new Date(now.getTime() + leaseMs)), attempts: attempt } });
}

export async function markDone(key: string, now: Date): Promise<void> {
  await InboundEventModel.updateOne({ key }, { $set: { state: 'done', doneAt: now, expiresAt: new Date(now.getTime() + INBOUND_MEMORY_MS) }, $unset: { dueAt: 1, dueMinute: 1, payload: 1 } });
}

export async function markRetry(key: string, dueAt: Date, error: string): Promise<void> {
  await InboundEventModel.updateOne({ key }, { $set: { ...dueFields(dueAt), lastError: error } });
}

export async function markParked(key: string, now: Date, error: string): Promise<void> {
  await InboundEventModel.updateOne(
    { key },
    { $set: { state: 'parked', parkedAt: now, lastError: error, expiresAt: new Date(now.getTime() + PARKED_MEMORY_MS) }, $unset: { dueAt: 1, dueMinute: 1 } },
  );
}

export interface ParkedEvent {
  key: string;
  channel: string;
  eventId: string;
  attempts: number;
  lastError?: string;
  receivedAt: Date;
  parkedAt?: Date;
}

/** For the admin API: parked events, newest first, a page at a time (an operator's listing may scan). */
export async function listParkedEvents(paging: Paging): Promise<Page<ParkedEvent>> {
  const [items, total] = await Promise.all([
    InboundEventModel.find({ state: 'parked' })
      .sort({ parkedAt: -1, key: 1 })
      .skip((paging.page - 1) * paging.pageSize)
      .limit(paging.pageSize)
      .select('key channel eventId attempts lastError receivedAt parkedAt -_id')
      .lean(),
    InboundEventModel.countDocuments({ state: 'parked' }),
  ]);
  return { items: items as unknown as ParkedEvent[], total, ...paging };
}
