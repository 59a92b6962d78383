import type { ChannelAdapter } from '../adapter';
import { WEBCHAT_LIMITS } from './capabilities';
import { renderWebchat } from './render';
import { webchatRouter } from './router';

export const webchatChannel: ChannelAdapter = {
  id: 'webchat',
  label: 'Web chat',
  voice: false,
  capabilities: WEBCHAT_LIMITS,
  delivery: { via: 'response', caption: 'JSON response to POST /webchat' },
  render: (reply) => ({ format: 'json', body: JSON.stringify(renderWebchat(reply), null, 2), facts: {} }),
  path: '/webchat',
  routes: webchatRouter,
};
