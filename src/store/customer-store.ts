import type { Types } from 'mongoose';
import { createHash } from 'node:crypto';
import { AccessTokenModel, ChannelIdentityModel, CustomerModel, VoiceCodeAttemptModel, type Channel } from '../../models';
import { isDuplicateKeyError } from '../db/connection';
import { appendInSequence } from './sequenced-log';

/**
 * The customer behind a channel user, created on first contact. Race-safe: two first messages at
 * once both create a customer, but only one identity insert wins; the loser removes its own
 * customer and uses the winner's.
 */
export async function customerIdForIdentity(channel: Channel, externalId: string, locale?: string): Promise<Types.ObjectId> {
  const existing = await ChannelIdentityModel.findOne({ channel, externalId }).lean();
  if (existing) return existing.customerId;
  const customer = await CustomerModel.create({ locale, preferences: { preferredChannels: [channel] } });
  try {
    await ChannelIdentityModel.create({ channel, externalId, customerId: customer._id });
    return customer._id;
  } catch (error) {
    await CustomerModel.deleteOne({ _id: customer._id });
    if (!isDuplicateKeyError(error)) throw error;
    const winner = await ChannelIdentityModel.findOne({ channel, externalId }).lean();
    return winner!.customerId;
  }
}

export function findCustomer(customerId: Types.ObjectId) {
  return CustomerModel.findById(customerId).lean();
}

export type CustomerRecord = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

export async function storeVoiceCode(customerId: Types.ObjectId, hashed: { hash: string; salt: string }, setAt: Date): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $set: { 'voiceCode.hash': hashed.hash, 'voiceCode.salt': hashed.salt, 'voiceCode.setAt': setAt, 'voiceCode.failedAttempts': 0 }, $unset: { 'voiceCode.invalidatedAt': 1 } });
}

export async function invalidateVoiceCode(customerId: Types.ObjectId, at: Date): Promise<void> {
  await CustomerModel.updateOne({ _id: customerId }, { $set: { 'voiceCode.invalidatedAt': at } });
}

/** Wrong guesses so far against the code set at `codeSetAt`. */
export async function wrongVoiceCodeCount(customerId: Types.ObjectId, codeSetAt: Date): Promise<number> {
  return VoiceCodeAttemptModel.countDocuments({ customerId, codeSetAt });
}

/** Records a wrong guess and returns how many there now are (each parallel guess gets its own number). */
export async function recordWrongVoiceCode(customerId: Types.ObjectId, codeSetAt: Date): Promise<number> {
  const { appended } = await appendInSequence(VoiceCodeAttemptModel, { customerId, codeSetAt }, () => ({ at: new Date() }));
  return appended!.seq + 1;
}

export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** The customer an unexpired access token was issued for, or null. */
export async function customerIdForAccessToken(token: string, now = new Date()): Promise<Types.ObjectId | null> {
  const record = await AccessTokenModel.findOne({ tokenHash: hashAccessToken(token), expiresAt: { $gt: now } }).lean();
  return record?.customerId ?? null;
}

export async function storeAccessToken(token: string, customerId: Types.ObjectId, client: string, expiresAt: Date): Promise<void> {
  await AccessTokenModel.create({ tokenHash: hashAccessToken(token), customerId, client, expiresAt });
}

/** Points a channel identity at a customer (after account linking), creating it if new. */
export async function bindIdentity(channel: Channel, externalId: string, customerId: Types.ObjectId): Promise<void> {
  // Alexa sends the access token on every request: nearly always the binding is already there, and a
  // read is far cheaper than an upsert on FerretDB (which reads, then writes).
  const existing = await ChannelIdentityModel.findOne({ channel, externalId }).select({ customerId: 1 }).lean();
  if (existing?.customerId.equals(customerId)) return;
  try {
    await ChannelIdentityModel.updateOne({ channel, externalId }, { $set: { customerId } }, { upsert: true });
  } catch (error) {
    // Two first requests racing to upsert: the loser's insert clashes; the row now exists, so set it.
    if (!isDuplicateKeyError(error)) throw error;
    await ChannelIdentityModel.updateOne({ channel, externalId }, { $set: { customerId } });
  }
}
