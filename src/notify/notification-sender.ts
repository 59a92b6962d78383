import { Types } from 'mongoose';
import type { ChannelNotifier, HoldResult, Notification, NotificationAttempt, OutboxSender, SendResult } from '../channels/adapter';
import { registeredChannels } from '../channels/registry';
import { channelServices } from '../channels/services';
import type { Config } from '../config';
import type { Channel } from '../core/channels';
import { parseQuietHours, quietHoursEnd, type QuietHours } from '../core/quiet-hours';
import { productBySku } from '../services/catalog';
import { notificationChannels, notificationRecipient, orderForNotification, type NotificationPayload, type NotificationRecipient } from '../services/notifications';
import { OutboundPolicy, outboundPolicySettings } from './send-policy';
import { backInStockText, cardSetupText, orderUpdateParameters, orderUpdateText, type OrderUpdateFacts } from './wording';

export interface NotificationSettings {
  sellerName: string;
  channelOrder: readonly Channel[];
  quietHours: QuietHours | null;
}

export function notificationSettings(config: Config): NotificationSettings {
  return {
    sellerName: config.SELLER_NAME,
    channelOrder: config.NOTIFY_CHANNEL_ORDER,
    quietHours: config.QUIET_HOURS === 'off' ? null : parseQuietHours(config.QUIET_HOURS),
  };
}

/** Where services/notifications' one rule says to try, among the channels with a notifier. */
function channelsToTry(payload: NotificationPayload, recipient: NotificationRecipient, settings: NotificationSettings, notifiers: ReadonlyMap<Channel, ChannelNotifier>): Channel[] {
  return notificationChannels(recipient, { preferredChannel: payload.preferredChannel, channelOrder: settings.channelOrder }, (channel) => notifiers.has(channel));
}

/** Every registered channel's notifier, by channel: how proactive messages of any kind go out. */
export function notifiersOf(config: Config): Map<Channel, ChannelNotifier> {
  return new Map(registeredChannels().flatMap((adapter) => (adapter.notifier ? [[adapter.id, adapter.notifier(config, channelServices)] as const] : [])));
}

export function customerQuietHours(recipient: Pick<NotificationRecipient, 'customer'>, fallback: QuietHours | null): QuietHours | null {
  const own = recipient.customer.preferences?.quietHours;
  if (own?.start && own.end) return parseQuietHours(`${own.start}-${own.end}`) ?? fallback;
  return fallback;
}

/**
 * The outbox sender for 'notification' jobs. At send time (not when queued, since windows and consent
 * change) it takes the first channel that the customer can be reached on, has not opted out of for
 * this purpose, and whose platform rules allow this message now; a permanent refusal moves on to the
 * next channel. Nothing allowed anywhere: the job is withheld. Inside quiet hours: deferred to their end,
 * unless the customer asked for this very message moments ago (`askedForNow`: a card-setup link).
 */
export function notificationSender(config: Config, policy = new OutboundPolicy(outboundPolicySettings(config))): OutboxSender {
  const settings = notificationSettings(config);
  const notifiers = notifiersOf(config);

  async function notificationFor(payload: NotificationPayload, locale: string): Promise<Notification | string> {
    if (payload.type === 'order-status') {
      const order = await orderForNotification(new Types.ObjectId(payload.orderId));
      if (!order) return `order ${payload.orderNumber} no longer exists`;
      const facts: OrderUpdateFacts = { sellerName: order.sellerName, orderNumber: order.orderNumber, status: payload.status, tracking: order.tracking, paymentUrl: payload.paymentUrl };
      const link = facts.status === 'awaiting_payment' ? facts.paymentUrl : undefined;
      return { kind: 'order-update', text: orderUpdateText(facts, locale), templateParameters: orderUpdateParameters(facts, locale), orderUpdate: { sellerName: facts.sellerName, status: facts.status }, referenceKey: payload.referenceKey, ...(link ? { link } : {}) };
    }
    if (payload.type === 'card-setup') {
      return { kind: 'card-setup', text: cardSetupText(settings.sellerName, payload.setupUrl, locale), templateParameters: [payload.setupUrl], referenceKey: payload.referenceKey, link: payload.setupUrl };
    }
    const product = await productBySku(payload.sku);
    if (!product) return `product ${payload.sku} no longer exists`;
    return { kind: 'back-in-stock', text: backInStockText(settings.sellerName, product.name, locale), templateParameters: [product.name], referenceKey: payload.referenceKey };
  }

  return {
    messageCount: () => 1,
    async send(rawPayload, _index, now): Promise<SendResult | HoldResult> {
      const payload = rawPayload as NotificationPayload;
      const recipient = await notificationRecipient(new Types.ObjectId(payload.customerId));
      if (!recipient) return { hold: 'withheld', reason: 'the customer was erased' };
      const locale = recipient.customer.locale ?? 'en-US';
      const notification = await notificationFor(payload, locale);
      if (typeof notification === 'string') return { hold: 'withheld', reason: notification };

      const skipped: string[] = [];
      const attempts: { channel: Channel; attempt: NotificationAttempt }[] = [];
      for (const channel of channelsToTry(payload, recipient, settings, notifiers)) {
        for (const identity of recipient.identities.filter((candidate) => candidate.channel === channel)) {
          const decision = await policy.check({ channel, address: identity.externalId, purpose: payload.purpose, customerId: recipient.customer._id }, now);
          if (!decision.ok) {
            skipped.push(decision.reason);
            continue;
          }
          const attempt = notifiers.get(channel)!.attempt(notification, { externalId: identity.externalId, lastInboundAt: identity.lastInboundAt, locale }, now);
          if (typeof attempt === 'string') skipped.push(attempt);
          else attempts.push({ channel, attempt });
        }
      }
      if (attempts.length === 0) return { hold: 'withheld', reason: skipped.join('; ') || 'no channel to reach the customer on' };

      const quiet = payload.askedForNow ? null : customerQuietHours(recipient, settings.quietHours);
      const quietUntil = quiet && quietHoursEnd(now, recipient.customer.timeZone ?? 'UTC', quiet);
      if (quietUntil) return { hold: 'deferred', until: quietUntil, reason: `quiet hours in ${recipient.customer.timeZone}` };

      const errors: string[] = [];
      for (const { channel, attempt } of attempts) {
        const result = await attempt();
        if (result.ok || result.retryable) return result;
        errors.push(`${channel}: ${result.error}`);
      }
      return { ok: false, retryable: false, error: errors.join('; ') };
    },
  };
}
