import { identifyCustomer, joinChannelAlias, recordChannelSubscription } from '../services/customers';
import { claimSignedNonce } from '../store/event-store';
import { recordMessageCost, recordTemplateCategory, templateCategory } from '../store/message-cost-store';
import { takeRateSlot } from '../store/rate-store';
import { findWebchatSession, issueWebchatToken } from '../store/webchat-store';
import type { ChannelServices } from './adapter';

/**
 * The one implementation of `ChannelServices`: what channel folders, which import only the contract,
 * are handed of the use cases and stores. http (endpoints and inbound handlers) and notify (senders and
 * notifiers) pass it to the adapters.
 */
export const channelServices: ChannelServices = {
  consent: {
    async recordSubscription({ channel, channelUserId, locale, subscribed, evidence }, at = new Date()) {
      const { customerId } = await identifyCustomer(channel, channelUserId, locale);
      await recordChannelSubscription(customerId, channel, subscribed, evidence, at);
    },
  },
  messageCosts: { record: recordMessageCost },
  templates: { categoryOf: templateCategory, recordCategory: recordTemplateCategory },
  identities: { joinAlias: joinChannelAlias },
  takeRateSlot,
  claimSignedNonce: (channel, timestamp, nonce, eventId, windowMs) => claimSignedNonce(channel, timestamp, nonce, eventId, windowMs),
  webchatSessions: {
    issue: (locale, ttlMs) => issueWebchatToken(locale, ttlMs),
    find: (token) => findWebchatSession(token),
  },
};
