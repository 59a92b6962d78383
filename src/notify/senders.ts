import type { OutboxSender } from '../channels/adapter';
import { registeredChannels } from '../channels/registry';
import { channelServices } from '../channels/services';
import type { Config } from '../config';
import { BIRTHDAY_JOB_KIND, CAMPAIGN_JOB_KIND, CART_REMINDER_JOB_KIND } from '../services/campaigns';
import { countPlacedOrder, ORDER_INSIGHTS_JOB_KIND, type OrderInsightsPayload } from '../services/insights';
import { NPS_JOB_KIND } from '../services/surveys';
import { NOTIFICATION_JOB_KIND, RECEIPT_JOB_KIND, STAFF_ALERT_JOB_KIND, UCP_ORDER_UPDATE_JOB_KIND } from '../services/notifications';
import { birthdaySender } from './birthday-sender';
import { campaignSender, cartReminderSender } from './campaign-sender';
import { npsSender } from './nps-sender';
import { HELPDESK_JOB_KIND } from '../services/handoff';
import { helpdeskSender } from './helpdesk-webhook';
import { notificationSender } from './notification-sender';
import { receiptSender } from './receipts';
import { ucpOrderUpdateSender } from './ucp-webhook';
import { OutboundPolicy, outboundPolicySettings, policed } from './send-policy';

/**
 * Which sender delivers each kind of outbox job: every registered channel's send API (jobs of kind =
 * channel id) behind the one outbound policy, and the notification sender, which asks the same policy
 * for each channel it tries.
 */
export function outboxSenders(config: Config): Record<string, OutboxSender> {
  const policy = new OutboundPolicy(outboundPolicySettings(config));
  const channelSenders = registeredChannels().flatMap((adapter) => (adapter.sender ? [[adapter.id, policed(adapter.id, adapter.sender(config, channelServices), policy)] as const] : []));
  return {
    ...Object.fromEntries(channelSenders),
    [NOTIFICATION_JOB_KIND]: notificationSender(config, policy),
    [RECEIPT_JOB_KIND]: receiptSender(config),
    [CAMPAIGN_JOB_KIND]: campaignSender(config, policy),
    [CART_REMINDER_JOB_KIND]: cartReminderSender(config, policy),
    [NPS_JOB_KIND]: npsSender(config, policy),
    [BIRTHDAY_JOB_KIND]: birthdaySender(config, policy),
    [UCP_ORDER_UPDATE_JOB_KIND]: ucpOrderUpdateSender(config),
    [HELPDESK_JOB_KIND]: helpdeskSender(config),
    // Staff read these in the admin notifications list itself: there is nothing further to send.
    [STAFF_ALERT_JOB_KIND]: { messageCount: () => 1, send: () => Promise.resolve({ ok: true }) },
    // Nothing leaves the shop: the job counts a placed order's figures once (a failure is retried by the outbox).
    [ORDER_INSIGHTS_JOB_KIND]: { messageCount: () => 1, send: async (payload) => (await countPlacedOrder(payload as OrderInsightsPayload), { ok: true }) },
  };
}
