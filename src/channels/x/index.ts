import type { Config } from '../../config';
import type { ChannelAdapter, ChannelNotifier } from '../adapter';
import { X_LIMITS, X_REPLY_WINDOW_MS } from './capabilities';
import { dmRequestBody, sendDirectMessage, xSender } from './client';
import { fitDirectMessage, renderXMessages } from './render';
import { xInboundHandler, xRouter } from './router';

/** A notification is one DM, and only while the customer's last DM is recent enough for X's rules (X_REPLY_WINDOW_MS). */
function xNotifier(config: Config): ChannelNotifier {
  return {
    attempt(notification, recipient, now) {
      const last = recipient.lastInboundAt?.getTime();
      if (last === undefined || Number.isNaN(last) || now.getTime() - last >= X_REPLY_WINDOW_MS) return 'x: only within 24 hours of the customer\'s last direct message';
      const text = fitDirectMessage(notification.text);
      if (!text) return 'x: nothing to send';
      return () => sendDirectMessage(config, recipient.externalId, text, now.getTime());
    },
  };
}

/**
 * X (Twitter) direct messages: the Account Activity API webhook in, the v2 DM send API out. The id is
 * `x-dm` because channel ids have at least two characters (core/channels.ts).
 */
export const xChannel: ChannelAdapter = {
  id: 'x-dm',
  label: 'X direct messages',
  voice: false,
  capabilities: X_LIMITS,
  delivery: { via: 'outbox', caption: 'DM send API requests: POST /2/dm_conversations/with/{participant_id}/messages, one per message, in order' },
  render(reply) {
    const requests = renderXMessages(reply).map(dmRequestBody);
    return { format: 'json', body: JSON.stringify(requests, null, 2), facts: { messages: requests.length, characters: requests.reduce((sum, r) => sum + r.text.length, 0) } };
  },
  path: '/x',
  routes: xRouter,
  inbound: xInboundHandler,
  sender: xSender,
  notifier: xNotifier,
};
