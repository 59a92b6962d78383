import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { WebchatReplyModel, WebchatTokenModel } from '../../models';
import { insertOnce } from './insert-once';

/** Tokens are 256 random bits, so a plain SHA-256 is enough to make a leaked collection useless. */
export function hashWebchatToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface IssuedWebchatToken {
  token: string;
  channelUserId: string;
  expiresAt: Date;
}

export async function issueWebchatToken(locale: string, ttlMs: number, now = new Date()): Promise<IssuedWebchatToken> {
  const token = randomBytes(32).toString('base64url');
  const channelUserId = `wc-${randomUUID()}`;
  const expiresAt = new Date(now.getTime() + ttlMs);
  await WebchatTokenModel.create({ tokenHash: hashWebchatToken(token), channelUserId, locale, createdAt: now, expiresAt });
  return { token, channelUserId, expiresAt };
}

export interface WebchatSession {
  tokenHash: string;
  channelUserId: string;
  locale: string;
  expiresAt: Date;
}

/** The live session a token belongs to, or null (unknown, or expired but not yet swept). */
export async function findWebchatSession(token: string, now = new Date()): Promise<WebchatSession | null> {
  const tokenHash = hashWebchatToken(token);
  const row = await WebchatTokenModel.findOne({ tokenHash }).lean();
  if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
  return { tokenHash, channelUserId: row.channelUserId, locale: row.locale, expiresAt: row.expiresAt };
}

export type MessageClaim<T> = { kind: 'first' } | { kind: 'answered'; reply: T } | { kind: 'pending' } | { kind: 'different-message' };

/**
 * Claims a message id for a session: the unique insert decides which of several deliveries runs the
 * turn; every other one gets the stored reply (or learns that it is not stored yet).
 */
export async function claimWebchatMessage<T>(tokenHash: string, messageId: string, requestHash: string, expiresAt: Date): Promise<MessageClaim<T>> {
  if (await insertOnce(WebchatReplyModel, { tokenHash, messageId, requestHash, expiresAt })) return { kind: 'first' };
  return readClaim<T>(tokenHash, messageId, requestHash);
}

export async function readClaim<T>(tokenHash: string, messageId: string, requestHash: string): Promise<MessageClaim<T>> {
  const existing = await WebchatReplyModel.findOne({ tokenHash, messageId }).lean();
  if (!existing) return { kind: 'pending' };
  if (existing.requestHash !== requestHash) return { kind: 'different-message' };
  return existing.reply === undefined || existing.reply === null ? { kind: 'pending' } : { kind: 'answered', reply: existing.reply as T };
}

/**
 * Gives a message id back when its turn or its reply's storage failed, so a resend is worked again.
 * Only a claim still without a reply is removed: a stored answer is never taken back.
 */
export async function releaseWebchatClaim(tokenHash: string, messageId: string): Promise<void> {
  await WebchatReplyModel.deleteOne({ tokenHash, messageId, reply: { $exists: false } });
}

export async function storeWebchatReply(tokenHash: string, messageId: string, reply: unknown): Promise<void> {
  await WebchatReplyModel.updateOne({ tokenHash, messageId }, { $set: { reply } });
}
