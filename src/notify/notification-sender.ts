import { Types } from 'mongoose';
import type { Config } from '../config';
import type { OrderStatus } from '../core/order-rules';
import { parseQuietHours, quietHoursEnd, type QuietHours } from '../core/quiet-hours';
import { alexaReferenceId, orderStatusEvent, ProactiveEventsClient, type AlexaOrderState } from '../channels/alexa/proactive-events';
import { MESSENGER_LIMITS } from '../channels/messenger/capabilities';
import { messengerGraphSettings } from '../channels/messenger/client';
import { postToGraph, type GraphSettings } from '../channels/meta/graph-client';
import { smsSender } from '../channels/sms/client';
import { fitToSegments } from '../channels/sms/segments';
import { truncate } from '../channels/text-fit';
import { WHATSAPP_LIMITS } from '../channels/whatsapp/capabilities';
import { postWhatsAppMessage, whatsappGraphSettings } from '../channels/whatsapp/client';
import { isInsideServiceWindow, utilityTemplateMessage, type WhatsAppMessage } from '../channels/whatsapp/render';
import { productBySku } from '../services/catalog-service';
import { notificationRecipient, orderForNotification, type NotificationPayload, type NotificationRecipient } from '../services/notification-service';
import type { HoldResult, OutboxSender, SendResult } from './outbox';
import { OutboundPolicy, outboundPolicySettings } from './send-policy';
import { backInStockText, orderUpdateParameters, orderUpdateText, type OrderUpdateFacts } from './wording';

/** The channels a notification can go out on (voice-only and web channels cannot reach a customer unprompted). */
export const NOTIFIABLE_CHANNELS = ['whatsapp', 'messenger', 'instagram', 'sms', 'alexa'] as const;
type NotifiableChannel = (typeof NOTIFIABLE_CHANNELS)[number];

const ALEXA_ORDER_STATES: Partial<Record<OrderStatus, AlexaOrderState>> = {
  paid: 'ORDER_PREPARING',
  shipped: 'ORDER_SHIPPED',
  delivered: 'ORDER_DELIVERED',
};

export interface NotificationSettings {
  sellerName: string;
  channelOrder: readonly NotifiableChannel[];
  quietHours: QuietHours | null;
  whatsappTemplates: { orderUpdate: string; backInStock: string; language: string };
  messengerUtilityTemplate?: string;
  smsSegmentBudget: number;
}

export function notificationSettings(config: Config): NotificationSettings {
  return {
    sellerName: config.SELLER_NAME,
    channelOrder: config.NOTIFY_CHANNEL_ORDER,
    quietHours: config.QUIET_HOURS === 'off' ? null : parseQuietHours(config.QUIET_HOURS),
    whatsappTemplates: { orderUpdate: config.WHATSAPP_TEMPLATE_ORDER_UPDATE, backInStock: config.WHATSAPP_TEMPLATE_BACK_IN_STOCK, language: config.WHATSAPP_TEMPLATE_LANGUAGE },
    messengerUtilityTemplate: config.MESSENGER_UTILITY_TEMPLATE,
    smsSegmentBudget: config.SMS_SEGMENT_BUDGET,
  };
}

/** What one notification says, worked out once and then fitted to each channel. */
interface Content {
  text: string;
  orderUpdate?: OrderUpdateFacts;
  backInStock?: { productName: string };
}

type Attempt = () => Promise<SendResult>;

function isNotifiable(channel: string): channel is NotifiableChannel {
  return (NOTIFIABLE_CHANNELS as readonly string[]).includes(channel);
}

/** The customer's own preferences first, then the channel the cause came from, then the configured order. */
function channelsToTry(payload: NotificationPayload, recipient: NotificationRecipient, settings: NotificationSettings): NotifiableChannel[] {
  const wanted = [...(recipient.customer.preferences?.preferredChannels ?? []), payload.preferredChannel ?? '', ...settings.channelOrder];
  return [...new Set(wanted)].filter(isNotifiable).filter((channel) => recipient.identities.some((identity) => identity.channel === channel));
}

function customerQuietHours(recipient: NotificationRecipient, fallback: QuietHours | null): QuietHours | null {
  const own = recipient.customer.preferences?.quietHours;
  if (own?.start && own.end) return parseQuietHours(`${own.start}-${own.end}`) ?? fallback;
  return fallback;
}

/**
 * The outbox sender for 'notification' jobs. At send time (not when queued, since windows and consent
 * change) it takes the first channel that the customer can be reached on, has not opted out of for
 * this purpose, and whose platform rules allow this message now; a permanent refusal moves on to the
 * next channel. Nothing allowed anywhere: the job is withheld. Inside quiet hours: deferred to their end.
 */
export function notificationSender(config: Config, proactive = new ProactiveEventsClient({
  lwaBaseUrl: config.LWA_API_BASE_URL,
  apiBaseUrl: config.ALEXA_API_BASE_URL,
  clientId: config.ALEXA_SKILL_MESSAGING_CLIENT_ID,
  clientSecret: config.ALEXA_SKILL_MESSAGING_CLIENT_SECRET ?? '',
  stage: config.ALEXA_PROACTIVE_STAGE,
  timeoutMs: config.OUTBOUND_TIMEOUT_MS,
}), policy = new OutboundPolicy(outboundPolicySettings(config))): OutboxSender {
  const settings = notificationSettings(config);
  const messengerGraph = messengerGraphSettings(config);
  const whatsappGraph = whatsappGraphSettings(config);
  const sms = smsSender(config);

  async function contentFor(payload: NotificationPayload): Promise<Content | string> {
    if (payload.type === 'order-status') {
      const order = await orderForNotification(new Types.ObjectId(payload.orderId));
      if (!order) return `order ${payload.orderNumber} no longer exists`;
      const facts: OrderUpdateFacts = { sellerName: order.sellerName, orderNumber: order.orderNumber, status: payload.status, tracking: order.tracking };
      return { text: orderUpdateText(facts), orderUpdate: facts };
    }
    const product = await productBySku(payload.sku);
    if (!product) return `product ${payload.sku} no longer exists`;
    return { text: backInStockText(settings.sellerName, product.name), backInStock: { productName: product.name } };
  }

  function attemptOn(channel: NotifiableChannel, externalId: string, lastInbound: Date | null, content: Content, referenceKey: string, recipient: NotificationRecipient, now: Date): Attempt | string {
    switch (channel) {
      case 'messenger':
      case 'instagram':
        return metaAttempt(channel, messengerGraph, externalId, lastInbound, content, now);
      case 'whatsapp': {
        let message: WhatsAppMessage;
        if (isInsideServiceWindow(lastInbound, now)) message = { type: 'text', text: { body: truncate(content.text, WHATSAPP_LIMITS.textBody) } };
        else if (content.orderUpdate) message = utilityTemplateMessage(settings.whatsappTemplates.orderUpdate, settings.whatsappTemplates.language, orderUpdateParameters(content.orderUpdate));
        else message = utilityTemplateMessage(settings.whatsappTemplates.backInStock, settings.whatsappTemplates.language, [content.backInStock!.productName]);
        return () => postWhatsAppMessage(whatsappGraph, config.WHATSAPP_PHONE_NUMBER_ID, externalId, message);
      }
      case 'sms': {
        const body = fitToSegments(content.text, settings.smsSegmentBudget);
        return async () => {
          const result = await sms.send({ to: externalId, bodies: [body] }, 0, now);
          return 'hold' in result ? { ok: false, retryable: false, error: result.reason } : result;
        };
      }
      case 'alexa': {
        const state = content.orderUpdate && ALEXA_ORDER_STATES[content.orderUpdate.status];
        if (!state) return 'alexa: no Proactive Events schema for this message';
        const locale = recipient.customer.locale ?? 'en-US';
        // AMAZON.OrderStatus.Updated is offered for en-US only.
        if (locale !== 'en-US') return `alexa: order status events are not offered in ${locale}`;
        const event = orderStatusEvent({ referenceId: alexaReferenceId(referenceKey), userId: externalId, state, sellerName: content.orderUpdate!.sellerName, locale, now });
        return () => proactive.send(event);
      }
    }
  }

  function metaAttempt(channel: 'messenger' | 'instagram', graph: GraphSettings, recipientId: string, lastInbound: Date | null, content: Content, now: Date): Attempt | string {
    const recipient = { id: recipientId };
    const text = truncate(content.text, MESSENGER_LIMITS.textCharacters);
    // Both run a 24-hour standard messaging window from the customer's last message, as WhatsApp does.
    if (isInsideServiceWindow(lastInbound, now)) return () => postToGraph(graph, '/me/messages', { recipient, messaging_type: 'UPDATE', message: { text } });
    if (channel === 'instagram') return 'instagram: outside the 24-hour window only human agents may write';
    if (!content.orderUpdate) return 'messenger: outside the 24-hour window only order updates may be sent';
    const template = settings.messengerUtilityTemplate;
    if (template) {
      const parameters = orderUpdateParameters(content.orderUpdate).map((value) => ({ type: 'text', text: value }));
      return () =>
        postToGraph(graph, '/me/messages', {
          recipient,
          messaging_type: 'UTILITY',
          message: { template: { name: template, language: { code: settings.whatsappTemplates.language }, components: [{ type: 'body', parameters }] } },
        });
    }
    return () => postToGraph(graph, '/me/messages', { recipient, messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE', message: { text } });
  }

  return {
    messageCount: () => 1,
    async send(rawPayload, _index, now): Promise<SendResult | HoldResult> {
      const payload = rawPayload as NotificationPayload;
      const recipient = await notificationRecipient(new Types.ObjectId(payload.customerId));
      if (!recipient) return { hold: 'withheld', reason: 'the customer was erased' };
      const content = await contentFor(payload);
      if (typeof content === 'string') return { hold: 'withheld', reason: content };

      const skipped: string[] = [];
      const attempts: { channel: NotifiableChannel; attempt: Attempt }[] = [];
      for (const channel of channelsToTry(payload, recipient, settings)) {
        for (const identity of recipient.identities.filter((candidate) => candidate.channel === channel)) {
          const decision = await policy.check({ channel, address: identity.externalId, purpose: payload.purpose, customerId: recipient.customer._id }, now);
          if (!decision.ok) {
            skipped.push(decision.reason);
            continue;
          }
          const attempt = attemptOn(channel, identity.externalId, identity.lastInboundAt, content, payload.referenceKey, recipient, now);
          if (typeof attempt === 'string') skipped.push(attempt);
          else attempts.push({ channel, attempt });
        }
      }
      if (attempts.length === 0) return { hold: 'withheld', reason: skipped.join('; ') || 'no channel to reach the customer on' };

      const quiet = customerQuietHours(recipient, settings.quietHours);
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
