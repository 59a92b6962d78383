import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { WebchatTokenModel } from '../../models';

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
