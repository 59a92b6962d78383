import { Types } from 'mongoose';
import { LinkCodeAttemptModel, LinkCodeModel, LinkCodeRedemptionModel } from '../../models';
import type { Channel } from '../core/channels';
import { insertOnce } from './insert-once';
import { appendInSequence } from './sequenced-log';

export interface LinkCodeRecord {
  _id: Types.ObjectId;
  locator: string;
  secretHash: string;
  customerId: Types.ObjectId;
  issuedOn: Channel;
  expiresAt: Date;
}

/**
 * Stores a new code under its locator, replacing the customer's previous code (one live code per
 * customer, held by a unique index); false when the locator is held by another customer's code or a
 * parallel request of the same customer got in first (the caller tries again). The id is chosen by
 * the caller because the secret's hash is bound to it.
 */
export async function insertLinkCode(code: { _id: Types.ObjectId; locator: string; secretHash: string; customerId: Types.ObjectId; issuedOn: Channel; createdAt: Date; expiresAt: Date }): Promise<boolean> {
  await LinkCodeModel.deleteMany({ customerId: code.customerId });
  return insertOnce(LinkCodeModel, code);
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

/**
 * Records the one use of a code. Returns the redemption that stands: this one, or the one that got
 * there first (whose redeemer may be this same customer re-running after a crash).
 */
export async function recordRedemption(
  code: Pick<LinkCodeRecord, '_id' | 'expiresAt'>,
  redeemedBy: Types.ObjectId,
  channel: Channel,
  at: Date,
  awaiting?: { survivorId: Types.ObjectId; sourceId: Types.ObjectId; otherChannel: Channel; confirmBy: Date },
): Promise<{ won: boolean; redeemedBy: Types.ObjectId }> {
  const codeId = code._id;
  const expiresAt = awaiting && awaiting.confirmBy > code.expiresAt ? awaiting.confirmBy : code.expiresAt;
  if (await insertOnce(LinkCodeRedemptionModel, { codeId, redeemedBy, channel, redeemedAt: at, expiresAt, ...(awaiting ? { ...awaiting, awaitingConfirmation: true } : {}) })) return { won: true, redeemedBy };
  const first = await LinkCodeRedemptionModel.findOne({ codeId }).lean();
  return { won: false, redeemedBy: first!.redeemedBy };
}

export interface PendingLink {
  codeId: Types.ObjectId;
  survivorId: Types.ObjectId;
  sourceId: Types.ObjectId;
  otherChannel: Channel;
  confirmBy: Date;
}

/** The join waiting for this customer's yes, if any (one live code per customer keeps it to a few rows). */
export async function pendingLinkFor(survivorId: Types.ObjectId, now: Date): Promise<PendingLink | null> {
  const rows = await LinkCodeRedemptionModel.find({ survivorId, awaitingConfirmation: true }).lean();
  const live = rows.find((row) => row.confirmBy && row.confirmBy > now);
  return live ? (live as unknown as PendingLink) : null;
}

export async function findPendingLink(codeId: Types.ObjectId): Promise<(PendingLink & { awaitingConfirmation?: boolean }) | null> {
  const row = await LinkCodeRedemptionModel.findOne({ codeId }).lean();
  return row?.survivorId && row.sourceId && row.confirmBy ? (row as unknown as PendingLink & { awaitingConfirmation?: boolean }) : null;
}

/** Ends the wait: confirmed (the merge follows) or declined (nothing happens, the code stays used). */
export async function settlePendingLink(codeId: Types.ObjectId, confirmed: boolean, at: Date): Promise<void> {
  await LinkCodeRedemptionModel.updateOne({ codeId }, { $set: { awaitingConfirmation: false, ...(confirmed ? { confirmedAt: at } : { declinedAt: at }) } });
}
