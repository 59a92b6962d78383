import { ResponseFactory } from 'ask-sdk-core';
import type { ChannelAdapter, ChannelNotifier } from '../adapter';
import type { Config } from '../../config';
import type { OrderStatus } from '../../core/order-rules';
import { ALEXA_LIMITS } from './capabilities';
import { alexaReferenceId, orderStatusEvent, ProactiveEventsClient, type AlexaOrderState } from './proactive-events';
import { renderAlexaResponse } from './render';
import { alexaRouter, type AlexaRouterOptions } from './router';

const ALEXA_ORDER_STATES: Partial<Record<OrderStatus, AlexaOrderState>> = {
  paid: 'ORDER_PREPARING',
  shipped: 'ORDER_SHIPPED',
  delivered: 'ORDER_DELIVERED',
};

/** Order updates as AMAZON.OrderStatus.Updated proactive events; Alexa has no schema for the other notifications. */
function alexaNotifier(config: Config): ChannelNotifier {
  const proactive = new ProactiveEventsClient({
    lwaBaseUrl: config.LWA_API_BASE_URL,
    apiBaseUrl: config.ALEXA_API_BASE_URL,
    clientId: config.ALEXA_SKILL_MESSAGING_CLIENT_ID,
    clientSecret: config.ALEXA_SKILL_MESSAGING_CLIENT_SECRET ?? '',
    stage: config.ALEXA_PROACTIVE_STAGE,
    timeoutMs: config.OUTBOUND_TIMEOUT_MS,
  });
  return {
    attempt(notification, recipient, now) {
      const update = notification.orderUpdate;
      const state = update && ALEXA_ORDER_STATES[update.status];
      if (!update || !state) return 'alexa: no Proactive Events schema for this message';
      // AMAZON.OrderStatus.Updated is offered for en-US only.
      if (recipient.locale !== 'en-US') return `alexa: order status events are not offered in ${recipient.locale}`;
      const event = orderStatusEvent({ referenceId: alexaReferenceId(notification.referenceKey), userId: recipient.externalId, state, sellerName: update.sellerName, locale: recipient.locale, now });
      return () => proactive.send(event);
    },
  };
}

export const alexaChannel: ChannelAdapter<Pick<AlexaRouterOptions, 'verifier' | 'progressiveAfterMs'>> = {
  id: 'alexa',
  label: 'Alexa',
  voice: true,
  capabilities: ALEXA_LIMITS,
  delivery: { via: 'response', caption: 'HTTP response to the Alexa request' },
  render(reply) {
    const response = renderAlexaResponse(ResponseFactory.init(), reply, 'IntentRequest');
    const body = { version: '1.0', response };
    return {
      format: 'json',
      body: JSON.stringify(body, null, 2),
      facts: { speechCharacters: response.outputSpeech && 'ssml' in response.outputSpeech ? response.outputSpeech.ssml.length : 0, shouldEndSession: String(response.shouldEndSession ?? 'unset') },
    };
  },
  path: '/alexa',
  routes: (deps, overrides) => alexaRouter({ ...deps, ...overrides }),
  notifier: alexaNotifier,
};
