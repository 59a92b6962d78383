import type { Types } from 'mongoose';
import { SessionModel, type Channel } from '../../models';
import { insertOnce } from './insert-once';

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

export async function loadSession(channel: Channel, channelUserId: string, locale: string): Promise<SessionRecord> {
  const key = `${channel}:${channelUserId}`;
  const existing = await SessionModel.findOne({ key }).lean();
  if (existing) return existing as SessionRecord;
  await insertOnce(SessionModel, { key, channel, channelUserId, locale, dialog: {}, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) });
  return (await SessionModel.findOne({ key }).lean()) as SessionRecord;
}

export async function saveSession(session: SessionRecord, now: Date): Promise<void> {
  await SessionModel.updateOne(
    { key: session.key },
    { $set: { dialog: session.dialog, customerId: session.customerId, locale: session.locale, lastInboundAt: session.lastInboundAt, handoff: session.handoff, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) } },
  );
}

/** When the channel user last wrote to us (messaging windows run from it), or null. */
export async function lastInboundAt(channel: Channel, channelUserId: string): Promise<Date | null> {
  const session = await SessionModel.findOne({ key: `${channel}:${channelUserId}` }).lean();
  return session?.lastInboundAt ?? null;
}
