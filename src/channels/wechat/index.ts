import type { AgentReplier, ChannelAdapter } from '../adapter';
import { WECHAT_ACK, WECHAT_LIMITS } from './capabilities';
import { wechatSender, type WechatJob } from './client';
import { passiveTextReplyXml, renderWechatText } from './render';
import { wechatInboundHandler, wechatRouter, type WechatRouterOptions } from './router';

/**
 * WeChat's customer-service messages may go for 48 hours after the customer's last message (at most 5
 * per message the customer sent; UNCONFIRMED whether an Official Account's quota is 5 or 20), none after.
 */
const CUSTOMER_SERVICE_WINDOW_MS = 48 * 60 * 60 * 1000;

const wechatAgentReplies: AgentReplier = {
  check(lastInboundAt, now) {
    if (lastInboundAt && now.getTime() - lastInboundAt.getTime() < CUSTOMER_SERVICE_WINDOW_MS) {
      return { sendable: true, freeText: true, mode: 'standard', explanation: "WeChat: inside the 48-hour customer-service window after the customer's last message." };
    }
    return { sendable: false, freeText: false, mode: 'refused', explanation: "WeChat: more than 48 hours since the customer's last message, so customer-service messages are refused; wait for them to write again." };
  },
  job: (reply, channelUserId): WechatJob => ({ toUser: channelUserId, contents: [renderWechatText(reply)] }),
};

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
  agentReplies: () => wechatAgentReplies,
};
