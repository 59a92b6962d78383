import { Types } from 'mongoose';
import { LinkCodeAttemptModel, LinkCodeModel, LinkCodeRedemptionModel, type Channel } from '../../models';
import { isDuplicateKeyError } from '../db/connection';
import { appendInSequence } from './sequenced-log';

export interface LinkCodeRecord {
  _id: Types.ObjectId;
  locator: string;
  secretHash: string;
  customerId: Types.ObjectId;
  expiresAt: Date;
}

/**
 * Stores a new code under its locator; false when the locator is held by another code (the unique
 * index decides, so two codes never share one). The id is chosen by the caller because the secret's
 * hash is bound to it.
 */
export async function insertLinkCode(code: { _id: Types.ObjectId; locator: string; secretHash: string; customerId: Types.ObjectId; issuedOn: Channel; createdAt: Date; expiresAt: Date }): Promise<boolean> {
  try {
    await LinkCodeModel.create(code);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

export function findLinkCodeByLocator(locator: string): Promise<LinkCodeRecord | null> {
  return LinkCodeModel.findOne({ locator }).lean() as Promise<LinkCodeRecord | null>;
}

/**
 * Takes one of a code's limited guesses, before the guess is checked: null when all are gone. Taking
 * the slot first (by unique insert) means parallel guesses can never exceed the limit between them.
 */
export async function takeLinkCodeAttempt(code: Pick<LinkCodeRecord, '_id' | 'expiresAt'>, maxAttempts: number, at: Date): Promise<number | null> {
  const { appended } = await appendInSequence(LinkCodeAttemptModel, { codeId: code._id }, (latest) => (latest && latest.seq + 1 >= maxAttempts ? null : { at, expiresAt: code.expiresAt }));
  return appended ? appended.seq : null;
}

export async function linkCodeAttemptsTaken(codeId: Types.ObjectId): Promise<number> {
  return LinkCodeAttemptModel.countDocuments({ codeId });
}

/**
 * Records the one use of a code. Returns the redemption that stands: this one, or the one that got
 * there first (whose redeemer may be this same customer re-running after a crash).
 */
export async function recordRedemption(code: Pick<LinkCodeRecord, '_id' | 'expiresAt'>, redeemedBy: Types.ObjectId, channel: Channel, at: Date): Promise<{ won: boolean; redeemedBy: Types.ObjectId }> {
  const codeId = code._id;
  try {
    await LinkCodeRedemptionModel.create({ codeId, redeemedBy, channel, redeemedAt: at, expiresAt: code.expiresAt });
    return { won: true, redeemedBy };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const first = await LinkCodeRedemptionModel.findOne({ codeId }).lean();
    return { won: false, redeemedBy: first!.redeemedBy };
  }
}
