import { Types } from 'mongoose';
import type { HoldResult, OutboxSender, SendResult } from '../channels/adapter';
import type { Config } from '../config';
import { isBirthdayAt } from '../core/birthday';
import { birthdayJobKey, CAMPAIGN_CHANNELS, type BirthdayPayload } from '../services/campaigns';
import { notificationRecipient } from '../services/notifications';
import { channelsByLastMessage, CUSTOMER_ERASED, marketingReach, takeWeeklyMarketingSlot, WEEKLY_CAP_REACHED } from './campaign-sender';
import { OutboundPolicy, outboundPolicySettings } from './send-policy';
import { birthdayText, marketingOptOut } from './wording';

/**
 * The outbox sender for 'birthday' jobs, deciding at send time: only while it is still the customer's
 * birthday where they live (and their birth date unchanged); then as a marketing message on the
 * campaign channel they last wrote on where they have a marketing opt-in (consent, the channel's
 * marketing rules, quiet hours: the same checks as a campaign), counting towards their weekly cap.
 */
export function birthdaySender(config: Config, policy = new OutboundPolicy(outboundPolicySettings(config))): OutboxSender {
  const reach = marketingReach(config, policy);
  const discountCode = config.BIRTHDAY_DISCOUNT_CODE ?? null;
  return {
    messageCount: () => 1,
    async send(rawPayload, _index, now): Promise<SendResult | HoldResult> {
      const payload = rawPayload as BirthdayPayload;
      const customerId = new Types.ObjectId(payload.customerId);
      const recipient = await notificationRecipient(customerId);
      if (!recipient) return CUSTOMER_ERASED;
      if (recipient.customer.birthdayKey !== payload.birthdayKey) return { hold: 'withheld', reason: 'the birth date changed since' };
      if (!isBirthdayAt(payload.birthdayKey, recipient.customer.timeZone ?? 'UTC', now)) return { hold: 'withheld', reason: 'no longer their birthday where they live' };

      const prepared = await reach(
        recipient,
        channelsByLastMessage(recipient, CAMPAIGN_CHANNELS),
        (locale) => {
          const text = birthdayText(discountCode, locale);
          return { kind: 'marketing', text, templateParameters: [text], referenceKey: birthdayJobKey(payload), marketing: { brand: config.SELLER_NAME, whatsappTemplate: config.WHATSAPP_TEMPLATE_BIRTHDAY, optOut: marketingOptOut(null, locale) } };
        },
        now,
      );
      if ('hold' in prepared) return prepared;
      // Held by the job's key: a retry after a failed attempt keeps the slot it took.
      if (!(await takeWeeklyMarketingSlot(config, customerId, now, birthdayJobKey(payload)))) return WEEKLY_CAP_REACHED;
      return prepared.attempt();
    },
  };
}
