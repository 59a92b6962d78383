import type { Model } from 'mongoose';
import { InboundEventModel, InboundLeaseModel, LinkCodeAttemptModel, LinkCodeModel, LinkCodeRedemptionModel, OAuthConsumptionModel, OAuthRecordModel, ProcessedEventModel, RateSlotModel, SessionModel, WebchatReplyModel, WebchatTokenModel } from '../../models';

/** FerretDB has no TTL indexes, so expiry is our own: anything past `expiresAt` is deleted here. */
const EXPIRING_MODELS = [
  SessionModel,
  ProcessedEventModel,
  LinkCodeModel,
  LinkCodeAttemptModel,
  LinkCodeRedemptionModel,
  OAuthRecordModel,
  OAuthConsumptionModel,
  WebchatTokenModel,
  WebchatReplyModel,
  RateSlotModel,
  // Worked and parked inbound events once their redelivery window (or an operator's) is over; pending ones have no expiry.
  InboundEventModel,
  InboundLeaseModel,
] as unknown as Model<{ expiresAt: Date }>[];

export interface SweepResult {
  [collection: string]: number;
}

export async function sweepExpired(now: Date = new Date()): Promise<SweepResult> {
  const result: SweepResult = {};
  for (const model of EXPIRING_MODELS) {
    const { deletedCount } = await model.deleteMany({ expiresAt: { $lte: now } });
    result[model.collection.collectionName] = deletedCount;
  }
  return result;
}
