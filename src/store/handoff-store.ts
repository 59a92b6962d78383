import type { Types } from 'mongoose';
import { ChannelIdentityModel, HandoffClaimModel, HandoffConversationModel, HandoffSignalModel, SessionModel } from '../../models';
import type { Channel } from '../core/channels';
import { WRITE_BACK_CHANNELS, type HandoffReason, type HandoffStatus } from '../core/handoff';
import { insertOnce } from './insert-once';
import { SESSION_LIFETIME_MS, sessionKey } from './session-store';
import { upsertRacing } from './upsert';

export interface HandoffRecord {
  _id: Types.ObjectId;
  key: string;
  customerId: Types.ObjectId;
  channel: Channel;
  channelUserId: string;
  locale: string;
  status: HandoffStatus;
  reason: HandoffReason;
  round: number;
  queuedAt: Date;
  claimedBy?: Types.ObjectId | null;
  claimedAt?: Date | null;
  agentActiveAt?: Date | null;
  waitNoticeRound?: number;
  firstReplyAt?: Date | null;
  resolvedAt?: Date | null;
}

/** Most conversations one inbox list shows per status; a queue longer than this shows its first ones. */
export const HANDOFF_LIST_LIMIT = 200;

export async function findHandoff(id: Types.ObjectId): Promise<HandoffRecord | null> {
  return (await HandoffConversationModel.findById(id).lean()) as HandoffRecord | null;
}

export async function findHandoffByKey(channel: Channel, channelUserId: string): Promise<HandoffRecord | null> {
  return (await HandoffConversationModel.findOne({ key: sessionKey(channel, channelUserId) }).lean()) as HandoffRecord | null;
}

/** Conversations in a status (equality), optionally only one agent's. */
export async function handoffsIn(status: HandoffStatus, claimedBy?: Types.ObjectId): Promise<HandoffRecord[]> {
  const filter = claimedBy ? { status, claimedBy } : { status };
  return (await HandoffConversationModel.find(filter).limit(HANDOFF_LIST_LIMIT).lean()) as HandoffRecord[];
}

/**
 * Puts the channel user's conversation in the queue (a new round), unless it is queued or claimed
 * already; returns it as it now is, and whether this call started that round (a handoff started).
 */
export async function enqueueHandoff(entry: { customerId: Types.ObjectId; channel: Channel; channelUserId: string; locale: string; reason: HandoffReason; now: Date }): Promise<{ conversation: HandoffRecord; started: boolean }> {
  const existing = await findHandoffByKey(entry.channel, entry.channelUserId);
  if (existing && existing.status !== 'resolved') return { conversation: existing, started: false };
  const key = sessionKey(entry.channel, entry.channelUserId);
  const fields = { customerId: entry.customerId, locale: entry.locale, status: 'queued', reason: entry.reason, queuedAt: entry.now, round: (existing?.round ?? 0) + 1 };
  await upsertRacing(() =>
    HandoffConversationModel.updateOne(
      { key },
      { $set: fields, $unset: { claimedBy: 1, claimedAt: 1, agentActiveAt: 1, resolvedAt: 1, firstReplyAt: 1 }, $setOnInsert: { channel: entry.channel, channelUserId: entry.channelUserId } },
      { upsert: true },
    ),
  );
  return { conversation: (await findHandoffByKey(entry.channel, entry.channelUserId))!, started: true };
}

/** The one claim of this round: false when another agent's insert came first. */
export function insertHandoffClaim(conversation: HandoffRecord, staffId: Types.ObjectId, now: Date): Promise<boolean> {
  return insertOnce(HandoffClaimModel, { _id: `${conversation._id.toHexString()}:${conversation.round}`, staffId, at: now });
}

/**
 * The round's first agent reply, decided by a unique insert beside the round's claim (FerretDB's
 * conditional updates are a read then a write): false when another reply of the round came first.
 */
export function insertFirstReplyClaim(conversation: HandoffRecord, staffId: Types.ObjectId, now: Date): Promise<boolean> {
  return insertOnce(HandoffClaimModel, { _id: `${conversation._id.toHexString()}:${conversation.round}:first-reply`, staffId, at: now });
}

export async function updateHandoff(id: Types.ObjectId, set: Partial<Omit<HandoffRecord, '_id'>>, unset: (keyof HandoffRecord)[] = []): Promise<void> {
  await HandoffConversationModel.updateOne({ _id: id }, { $set: set, ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((field) => [field, 1])) } : {}) });
}

/** Outside a turn (an agent resolved): the assistant answers this channel user again, and greets them back first. */
export async function releaseSessionFromHandoff(channel: Channel, channelUserId: string): Promise<void> {
  await SessionModel.updateOne({ key: sessionKey(channel, channelUserId) }, { $set: { handoff: false, welcomeBack: true } });
}

/** Outside a turn (a voice request written back on text): the text channel's assistant keeps quiet while a person has it. */
export async function holdSessionForHandoff(channel: Channel, channelUserId: string, customerId: Types.ObjectId, locale: string, now: Date): Promise<void> {
  await upsertRacing(() =>
    SessionModel.updateOne(
      { key: sessionKey(channel, channelUserId) },
      { $set: { handoff: true, welcomeBack: false }, $setOnInsert: { channel, channelUserId, customerId, locale, dialog: {}, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) } },
      { upsert: true },
    ),
  );
}

/** The customer's text identity a person can write back on (the first of WRITE_BACK_CHANNELS they have), or null. */
export async function writeBackIdentity(customerId: Types.ObjectId): Promise<{ channel: Channel; channelUserId: string } | null> {
  const identities = await ChannelIdentityModel.find({ customerId }).select('channel externalId').limit(50).lean();
  for (const channel of WRITE_BACK_CHANNELS) {
    const found = identities.find((identity) => identity.channel === channel);
    if (found) return { channel, channelUserId: found.externalId };
  }
  return null;
}

/** Counts one inbox event of `kind` in the shared signal: its new count (the first write of a kind races to insert it). */
export async function bumpHandoffSignal(kind: string): Promise<number> {
  const signal = await upsertRacing(() => HandoffSignalModel.findOneAndUpdate({ _id: kind }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean());
  return signal!.seq;
}

/** The shared counts of the inbox events of these kinds (one equality read of a few documents). */
export async function handoffSignals(kinds: readonly string[]): Promise<{ kind: string; seq: number }[]> {
  return (await HandoffSignalModel.find({ _id: { $in: kinds } }).lean()).map((signal) => ({ kind: signal._id, seq: signal.seq }));
}
