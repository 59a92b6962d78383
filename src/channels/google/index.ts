import type { ChannelAdapter } from '../adapter';
import { GOOGLE_LIMITS } from './capabilities';
import { renderFulfillment } from './render';
import { googleRouter } from './router';
import { webhookRequestSchema } from './webhook-request';

export const googleChannel: ChannelAdapter = {
  id: 'google',
  label: 'Google (Dialogflow ES)',
  voice: true,
  capabilities: GOOGLE_LIMITS,
  delivery: {
    via: 'response',
    caption: 'WebhookResponse JSON to Dialogflow: fulfillmentText and fulfillmentMessages for every integration (the Assistant payload is added when the request came from Google)',
  },
  render(reply, { channelUserId }) {
    // Outside a request (the console) there is no Dialogflow request; a minimal one whose session is the customer.
    const request = webhookRequestSchema.parse({ responseId: 'console', session: `projects/console/agent/sessions/${channelUserId}`, queryResult: { intent: { displayName: 'Console' } } });
    const fulfillment = renderFulfillment(reply, request);
    return { format: 'json', body: JSON.stringify(fulfillment, null, 2), facts: { messages: fulfillment.fulfillmentMessages.length } };
  },
  path: '/google',
  routes: googleRouter,
};
