import type { AgentReplier, ChannelAdapter, ChannelNotifier } from '../adapter';
import type { Config } from '../../config';
import { postToGraph } from '../meta/graph-client';
import { daysSince, HUMAN_AGENT_WINDOW_MS, isInsideServiceWindow } from '../meta/service-window';
import { truncate } from '../text-fit';
import { MESSENGER_LIMITS, type MessengerPlatform } from './capabilities';
import { messengerGraphSettings, messengerSender, sendApiRequestBody, type MessengerJob } from './client';
import { renderMessengerMessages } from './render';
import { messengerInboundHandler, messengerRouter } from './router';

/** Free text inside the 24-hour window; outside it only Messenger order updates, by utility template or the POST_PURCHASE_UPDATE tag. */
function metaNotifier(platform: MessengerPlatform, config: Config): ChannelNotifier {
  const graph = messengerGraphSettings(config);
  const template = config.MESSENGER_UTILITY_TEMPLATE;
  return {
    attempt(notification, recipient, now) {
      const to = { id: recipient.externalId };
      const text = truncate(notification.text, MESSENGER_LIMITS.textCharacters);
      if (isInsideServiceWindow(recipient.lastInboundAt, now)) return () => postToGraph(graph, '/me/messages', { recipient: to, messaging_type: 'UPDATE', message: { text } });
      if (platform === 'instagram') return 'instagram: outside the 24-hour window only human agents may write';
      if (notification.kind !== 'order-update') return 'messenger: outside the 24-hour window only order updates may be sent';
      if (template) {
        const parameters = notification.templateParameters.map((value) => ({ type: 'text', text: value }));
        return () =>
          postToGraph(graph, '/me/messages', {
            recipient: to,
            messaging_type: 'UTILITY',
            message: { template: { name: template, language: { code: config.WHATSAPP_TEMPLATE_LANGUAGE }, components: [{ type: 'body', parameters }] } },
          });
      }
      return () => postToGraph(graph, '/me/messages', { recipient: to, messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE', message: { text } });
    },
  };
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
    sender: (config) => messengerSender(messengerGraphSettings(config)),
    notifier: (config) => metaNotifier(platform, config),
    agentReplies: () => metaAgentReplies(platform, label),
  };
}

export const messengerChannel: ChannelAdapter = { ...metaChannel('messenger', 'Messenger'), path: '/messenger', routes: messengerRouter };
/** Instagram's webhook arrives on /messenger (object "instagram"). */
export const instagramChannel: ChannelAdapter = metaChannel('instagram', 'Instagram');
