import type { ChannelAdapter } from '../adapter';
import { WECHAT_ACK, WECHAT_LIMITS } from './capabilities';
import { wechatSender } from './client';
import { passiveTextReplyXml, renderWechatText } from './render';
import { wechatInboundHandler, wechatRouter, type WechatRouterOptions } from './router';

export const wechatChannel: ChannelAdapter<WechatRouterOptions> = {
  id: 'wechat',
  label: 'WeChat',
  voice: false,
  capabilities: WECHAT_LIMITS,
  delivery: { via: 'response', caption: 'Passive XML reply to the WeChat push (the customer-service API carries the same text when the turn is slow)' },
  render(reply, { channelUserId }) {
    const content = renderWechatText(reply);
    // The Official Account's original id arrives on each push (ToUserName); outside a push there is none, so a stand-in.
    const body = content === '' ? WECHAT_ACK : passiveTextReplyXml({ toUser: channelUserId, fromAccount: 'gh_console_preview', content, now: new Date() });
    return { format: 'xml', body, facts: { contentBytes: Buffer.byteLength(content, 'utf8'), byteLimit: WECHAT_LIMITS.contentBytes } };
  },
  path: '/wechat',
  routes: (deps, overrides) => wechatRouter({ ...deps, ...overrides }),
  inbound: wechatInboundHandler,
  sender: (config) => wechatSender(config),
};
