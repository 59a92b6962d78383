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
  /** An NPS question open on this channel user (written outside turns: `openSurveyOnSession`, `closeSurveyOnSession`). */
  survey?: OpenSurvey | null;
}

export interface OpenSurvey {
  orderNumber: string;
  openUntil: Date;
}

export function sessionKey(channel: Channel, channelUserId: string): string {
  return `${channel}:${channelUserId}`;
}

export async function findSession(channel: Channel, channelUserId: string): Promise<SessionRecord | null> {
  return (await SessionModel.findOne({ key: sessionKey(channel, channelUserId) }).lean()) as SessionRecord | null;
}

/** A session lives another lifetime after each write, and at least as long as the question open on it. */
function sessionExpiry(survey: Partial<OpenSurvey> | null | undefined, now: Date): Date {
  const lifetime = now.getTime() + SESSION_LIFETIME_MS;
  // A session document made whole by mongoose (`minimize: false`) may carry an empty `survey`.
  return new Date(survey?.openUntil ? Math.max(lifetime, new Date(survey.openUntil).getTime()) : lifetime);
}

/**
 * Writes the whole session, creating it on the channel user's first turn, and keeps it alive another
 * lifetime. The open survey is not written here: only the surveys' own writes below change it, so a turn
 * that read the session before a question was asked cannot erase it.
 */
export async function writeSession(session: SessionRecord, now: Date): Promise<void> {
  const fields = { dialog: session.dialog, customerId: session.customerId, locale: session.locale, language: session.language, lastInboundAt: session.lastInboundAt, handoff: session.handoff, welcomeBack: session.welcomeBack ?? false, timeZone: session.timeZone, expiresAt: sessionExpiry(session.survey, now) };
  await upsertRacing(() => SessionModel.updateOne({ key: session.key }, { $set: fields, $setOnInsert: { channel: session.channel, channelUserId: session.channelUserId } }, { upsert: true }));
}

/** When the channel user last wrote to us (messaging windows run from it), or null. */
export async function lastInboundAt(channel: Channel, channelUserId: string): Promise<Date | null> {
  return (await findSession(channel, channelUserId))?.lastInboundAt ?? null;
}

/**
 * Opens an NPS question on the channel user it was sent to, outside any turn: the session that the
 * next turn reads anyway carries it. A session that does not exist yet is created for the customer
 * (as their first turn would), and the session is kept at least until the question closes.
 */
export async function openSurveyOnSession(owner: { channel: Channel; channelUserId: string; customerId: Types.ObjectId; locale: string; timeZone: string }, survey: OpenSurvey, now: Date): Promise<void> {
  const key = sessionKey(owner.channel, owner.channelUserId);
  const existing = await SessionModel.findOne({ key }).select({ expiresAt: 1 }).lean();
  const expiresAt = new Date(Math.max(existing?.expiresAt?.getTime() ?? 0, sessionExpiry(survey, now).getTime()));
  await upsertRacing(() =>
    SessionModel.updateOne(
      { key },
      { $set: { survey, expiresAt }, $setOnInsert: { channel: owner.channel, channelUserId: owner.channelUserId, customerId: owner.customerId, locale: owner.locale, timeZone: owner.timeZone, dialog: {}, handoff: false } },
      { upsert: true },
    ),
  );
}

/** The question on this session was answered (or is no longer wanted). */
export async function closeSurveyOnSession(key: string): Promise<void> {
  await SessionModel.updateOne({ key }, { $unset: { survey: 1 } });
}
