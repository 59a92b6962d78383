import { Types } from 'mongoose';
import type { HoldResult, Notification, OutboxSender, SendResult } from '../channels/adapter';
import { registeredChannels } from '../channels/registry';
import type { Config } from '../config';
import type { Channel } from '../core/channels';
import { notificationRecipient } from '../services/notifications';
import { npsAskedWithin, npsJobKey, openNpsQuestion, type NpsJobPayload } from '../services/surveys';
import { takeRateSlot } from '../store/rate-store';
import { channelsByLastMessage, CUSTOMER_ERASED, marketingReach } from './campaign-sender';
import { OutboundPolicy, outboundPolicySettings } from './send-policy';
import { marketingOptOut, npsQuestionText } from './wording';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The outbox sender for 'nps' jobs (one per delivered order), deciding at send time: it waits
 * NPS_DELAY_HOURS after delivery; a customer asked about another order within NPS_EVERY_DAYS is not
 * asked again; then the channel the order was placed on, else the text channel they last wrote on
 * (voice-only customers get none), through the same checks as any proactive message for the purpose
 * NPS_PURPOSE names (service: not opted out; marketing: a marketing opt-in there), the channel's own
 * rules and quiet hours. The question is opened on the channel user's session just before it goes.
 */
export function npsSender(config: Config, policy = new OutboundPolicy(outboundPolicySettings(config))): OutboxSender {
  const marketing = config.NPS_PURPOSE === 'marketing';
  const purpose = marketing ? 'marketing' : 'transactional';
  const reach = marketingReach(config, policy);
  const askedRecently: HoldResult = { hold: 'withheld', reason: `asked about another order within ${config.NPS_EVERY_DAYS} days (NPS_EVERY_DAYS)` };
  const textChannels: Channel[] = registeredChannels()
    .filter((adapter) => !adapter.voice)
    .map((adapter) => adapter.id);

  function question(orderNumber: string, locale: string): Notification {
    const text = npsQuestionText(config.SELLER_NAME, locale);
    const referenceKey = npsJobKey(orderNumber);
    if (marketing) return { kind: 'marketing', text, templateParameters: [text], referenceKey, marketing: { brand: config.SELLER_NAME, whatsappTemplate: config.WHATSAPP_TEMPLATE_NPS, optOut: marketingOptOut(null, locale) } };
    return { kind: 'survey', text, templateParameters: [config.SELLER_NAME], referenceKey };
  }

  return {
    messageCount: () => 1,
    async send(rawPayload, _index, now): Promise<SendResult | HoldResult> {
      const payload = rawPayload as NpsJobPayload;
      if (config.NPS_PURPOSE === 'off') return { hold: 'withheld', reason: 'NPS questions are off (NPS_PURPOSE=off)' };
      const due = payload.deliveredAt + config.NPS_DELAY_HOURS * HOUR_MS;
      if (now.getTime() < due) return { hold: 'deferred', until: new Date(due), reason: `${config.NPS_DELAY_HOURS} hours after delivery (NPS_DELAY_HOURS)` };
      const customerId = new Types.ObjectId(payload.customerId);
      if (await npsAskedWithin(customerId, payload.orderNumber, config.NPS_EVERY_DAYS, now)) return askedRecently;
      const recipient = await notificationRecipient(customerId);
      if (!recipient) return CUSTOMER_ERASED;
      const channels = [...new Set([payload.orderChannel as Channel, ...channelsByLastMessage(recipient, textChannels)])].filter((channel) => textChannels.includes(channel));
      if (channels.length === 0) return { hold: 'withheld', reason: 'no text channel to ask on (voice-only customers are not asked)' };

      const prepared = await reach(recipient, channels, (locale) => question(payload.orderNumber, locale), now, purpose);
      if ('hold' in prepared) return prepared;
      // Two orders' questions racing past the check above: one slot per NPS_EVERY_DAYS window decides (a
      // unique insert), held by the job's key so a retry keeps it. The rolling check already keeps asks a
      // window apart, so the slot refuses only a race.
      if (!(await takeRateSlot(`nps-ask:${payload.customerId}`, 1, config.NPS_EVERY_DAYS * DAY_MS, now, npsJobKey(payload.orderNumber)))) return askedRecently;
      const { customer } = recipient;
      await openNpsQuestion({ customerId, orderNumber: payload.orderNumber, channel: prepared.channel, channelUserId: prepared.address, locale: customer.locale ?? 'en-US', timeZone: customer.timeZone ?? 'UTC' }, config.NPS_OPEN_DAYS, now);
      return prepared.attempt();
    },
  };
}
