import type { AgentReplier, ChannelAdapter, ChannelNotifier, ChannelServices } from '../adapter';
import type { Config } from '../../config';
import { daysSince, HUMAN_AGENT_WINDOW_MS, isInsideServiceWindow } from '../meta/service-window';
import { truncate } from '../text-fit';
import { MESSENGER_LIMITS, type MessengerPlatform } from './capabilities';
import { messengerGraphSettings, messengerSender, postWithinSendLimit, sendApiRequestBody, type MessengerJob } from './client';
import { renderMessengerMessages } from './render';
import { messengerInboundHandler, messengerRouter } from './router';

/**
 * Free text inside the 24-hour window; outside it, only Messenger order updates, as the Page's utility
 * message template (MESSENGER_UTILITY_TEMPLATE). The ACCOUNT_UPDATE and POST_PURCHASE_UPDATE message
 * tags are never sent: Meta is replacing them with utility messages (UNCONFIRMED: the date they stop
 * being accepted; Meta's utility messages guide names them as what utility messages replace).
 */
function metaNotifier(platform: MessengerPlatform, config: Config, services: ChannelServices): ChannelNotifier {
  const graph = messengerGraphSettings(config);
  const template = config.MESSENGER_UTILITY_TEMPLATE;
  return {
    attempt(notification, recipient, now) {
      const to = { id: recipient.externalId };
      if (isInsideServiceWindow(recipient.lastInboundAt, now)) {
        const text = truncate(notification.text, MESSENGER_LIMITS.textCharacters);
        return () => postWithinSendLimit(graph, services, platform, { recipient: to, messaging_type: 'UPDATE', message: { text } }, now);
      }
      if (platform === 'instagram') return 'instagram: outside the 24-hour window only human agents may write';
      if (notification.kind !== 'order-update') return 'messenger: outside the 24-hour window only order updates may be sent';
      if (!template) return 'messenger: outside the 24-hour window an order update needs the Page\'s utility message template (MESSENGER_UTILITY_TEMPLATE); message tags are not used';
      return () => postWithinSendLimit(graph, services, platform, utilityMessageBody(recipient.externalId, template, config.WHATSAPP_TEMPLATE_LANGUAGE, notification.templateParameters), now);
    },
  };
}

/**
 * A utility message: the Page's approved template by name and language, its body parameters in order.
 * UNCONFIRMED: the exact request fields (messaging_type UTILITY, message.template with name, language
 * and components); Meta's utility messages guide was readable here only up to its template search.
 */
export function utilityMessageBody(recipientId: string, templateName: string, languageCode: string, bodyParameters: string[]): Record<string, unknown> {
  const parameters = bodyParameters.map((value) => ({ type: 'text', text: value }));
  return { recipient: { id: recipientId }, messaging_type: 'UTILITY', message: { template: { name: templateName, language: { code: languageCode }, components: [{ type: 'body', parameters }] } } };
}

/**
 * A person may answer freely for 24 hours after the customer's last message, then with the HUMAN_AGENT
 * tag up to 7 days after it; after that nothing may be sent until the customer writes again.
 */
function metaAgentReplies(platform: MessengerPlatform, label: string): AgentReplier {
  return {
    check(lastInboundAt, now) {
      if (isInsideServiceWindow(lastInboundAt, now)) return { sendable: true, freeText: true, mode: 'standard', explanation: `${label}: inside the 24-hour window, your reply goes as it is.` };
      if (lastInboundAt && now.getTime() - lastInboundAt.getTime() <= HUMAN_AGENT_WINDOW_MS) {
        return { sendable: true, freeText: true, mode: 'human-agent tag', explanation: `${label}: the customer last wrote ${daysSince(lastInboundAt, now)} days ago; your reply goes with the HUMAN_AGENT tag, allowed up to 7 days after their last message.` };
      }
      const since = lastInboundAt ? `${daysSince(lastInboundAt, now)} days ago` : 'never here';
      return { sendable: false, freeText: false, mode: 'refused', explanation: `${label}: the customer last wrote ${since}; a person may answer only up to 7 days after the customer's last message (HUMAN_AGENT tag). Wait for them to write again.` };
    },
    job: (reply, channelUserId, check): MessengerJob => ({ recipientId: channelUserId, messages: renderMessengerMessages(reply, { platform }), humanAgentTag: check.mode === 'human-agent tag' }),
  };
}

/** Messenger and Instagram share the Send API, the webhook (POST /messenger) and the renderer, each with its own platform rules. */
function metaChannel(platform: MessengerPlatform, label: string): ChannelAdapter {
  return {
    id: platform,
    label,
    voice: false,
    capabilities: MESSENGER_LIMITS,
    delivery: { via: 'outbox', caption: 'Send API requests: POST /me/messages, one per message, in order' },
    render(reply, { channelUserId }) {
      const requests = renderMessengerMessages(reply, { platform }).map((message) => sendApiRequestBody(channelUserId, message));
      return { format: 'json', body: JSON.stringify(requests, null, 2), facts: { messages: requests.length } };
    },
    inbound: messengerInboundHandler,
    sender: (config, services) => messengerSender(messengerGraphSettings(config), services, platform),
    notifier: (config, services) => metaNotifier(platform, config, services),
    agentReplies: () => metaAgentReplies(platform, label),
  };
}

export const messengerChannel: ChannelAdapter = { ...metaChannel('messenger', 'Messenger'), path: '/messenger', routes: messengerRouter };
/** Instagram's webhook arrives on /messenger (object "instagram"). */
export const instagramChannel: ChannelAdapter = metaChannel('instagram', 'Instagram');
