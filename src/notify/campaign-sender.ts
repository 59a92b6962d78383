import { Types } from 'mongoose';
import type { ChannelNotifier, HoldResult, Notification, NotificationAttempt, OutboxSender, SendResult } from '../channels/adapter';
import type { Config } from '../config';
import { EMAIL_CHANNEL, WEEK_MS } from '../core/campaign';
import type { Channel } from '../core/channels';
import type { ConsentPurpose } from '../core/consent';
import { quietHoursEnd } from '../core/quiet-hours';
import { CAMPAIGN_CHANNELS, campaignJobKey, findCampaign, recordCampaignSend, reminderCart, type CampaignJobPayload, type CartReminderPayload } from '../services/campaigns';
import { notificationRecipient, type NotificationRecipient } from '../services/notifications';
import { takeRateSlot } from '../store/rate-store';
import { campaignEmailNotifier } from './campaign-email';
import { customerQuietHours, notificationSettings, notifiersOf } from './notification-sender';
import { OutboundPolicy, outboundPolicySettings } from './send-policy';
import { cartReminderText, marketingEmailFooter, marketingOptOut } from './wording';

const MINUTE_MS = 60_000;
/** A paused campaign's jobs look again this often. */
const PAUSED_RETRY_MS = 15 * MINUTE_MS;

/**
 * The outbox sender for 'campaign' jobs, deciding at send time (consent and status change after a
 * campaign is scheduled): a cancelled campaign or a customer no longer opted in to marketing on the
 * channel (a STOP since) is withheld; a paused campaign, quiet hours in the customer's time zone and a
 * channel's send rate defer; the weekly cap per customer withholds; the channel's notifier applies its
 * marketing rules (a WhatsApp MARKETING template never to +1, SMS with brand and opt-out, Messenger
 * inside its window, e-mail with List-Unsubscribe). What left is recorded once per campaign and customer.
 */
export function campaignSender(config: Config, policy = new OutboundPolicy(outboundPolicySettings(config))): OutboxSender {
  const notifiers = notifiersOf(config);
  notifiers.set(EMAIL_CHANNEL, campaignEmailNotifier(config));
  const linkBase = config.PUBLIC_BASE_URL.replace(/\/$/, '');
  const reach = marketingReach(config, policy, notifiers);

  function marketingNotification(campaign: { campaignId: string; text: string; emailSubject?: string | null; whatsappTemplate?: string | null; linkTarget?: string | null }, payload: CampaignJobPayload, locale: string): Notification {
    const recipientLink = payload.linkCode ? `${linkBase}/l/${payload.linkCode}` : null;
    // An e-mail campaign without a target has a code for its unsubscribe address only.
    const link = campaign.linkTarget ? recipientLink : null;
    if (payload.channel === EMAIL_CHANNEL && recipientLink) {
      const email = { subject: campaign.emailSubject ?? config.SELLER_NAME, link, unsubscribeLink: `${recipientLink}/unsubscribe`, fileName: `campaign-${campaign.campaignId}-${payload.customerId}`, footer: marketingEmailFooter(config.SELLER_NAME, locale) };
      return { kind: 'marketing', text: campaign.text, templateParameters: [campaign.text], referenceKey: `campaign:${campaign.campaignId}`, marketing: { brand: config.SELLER_NAME, whatsappTemplate: null, optOut: marketingOptOut(email.unsubscribeLink, locale), email } };
    }
    const text = link ? `${campaign.text} ${link}` : campaign.text;
    return {
      kind: 'marketing',
      text,
      templateParameters: [text],
      referenceKey: `campaign:${campaign.campaignId}`,
      marketing: { brand: config.SELLER_NAME, whatsappTemplate: campaign.whatsappTemplate ?? null, optOut: marketingOptOut(link && `${link}/stop`, locale) },
    };
  }

  /**
   * A test send goes to a number a supervisor typed: the outbound policy decides as for any message
   * (the number's country: no premium-rate fraud abroad; a STOP from it), unlike a reply, and a
   * number whose owner opted out of marketing gets none (no opt-in is needed: staff asked for it).
   */
  async function sendTest(channel: Channel, notification: Notification, address: string, now: Date): Promise<SendResult | HoldResult> {
    const decision = await policy.check({ channel, address, purpose: 'transactional', marketingTest: true }, now);
    if (!decision.ok) return { hold: 'withheld', reason: `test send: ${decision.reason}` };
    const notifier = notifiers.get(channel);
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
      if (payload.testAddress) return sendTest(channel, marketingNotification(campaign, payload, 'en-US'), payload.testAddress, now);
      if (campaign.status === 'paused') return { hold: 'deferred', until: new Date(now.getTime() + PAUSED_RETRY_MS), reason: 'the campaign is paused' };

      const customerId = new Types.ObjectId(payload.customerId);
      const recipient = await notificationRecipient(customerId);
      if (!recipient) return CUSTOMER_ERASED;
      const prepared = await reach(recipient, [channel], (locale) => marketingNotification(campaign, payload, locale), now);
      if ('hold' in prepared) return prepared;
      // The job's key holds the slots it takes: a retry after a failed attempt reuses them (in the same window) rather than taking more.
      const holder = campaignJobKey(payload.campaignId, payload.customerId);
      if (!(await takeRateSlot(`campaign-rate:${channel}`, config.CAMPAIGN_SENDS_PER_MINUTE, MINUTE_MS, now, holder))) {
        return { hold: 'deferred', until: new Date((Math.floor(now.getTime() / MINUTE_MS) + 1) * MINUTE_MS), reason: `${channel}: campaign send rate reached this minute` };
      }
      if (!(await takeWeeklyMarketingSlot(config, customerId, now, holder))) return WEEKLY_CAP_REACHED;

      const result = await prepared.attempt();
      if (result.ok) await recordCampaignSend({ campaignId: campaign.campaignId, customerId, channel, category: channel === 'whatsapp' ? 'marketing' : undefined, at: now });
      return result;
    },
  };
}

/**
 * One of the customer's CAMPAIGN_WEEKLY_CAP marketing messages of this 7-day window (campaigns and
 * birthdays count together); `holder` (the job's key) keeps its slot across retries.
 */
export function takeWeeklyMarketingSlot(config: Config, customerId: Types.ObjectId, now: Date, holder: string): Promise<boolean> {
  return takeRateSlot(`campaign-week:${customerId.toHexString()}`, config.CAMPAIGN_WEEKLY_CAP, WEEK_MS, now, holder);
}

export const CUSTOMER_ERASED: HoldResult = { hold: 'withheld', reason: 'the customer was erased' };

export const WEEKLY_CAP_REACHED: HoldResult = { hold: 'withheld', reason: 'weekly marketing cap for this customer reached' };

/**
 * The outbox sender for 'cart-reminder' jobs: only while the cart is still as it was left (not
 * changed, not ordered) and the shopper has not written since on any channel; then on the channel
 * where the shopper asked to be reminded, or else as a marketing message on the channel they last
 * wrote on that allows it (consent, quiet hours, the channel's rules).
 */
export function cartReminderSender(config: Config, policy = new OutboundPolicy(outboundPolicySettings(config))): OutboxSender {
  const reach = marketingReach(config, policy, notifiersOf(config));
  return {
    messageCount: () => 1,
    async send(rawPayload, _index, now): Promise<SendResult | HoldResult> {
      const payload = rawPayload as CartReminderPayload;
      const customerId = new Types.ObjectId(payload.customerId);
      const cart = await reminderCart(customerId, payload.revision);
      if (!cart) return { hold: 'withheld', reason: 'the cart changed or was ordered since' };
      const recipient = await notificationRecipient(customerId);
      const wroteSince = recipient?.identities.some((identity) => identity.lastInboundAt && identity.lastInboundAt.getTime() > payload.changedAt);
      if (!recipient || wroteSince) return { hold: 'withheld', reason: 'the shopper wrote since the cart was left' };
      const reminder = (locale: string): Notification => {
        const text = cartReminderText(cart.items, locale);
        return { kind: 'marketing', text, templateParameters: [cart.items], referenceKey: `cart-reminder:${payload.customerId}:${payload.revision}`, marketing: { brand: config.SELLER_NAME, whatsappTemplate: config.WHATSAPP_TEMPLATE_CART_REMINDER, optOut: marketingOptOut(null, locale) } };
      };
      // Asked for by the shopper on a channel: that request is the permission there (a STOP still wins); else a marketing opt-in.
      if (cart.requestedOn) {
        const asked = await reach(recipient, [cart.requestedOn as Channel], reminder, now, 'transactional');
        if (!('hold' in asked) || asked.hold === 'deferred') return 'hold' in asked ? asked : asked.attempt();
      }
      const channels = channelsByLastMessage(recipient, CAMPAIGN_CHANNELS);
      const prepared = await reach(recipient, channels, reminder, now);
      if ('hold' in prepared) return prepared;
      return prepared.attempt();
    },
  };
}

/** The customer's channels among `allowed`, the one they last wrote on first. */
export function channelsByLastMessage(recipient: NotificationRecipient, allowed: readonly Channel[]): Channel[] {
  const ordered = recipient.identities.filter((identity) => allowed.includes(identity.channel)).sort((a, b) => (b.lastInboundAt?.getTime() ?? 0) - (a.lastInboundAt?.getTime() ?? 0));
  return [...new Set(ordered.map((identity) => identity.channel))];
}

/** A message ready to go on `channel` to `address` (the customer's identity there), or why not now. */
export type Prepared = { attempt: NotificationAttempt; channel: Channel; address: string } | HoldResult;

/**
 * The checks every marketing message passes at send time, on the first of `channels` that qualifies:
 * the customer has an identity there (for e-mail: an address on file) and consent for the purpose
 * there (marketing, or transactional for a reminder the shopper asked for; the send policy honours a
 * STOP or an unsubscribe since), and the channel's notifier accepts the message (its marketing rules);
 * then quiet hours in the customer's time zone defer it. Nothing qualifying: withheld, with every reason.
 * The NPS question with NPS_PURPOSE=service passes the same checks as `transactional`.
 */
export function marketingReach(config: Config, policy: OutboundPolicy, notifiers: Map<Channel, ChannelNotifier> = notifiersOf(config)) {
  const settings = notificationSettings(config);
  return async (recipient: NotificationRecipient, channels: readonly Channel[], notificationIn: (locale: string) => Notification, now: Date, purpose: ConsentPurpose = 'marketing'): Promise<Prepared> => {
    const customerId = recipient.customer._id;
    const locale = recipient.customer.locale ?? 'en-US';
    const reasons: string[] = [];
    for (const channel of channels) {
      const identity = channel === EMAIL_CHANNEL ? emailIdentity(recipient.customer.email) : recipient.identities.find((candidate) => candidate.channel === channel);
      if (!identity) continue;
      const decision = await policy.check({ channel, address: identity.externalId, purpose, customerId }, now);
      if (!decision.ok) {
        reasons.push(decision.reason);
        continue;
      }
      const attempt = notifiers.get(channel)?.attempt(notificationIn(locale), { externalId: identity.externalId, lastInboundAt: identity.lastInboundAt, locale }, now);
      if (!attempt || typeof attempt === 'string') {
        reasons.push(attempt ?? `${channel}: no notifier`);
        continue;
      }
      const quiet = customerQuietHours(recipient, settings.quietHours);
      const quietUntil = quiet && quietHoursEnd(now, recipient.customer.timeZone ?? 'UTC', quiet);
      if (quietUntil) return { hold: 'deferred', until: quietUntil, reason: `quiet hours in ${recipient.customer.timeZone}` };
      return { attempt, channel, address: identity.externalId };
    }
    return { hold: 'withheld', reason: reasons.join('; ') || `no identity on ${channels.join(', ')}` };
  };
}

/** The customer's e-mail address as the `email` campaign channel's identity (no inbound there: no window). */
function emailIdentity(email: string | null | undefined): { externalId: string; lastInboundAt: Date | null } | undefined {
  return email ? { externalId: email, lastInboundAt: null } : undefined;
}
