import type { ChannelAdapter, ChannelNotifier } from '../adapter';
import type { Config } from '../../config';
import { whatsappRefusesMarketingTo } from '../../core/campaign';
import { isInsideServiceWindow } from '../meta/service-window';
import { truncate } from '../text-fit';
import { WHATSAPP_LIMITS } from './capabilities';
import { cloudApiRequestBody, postWhatsAppMessage, whatsappGraphSettings, whatsappSender } from './client';
import { renderWhatsAppMessages, utilityTemplateMessage, type WhatsAppMessage } from './render';
import { whatsappInboundHandler, whatsappRouter } from './router';

/** Free text inside the customer service window, else the operator's approved utility template for this kind of message. */
function whatsappNotifier(config: Config): ChannelNotifier {
  const graph = whatsappGraphSettings(config);
  const templates = { 'order-update': config.WHATSAPP_TEMPLATE_ORDER_UPDATE, 'back-in-stock': config.WHATSAPP_TEMPLATE_BACK_IN_STOCK };
  return {
    attempt(notification, recipient, now) {
      if (notification.kind === 'marketing') {
        // Marketing goes as the operator's MARKETING-category template, never free text, and never to +1 numbers.
        if (whatsappRefusesMarketingTo(recipient.externalId)) return 'whatsapp: Meta does not deliver marketing templates to +1 numbers';
        const templateName = notification.marketing?.whatsappTemplate;
        if (!templateName) return 'whatsapp: the campaign has no approved marketing template';
        const template = utilityTemplateMessage(templateName, config.WHATSAPP_TEMPLATE_LANGUAGE, notification.templateParameters);
        return () => postWhatsAppMessage(graph, config.WHATSAPP_PHONE_NUMBER_ID, recipient.externalId, template);
      }
      const message: WhatsAppMessage = isInsideServiceWindow(recipient.lastInboundAt, now)
        ? { type: 'text', text: { body: truncate(notification.text, WHATSAPP_LIMITS.textBody) } }
        : utilityTemplateMessage(templates[notification.kind], config.WHATSAPP_TEMPLATE_LANGUAGE, notification.templateParameters);
      return () => postWhatsAppMessage(graph, config.WHATSAPP_PHONE_NUMBER_ID, recipient.externalId, message);
    },
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
};
