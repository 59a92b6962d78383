import type { Types } from 'mongoose';
import { recordConsent } from '../store/consent-store';

/** Records a marketing opt-in or opt-out with the words the customer agreed to and where they said it. */
export async function recordMarketingChoice(customerId: Types.ObjectId, channel: string, granted: boolean, source: string, wording: string, at = new Date()): Promise<void> {
  await recordConsent({ customerId, channel, purpose: 'marketing', granted, source, wording }, at);
}
