import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { SessionModel, type Channel } from '../../models';
import { isDuplicateKeyError } from '../db/connection';

/** Kept a little over a day so a messaging channel still knows the customer's last inbound time. */
const SESSION_LIFETIME_MS = 25 * 60 * 60_000;

export interface SessionRecord {
  key: string;
  channel: Channel;
  channelUserId: string;
  customerId?: Types.ObjectId | null;
  locale: string;
  dialog: Record<string, unknown>;
  lastInboundAt?: Date | null;
  handoff: boolean;
}

/**
 * A session's `_id` is derived from its key, so the per-turn read and write go by `_id`: the only filter
 * FerretDB's SQLite backend answers without reading the whole collection (docs/BENCHMARKS.md). The
 * unique index on `key` still decides races; a session stored before this (random `_id`) is found by key.
 */
function sessionIdFor(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest().subarray(0, 12));
}

export async function loadSession(channel: Channel, channelUserId: string, locale: string): Promise<SessionRecord> {
  const key = `${channel}:${channelUserId}`;
  const _id = sessionIdFor(key);
  const existing = (await SessionModel.findById(_id).lean()) ?? (await SessionModel.findOne({ key }).lean());
  if (existing) return existing as SessionRecord;
  try {
    await SessionModel.create({ _id, key, channel, channelUserId, locale, dialog: {}, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  return ((await SessionModel.findById(_id).lean()) ?? (await SessionModel.findOne({ key }).lean())) as SessionRecord;
}

export async function saveSession(session: SessionRecord, now: Date): Promise<void> {
  const stored = session as SessionRecord & { _id?: Types.ObjectId };
  await SessionModel.updateOne(
    stored._id ? { _id: stored._id } : { key: session.key },
    { $set: { dialog: session.dialog, customerId: session.customerId, locale: session.locale, lastInboundAt: session.lastInboundAt, handoff: session.handoff, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) } },
  );
}

/** When the channel user last wrote to us (messaging windows run from it), or null. */
export async function lastInboundAt(channel: Channel, channelUserId: string): Promise<Date | null> {
  const key = `${channel}:${channelUserId}`;
  const session = (await SessionModel.findById(sessionIdFor(key)).lean()) ?? (await SessionModel.findOne({ key }).lean());
  return session?.lastInboundAt ?? null;
}
