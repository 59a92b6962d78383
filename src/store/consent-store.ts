import type { Types } from 'mongoose';
import { ConsentRecordModel } from '../../models';

export interface ConsentChoice {
  customerId: Types.ObjectId;
  channel: string;
  purpose: 'transactional' | 'marketing';
  granted: boolean;
  source: string;
  wording: string;
}

/** Appends a consent decision; history is never rewritten. */
export async function recordConsent(choice: ConsentChoice, at = new Date()): Promise<void> {
  await ConsentRecordModel.create({ ...choice, recordedAt: at });
}

/** The newest decision for a purpose and channel, or null if the customer never said. */
export async function currentConsent(customerId: Types.ObjectId, channel: string, purpose: ConsentChoice['purpose']): Promise<boolean | null> {
  const latest = await ConsentRecordModel.findOne({ customerId, channel, purpose }).sort({ recordedAt: -1 }).lean();
  return latest?.granted ?? null;
}

/** The newest decision for a purpose on any of `channels` (e.g. the channel itself and "all"), or null. */
export async function newestConsentAmong(customerId: Types.ObjectId, channels: readonly string[], purpose: ConsentChoice['purpose']): Promise<boolean | null> {
  const latest = await ConsentRecordModel.findOne({ customerId, channel: { $in: channels }, purpose }).sort({ recordedAt: -1 }).lean();
  return latest?.granted ?? null;
}
