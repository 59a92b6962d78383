import type { Types } from 'mongoose';
import { SessionModel } from '../../models';
import type { Channel } from '../core/channels';
import { upsertRacing } from './upsert';

/** Kept a little over a day so a messaging channel still knows the customer's last inbound time. */
export const SESSION_LIFETIME_MS = 25 * 60 * 60_000;

export interface SessionRecord {
  key: string;
  channel: Channel;
  channelUserId: string;
  customerId?: Types.ObjectId | null;
  locale: string;
  /** The language this conversation is answered in, once known (see conversation/language.ts). */
  language?: string | null;
  dialog: Record<string, unknown>;
  lastInboundAt?: Date | null;
  handoff: boolean;
  /** Set when a person resolved the conversation outside a turn: the next reply greets the shopper back. */
  welcomeBack?: boolean;
  /** The session customer's time zone, taken when the session was last resolved to its customer. */
  timeZone?: string | null;
}

export function sessionKey(channel: Channel, channelUserId: string): string {
  return `${channel}:${channelUserId}`;
}

export async function findSession(channel: Channel, channelUserId: string): Promise<SessionRecord | null> {
  return (await SessionModel.findOne({ key: sessionKey(channel, channelUserId) }).lean()) as SessionRecord | null;
}

/** Writes the whole session, creating it on the channel user's first turn, and keeps it alive another lifetime. */
export async function writeSession(session: SessionRecord, now: Date): Promise<void> {
  const fields = { dialog: session.dialog, customerId: session.customerId, locale: session.locale, language: session.language, lastInboundAt: session.lastInboundAt, handoff: session.handoff, welcomeBack: session.welcomeBack ?? false, timeZone: session.timeZone, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) };
  await upsertRacing(() => SessionModel.updateOne({ key: session.key }, { $set: fields, $setOnInsert: { channel: session.channel, channelUserId: session.channelUserId } }, { upsert: true }));
}

/** When the channel user last wrote to us (messaging windows run from it), or null. */
export async function lastInboundAt(channel: Channel, channelUserId: string): Promise<Date | null> {
  return (await findSession(channel, channelUserId))?.lastInboundAt ?? null;
}
