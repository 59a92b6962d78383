import type { Router } from 'express';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { CommerceSettings } from '../services/settings';
import type { OutboxDispatcher } from '../notify/outbox';
import type { InboundHandlers, InboundQueue } from './inbound-queue';
import { alexaRouter, type AlexaRouterOptions } from './alexa/router';
import { googleRouter } from './google/router';
import { messengerInboundHandler, messengerRouter } from './messenger/router';
import { smsRouter } from './sms/router';
import { wechatInboundHandler, wechatRouter, type WechatRouterOptions } from './wechat/router';
import { whatsappInboundHandler, whatsappRouter } from './whatsapp/router';
import { webchatRouter } from './webchat/router';

export interface ChannelDependencies {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
  outbox: OutboxDispatcher;
  /** Where messaging webhooks record messages, and whose workers answer them. */
  inbound: InboundQueue;
}

/** Per-channel test seams (trust roots, fakes), keyed by channel. */
export interface ChannelOverrides {
  alexa?: Pick<AlexaRouterOptions, 'verifier' | 'progressiveAfterMs'>;
  wechat?: WechatRouterOptions;
}

/** Every channel endpoint: adding a channel is one folder under channels/ and one line here. */
export function channelRouters(deps: ChannelDependencies, overrides: ChannelOverrides = {}): { path: string; router: Router }[] {
  return [
    { path: '/alexa', router: alexaRouter({ ...deps, ...overrides.alexa }) },
    { path: '/messenger', router: messengerRouter(deps) },
    { path: '/whatsapp', router: whatsappRouter(deps) },
    { path: '/sms', router: smsRouter(deps) },
    { path: '/google', router: googleRouter(deps) },
    { path: '/wechat', router: wechatRouter({ ...deps, ...overrides.wechat }) },
    { path: '/webchat', router: webchatRouter(deps) },
  ];
}

/** What the inbound workers run per channel: every channel whose webhook records messages has one here. */
export function inboundHandlers(deps: ChannelDependencies): InboundHandlers {
  const messenger = messengerInboundHandler(deps);
  return { messenger, instagram: messenger, whatsapp: whatsappInboundHandler(deps), wechat: wechatInboundHandler(deps) };
}
