import { Types } from 'mongoose';
import type { ChannelNotifier, HoldResult, Notification, OutboxSender, SendResult } from '../channels/adapter';
import { registeredChannels } from '../channels/registry';
import { channelServices } from '../channels/services';
import type { Config } from '../config';
import { WEEK_MS } from '../core/campaign';
import type { Channel } from '../core/channels';
import { quietHoursEnd } from '../core/quiet-hours';
import { findCampaign, recordCampaignSend, type CampaignJobPayload } from '../services/campaigns';
import { notificationRecipient } from '../services/notifications';
import { takeRateSlot } from '../store/rate-store';
import { customerQuietHours, notificationSettings } from './notification-sender';
import { OutboundPolicy, outboundPolicySettings } from './send-policy';

const MINUTE_MS = 60_000;
/** A paused campaign's jobs look again this often. */
const PAUSED_RETRY_MS = 15 * MINUTE_MS;

/**
 * The outbox sender for 'campaign' jobs, deciding at send time (consent and status change after a
 * campaign is scheduled): a cancelled campaign or a customer no longer opted in to marketing on the
 * channel (a STOP since) is withheld; a paused campaign, quiet hours in the customer's time zone and a
 * channel's send rate defer; the weekly cap per customer withholds; the channel's notifier applies its
 * marketing rules (a WhatsApp MARKETING template never to +1, SMS with brand and opt-out, Messenger
 * inside its window). What left is recorded once per campaign and customer.
 */
export function campaignSender(config: Config, policy = new OutboundPolicy(outboundPolicySettings(config))): OutboxSender {
  const settings = notificationSettings(config);
  const notifiers = new Map(registeredChannels().flatMap((adapter) => (adapter.notifier ? [[adapter.id, adapter.notifier(config, channelServices)] as const] : [])));
  const linkBase = config.PUBLIC_BASE_URL.replace(/\/$/, '');

  function marketingNotification(campaign: { campaignId: string; text: string; whatsappTemplate?: string | null }, payload: CampaignJobPayload): Notification {
    const link = payload.linkCode ? `${linkBase}/l/${payload.linkCode}` : null;
    const text = link ? `${campaign.text} ${link}` : campaign.text;
    return {
      kind: 'marketing',
      text,
      templateParameters: [text],
      referenceKey: `campaign:${campaign.campaignId}`,
      marketing: { brand: config.SELLER_NAME, whatsappTemplate: campaign.whatsappTemplate ?? null, optOutLink: link && `${link}/stop` },
    };
  }

  async function sendTest(notifier: ChannelNotifier | undefined, notification: Notification, address: string, now: Date): Promise<SendResult | HoldResult> {
    const attempt = notifier?.attempt(notification, { externalId: address, lastInboundAt: null, locale: 'en-US' }, now);
    if (!attempt || typeof attempt === 'string') return { hold: 'withheld', reason: attempt ?? 'no notifier for a test send' };
    return attempt();
  }

  return {
    messageCount: () => 1,
    async send(rawPayload, _index, now): Promise<SendResult | HoldResult> {
      const payload = rawPayload as CampaignJobPayload;
      const campaign = await findCampaign(payload.campaignId);
      if (!campaign || campaign.status === 'cancelled') return { hold: 'withheld', reason: 'the campaign was cancelled' };
      const channel = payload.channel as Channel;
      const notification = marketingNotification(campaign, payload);
      if (payload.testAddress) return sendTest(notifiers.get(channel), notification, payload.testAddress, now);
      if (campaign.status === 'paused') return { hold: 'deferred', until: new Date(now.getTime() + PAUSED_RETRY_MS), reason: 'the campaign is paused' };

      const customerId = new Types.ObjectId(payload.customerId);
      const recipient = await notificationRecipient(customerId);
      const identity = recipient?.identities.find((candidate) => candidate.channel === channel);
      if (!recipient || !identity) return { hold: 'withheld', reason: `no ${channel} identity any more` };
      const decision = await policy.check({ channel, address: identity.externalId, purpose: 'marketing', customerId }, now);
      if (!decision.ok) return { hold: 'withheld', reason: decision.reason };
      const attempt = notifiers.get(channel)?.attempt(notification, { externalId: identity.externalId, lastInboundAt: identity.lastInboundAt, locale: recipient.customer.locale ?? 'en-US' }, now);
      if (!attempt || typeof attempt === 'string') return { hold: 'withheld', reason: attempt ?? `${channel}: no notifier` };

      const quiet = customerQuietHours(recipient, settings.quietHours);
      const quietUntil = quiet && quietHoursEnd(now, recipient.customer.timeZone ?? 'UTC', quiet);
      if (quietUntil) return { hold: 'deferred', until: quietUntil, reason: `quiet hours in ${recipient.customer.timeZone}` };
      if (!(await takeRateSlot(`campaign-rate:${channel}`, config.CAMPAIGN_SENDS_PER_MINUTE, MINUTE_MS, now))) {
        return { hold: 'deferred', until: new Date((Math.floor(now.getTime() / MINUTE_MS) + 1) * MINUTE_MS), reason: `${channel}: campaign send rate reached this minute` };
      }
      if (!(await takeRateSlot(`campaign-week:${payload.customerId}`, config.CAMPAIGN_WEEKLY_CAP, WEEK_MS, now))) return { hold: 'withheld', reason: 'weekly marketing cap for this customer reached' };

      const result = await attempt();
      if (result.ok) await recordCampaignSend({ campaignId: campaign.campaignId, customerId, channel, category: channel === 'whatsapp' ? 'marketing' : undefined, at: now });
      return result;
    },
  };
}
