import type { Types } from 'mongoose';
import { ChannelIdentityModel, OrderModel } from '../../models';
import type { Channel } from '../core/channels';

/** The customer behind a channel identity, without creating one (the console must not invent demo customers). */
export async function existingCustomerId(channel: Channel, externalId: string): Promise<Types.ObjectId | null> {
  const identity = await ChannelIdentityModel.findOne({ channel, externalId }).lean();
  return identity?.customerId ?? null;
}

export async function orderCount(customerId: Types.ObjectId): Promise<number> {
  return OrderModel.countDocuments({ customerId });
}
