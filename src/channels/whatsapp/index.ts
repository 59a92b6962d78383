import type { AgentReplier, ChannelAdapter, ChannelNotifier } from '../adapter';
import type { Config } from '../../config';
import { isInsideServiceWindow } from '../meta/service-window';
import { truncate } from '../text-fit';
import { WHATSAPP_LIMITS } from './capabilities';
import { cloudApiRequestBody, postWhatsAppMessage, whatsappGraphSettings, whatsappSender, type WhatsAppJob } from './client';
import { renderWhatsAppMessages, utilityTemplateMessage, type WhatsAppMessage } from './render';
import { whatsappInboundHandler, whatsappRouter } from './router';

/** Free text inside the customer service window, else the operator's approved utility template for this kind of message. */
function whatsappNotifier(config: Config): ChannelNotifier {
  const graph = whatsappGraphSettings(config);
  const templates = { 'order-update': config.WHATSAPP_TEMPLATE_ORDER_UPDATE, 'back-in-stock': config.WHATSAPP_TEMPLATE_BACK_IN_STOCK };
  return {
    attempt(notification, recipient, now) {
      const message: WhatsAppMessage = isInsideServiceWindow(recipient.lastInboundAt, now)
        ? { type: 'text', text: { body: truncate(notification.text, WHATSAPP_LIMITS.textBody) } }
        : utilityTemplateMessage(templates[notification.kind], config.WHATSAPP_TEMPLATE_LANGUAGE, notification.templateParameters);
      return () => postWhatsAppMessage(graph, config.WHATSAPP_PHONE_NUMBER_ID, recipient.externalId, message);
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
