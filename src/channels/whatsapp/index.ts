import type { AgentReplier, ChannelAdapter, ChannelNotifier, ChannelServices, SendResult, TemplateCategory } from '../adapter';
import { pricingCategoryOfTemplate, type WhatsAppPricingCategory } from '../../core/whatsapp';
import type { Config } from '../../config';
import { whatsappRefusesMarketingTo } from '../../core/campaign';
import { isInsideServiceWindow } from '../meta/service-window';
import { truncate } from '../text-fit';
import { WHATSAPP_LIMITS } from './capabilities';
import { cloudApiRequestBody, postWhatsAppMessage, recordWhatsAppCost, whatsappGraphSettings, whatsappSender, type WhatsAppJob } from './client';
import { renderWhatsAppMessages, utilityTemplateMessage, type WhatsAppMessage } from './render';
import { whatsappInboundHandler, whatsappRouter } from './router';

/**
 * Why a template may not carry a utility message: Meta re-categorised it (template_category_update),
 * and a marketing template is billed as marketing and refused where marketing is (e.g. +1 numbers).
 */
function notForUtility(name: string, language: string, current: TemplateCategory | null): string | null {
  if (!current || pricingCategoryOfTemplate(current.category) !== 'marketing') return null;
  const when = current.changedAt.toISOString().slice(0, 10);
  return `whatsapp: template ${name} (${language}) was re-categorised${current.previousCategory ? ` from ${current.previousCategory}` : ''} to ${current.category} on ${when}; it is not used for utility messages`;
}

/**
 * Meta's template language codes for the languages the shop speaks beyond English (the template's text
 * and its parameters must be in one language; each localized template is approved on its own).
 * English customers get WHATSAPP_TEMPLATE_LANGUAGE.
 */
const TEMPLATE_LANGUAGES: Record<string, string> = { pt: 'pt_BR', it: 'it', zh: 'zh_CN', pl: 'pl', ro: 'ro' };

/**
 * Free text inside the customer service window, else the operator's approved utility template for
 * this kind of message, unless Meta has re-categorised that template as marketing. Each sent message
 * records its pricing category (service, or the template's) and estimated cost.
 */
function whatsappNotifier(config: Config, services: ChannelServices): ChannelNotifier {
  const graph = whatsappGraphSettings(config);
  // UNCONFIRMED: that Meta approves a post-delivery NPS question as a UTILITY template (it re-categorises what it judges promotional, which notForUtility then refuses).
  const templates = { 'order-update': config.WHATSAPP_TEMPLATE_ORDER_UPDATE, 'back-in-stock': config.WHATSAPP_TEMPLATE_BACK_IN_STOCK, survey: config.WHATSAPP_TEMPLATE_NPS };
  const send = async (to: string, message: WhatsAppMessage, category: WhatsAppPricingCategory, sendKey: string, now: Date): Promise<SendResult> => {
    const result = await postWhatsAppMessage(graph, config.WHATSAPP_PHONE_NUMBER_ID, to, message);
    if (result.ok) await recordWhatsAppCost(config, services, sendKey, category, now);
    return result;
  };
  return {
    attempt(notification, recipient, now) {
      const language = TEMPLATE_LANGUAGES[recipient.locale.split('-')[0]!] ?? config.WHATSAPP_TEMPLATE_LANGUAGE;
      if (notification.kind === 'marketing') {
        // Marketing goes as the operator's MARKETING-category template, never free text, and never to +1 numbers.
        if (whatsappRefusesMarketingTo(recipient.externalId)) return 'whatsapp: Meta does not deliver marketing templates to +1 numbers';
        const templateName = notification.marketing?.whatsappTemplate;
        if (!templateName) return 'whatsapp: the campaign has no approved marketing template';
        const template = utilityTemplateMessage(templateName, language, notification.templateParameters);
        return () => send(recipient.externalId, template, 'marketing', `campaign:${notification.referenceKey}:${recipient.externalId}`, now);
      }
      const sendKey = `notification:${notification.referenceKey}`;
      if (isInsideServiceWindow(recipient.lastInboundAt, now)) {
        return () => send(recipient.externalId, { type: 'text', text: { body: truncate(notification.text, WHATSAPP_LIMITS.textBody) } }, 'service', sendKey, now);
      }
      // UNCONFIRMED: whether Meta would approve a card-setup link as a UTILITY template; none is configured, so outside the window the next channel (SMS) carries it.
      if (notification.kind === 'card-setup') return 'whatsapp: outside the 24-hour window a card-setup link needs an approved template, and none is configured';
      const name = templates[notification.kind];
      return async () => {
        const current = await services.templates.categoryOf('whatsapp', name, language);
        const refusal = notForUtility(name, language, current);
        if (refusal) return { ok: false, retryable: false, error: refusal };
        const category = (current && pricingCategoryOfTemplate(current.category)) || 'utility';
        return send(recipient.externalId, utilityTemplateMessage(name, language, notification.templateParameters), category, sendKey, now);
      };
    },
  };
}

/** Free text only inside the 24-hour customer service window; outside it the approved template that asks the customer to reply. */
function whatsappAgentReplies(config: Config): AgentReplier {
  const template = config.WHATSAPP_TEMPLATE_AGENT_REPLY;
  return {
    check(lastInboundAt, now) {
      if (isInsideServiceWindow(lastInboundAt, now)) return { sendable: true, freeText: true, mode: 'standard', explanation: 'WhatsApp: inside the 24-hour customer service window, your reply goes as it is.' };
      return {
        sendable: true,
        freeText: false,
        mode: 'template',
        explanation: `WhatsApp: the 24-hour customer service window is closed, so free text cannot be delivered; the approved template "${template}" asks the customer to reply, and your reply can follow once they do.`,
      };
    },
    job: (reply, channelUserId, check): WhatsAppJob => ({
      to: channelUserId,
      messages: check.mode === 'template' ? [utilityTemplateMessage(template, config.WHATSAPP_TEMPLATE_LANGUAGE, [config.SELLER_NAME])] : renderWhatsAppMessages(reply, { catalogId: config.WHATSAPP_CATALOG_ID }),
    }),
  };
}

export const whatsappChannel: ChannelAdapter = {
  id: 'whatsapp',
  label: 'WhatsApp',
  voice: false,
  capabilities: WHATSAPP_LIMITS,
  delivery: { via: 'outbox', caption: 'Cloud API requests: POST /{phone-number-id}/messages, one per message, in order' },
  render(reply, { config, channelUserId }) {
    const requests = renderWhatsAppMessages(reply, { catalogId: config.WHATSAPP_CATALOG_ID }).map((message) => cloudApiRequestBody(channelUserId, message));
    return { format: 'json', body: JSON.stringify(requests, null, 2), facts: { messages: requests.length } };
  },
  path: '/whatsapp',
  routes: whatsappRouter,
  inbound: whatsappInboundHandler,
  sender: whatsappSender,
  notifier: whatsappNotifier,
  agentReplies: whatsappAgentReplies,
};
