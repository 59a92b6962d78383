import type { Types } from 'mongoose';
import { newestConsentAmong, recordConsent } from '../store/consent-store';

/** Records a marketing opt-in or opt-out with the words the customer agreed to and where they said it. */
export async function recordMarketingChoice(customerId: Types.ObjectId, channel: string, granted: boolean, source: string, wording: string, at = new Date()): Promise<void> {
  await recordConsent({ customerId, channel, purpose: 'marketing', granted, source, wording }, at);
}

/** A consent record on this channel name covers every channel ("stop sending me messages" said anywhere). */
export const ALL_CHANNELS = 'all';

/**
 * Whether a message of this purpose may go to the customer on this channel, decided on the newest record
 * for this channel or for all channels: transactional messages need no opt-in but stop at an opt-out;
 * marketing needs an explicit opt-in.
 */
export async function notificationAllowed(customerId: Types.ObjectId, channel: string, purpose: 'transactional' | 'marketing'): Promise<boolean> {
  const decision = await newestConsentAmong(customerId, [channel, ALL_CHANNELS], purpose);
  if (purpose === 'marketing') return decision === true;
  return decision !== false;
}
