import type { Types } from 'mongoose';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- consent handling moves into core and services (issue 15 item 6)
import { recordMarketingChoice } from '../../services/consent-service';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- consent handling moves into core and services (issue 15 item 6)
import { recordConsent } from '../../store/consent-store';

/** What the customer agreed to, stored with each decision (consent records keep the wording). */
export const WECHAT_CONSENT_WORDING = {
  follow: 'Following the Official Account: replies and order messages in this chat.',
  unfollow: 'Unfollowing the Official Account: no more messages in this chat.',
} as const;

/**
 * Following the Official Account is consent to service and order messages there; unfollowing ends
 * every kind of message. Following is not a marketing opt-in: that needs its own explicit choice, so
 * a follow leaves marketing as it was, and an unfollow switches it off too.
 */
export async function recordWechatFollowChoice(customerId: Types.ObjectId, following: boolean, at = new Date()): Promise<void> {
  const source = `wechat event: ${following ? 'subscribe' : 'unsubscribe'}`;
  const wording = following ? WECHAT_CONSENT_WORDING.follow : WECHAT_CONSENT_WORDING.unfollow;
  if (!following) await recordMarketingChoice(customerId, 'wechat', false, source, wording, at);
  await recordConsent({ customerId, channel: 'wechat', purpose: 'transactional', granted: following, source, wording }, at);
}
