import type { Model } from 'mongoose';
import { ChannelIdentityModel, CustomerModel, OrderModel, InboundEventModel, InboundLeaseModel, LinkCodeAttemptModel, LinkCodeModel, LinkCodeRedemptionModel, OAuthConsumptionModel, OAuthRecordModel, ProcessedEventModel, RateSlotModel, SessionModel, WebchatReplyModel, WebchatTokenModel } from '../../models';
import { eraseCustomerData } from './personal-data';

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

/** Expired web chat tokens looked at per sweep; the rest wait for the next pass. */
const ABANDONED_WEBCHAT_BATCH = 200;

export async function sweepExpired(now: Date = new Date()): Promise<SweepResult> {
  const result: SweepResult = { abandonedWebchatCustomers: await eraseAbandonedWebchatCustomers(now) };
  for (const model of EXPIRING_MODELS) {
    const { deletedCount } = await model.deleteMany({ expiresAt: { $lte: now } });
    result[model.collection.collectionName] = deletedCount;
  }
  return result;
}

/**
 * A web chat customer is reachable only through its session token. Once the token has expired, a
 * customer with no order and no other identity (it never linked an account) can never be reached
 * again, so everything about it goes, as an erasure would take it. This runs before the tokens are
 * deleted, because the token is what names the customer.
 */
async function eraseAbandonedWebchatCustomers(now: Date): Promise<number> {
  const expired = await WebchatTokenModel.find({ expiresAt: { $lte: now } }).select('channelUserId').limit(ABANDONED_WEBCHAT_BATCH).lean();
  let erased = 0;
  for (const { channelUserId } of expired) {
    const identity = await ChannelIdentityModel.findOne({ channel: 'webchat', externalId: channelUserId }).select('customerId').lean();
    if (!identity) continue;
    const customerId = identity.customerId;
    // Another customer merged into this one is a real person's history: never swept with it.
    const [identities, order, mergedSource] = await Promise.all([
      ChannelIdentityModel.find({ customerId }).select('_id').limit(2).lean(),
      OrderModel.exists({ customerId }),
      CustomerModel.exists({ mergedInto: customerId }),
    ]);
    if (identities.length !== 1 || order || mergedSource) continue;
    await eraseCustomerData(customerId);
    erased += 1;
  }
  return erased;
}
